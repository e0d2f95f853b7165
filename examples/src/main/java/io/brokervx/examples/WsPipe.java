package io.brokervx.examples;

import io.brokervx.data.Data;
import io.brokervx.websocket.WebSocketTlsOptions;
import io.brokervx.websocket.ZeekWebSocketClient;
import io.brokervx.websocket.ZeekWebSocketClientOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ws-pipe}: {@code pipe} over Zeek's WebSocket API v1 instead of a peering: publish mode sends each line of
 * standard input as a string, subscribe mode prints each message that arrives (or with {@code -r} the messages per
 * second) until CAP messages. It talks to any WebSocket API server: Zeek, Broker's, or an endpoint's own.
 */
@Command(name = "ws-pipe", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Publishes each line of standard input as a string on TOPIC, or prints each message that "
        + "arrives under TOPIC (a prefix), one per line, through Zeek's WebSocket API v1."},
    footer = {"", "Examples:", "  ws-pipe -m subscribe -t /demo --url ws://127.0.0.1:27759/v1/messages/json",
        "  echo hello | ws-pipe -m publish -t /demo/x"})
final class WsPipe implements Callable<Integer> {
  @ParentCommand
  private BrokerTools tools;
  @Option(names = {"-m", "--mode"}, required = true, paramLabel = "publish|subscribe",
      description = "publish standard input, or print what arrives")
  private Pipe.Mode mode;
  @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "the topic (prefix)")
  private String topic;
  @Option(names = {"-u", "--url"}, paramLabel = "URL", description = "the server (default: ${DEFAULT-VALUE})")
  private String url = ZeekWebSocketClientOptions.DEFAULT_URL;
  @Option(names = {"-c", "--message-cap"}, paramLabel = "CAP", description = "stop after CAP messages")
  private long cap = Long.MAX_VALUE;
  @Option(names = {"-r", "--rate"}, description = "subscribe: print messages per second instead of the messages")
  private boolean rate;
  @Option(names = "--app-name", paramLabel = "NAME", description = "the X-Application-Name header to send")
  private String appName;
  @Option(names = "--cafile", paramLabel = "PEM", description = "wss: the CA the server's certificate is signed by")
  private String cafile;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      ZeekWebSocketClientOptions options;
      try {
        options = new ZeekWebSocketClientOptions().setUrl(url).setApplicationName(appName)
            .setSubscriptions(mode == Pipe.Mode.SUBSCRIBE ? List.of(topic) : List.of())
            .setTls(new WebSocketTlsOptions().setCafile(cafile));
      } catch (IllegalArgumentException e) {
        throw new ToolFailure(e.getMessage());
      }
      ZeekWebSocketClient client;
      try {
        client = ToolRuntime.await(ZeekWebSocketClient.connect(vertx, options));
      } catch (java.util.concurrent.ExecutionException e) {
        throw new ToolFailure(e.getCause().getMessage());
      }
      tools.err.println("ws-pipe: connected to " + url + " (endpoint " + client.endpointId() + ", version "
          + client.version() + ")");
      client.errorHandler(e -> tools.err.println("ws-pipe: the server reports " + e.getMessage()));
      int code = mode == Pipe.Mode.SUBSCRIBE ? subscribe(vertx, client) : publish(client);
      ToolRuntime.await(client.close());
      return code;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  private int subscribe(Vertx vertx, ZeekWebSocketClient client) throws InterruptedException {
    CappedPrinter printer = new CappedPrinter(tools.out, cap, rate);
    client.messages().endHandler(v -> printer.stop()).handler(printer);
    if (rate) {
      vertx.setPeriodic(1000, t -> printer.printRate());
    }
    printer.await();
    return BrokerTools.EXIT_OK;
  }

  private int publish(ZeekWebSocketClient client) throws Exception {
    BufferedReader reader = new BufferedReader(new InputStreamReader(tools.in, StandardCharsets.UTF_8));
    long sent = 0;
    List<Future<Void>> window = new ArrayList<>();
    for (String line = reader.readLine(); line != null && sent < cap; line = reader.readLine()) {
      window.add(client.publish(topic, Data.string(line)));
      sent++;
      if (window.size() == 256) { // a bounded number in flight
        ToolRuntime.await(Future.all(window));
        window.clear();
      }
    }
    ToolRuntime.await(Future.all(window));
    tools.err.println("ws-pipe: published " + sent + (sent == 1 ? " message" : " messages") + " on " + topic);
    return BrokerTools.EXIT_OK;
  }
}
