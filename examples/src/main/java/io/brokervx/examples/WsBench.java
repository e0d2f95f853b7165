package io.brokervx.examples;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.websocket.WebSocketServerOptions;
import io.brokervx.websocket.ZeekWebSocketClient;
import io.brokervx.websocket.ZeekWebSocketClientOptions;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ws-bench}: events per second through Zeek's WebSocket API, in one process on 127.0.0.1: a WebSocket client
 * publishing to a native subscriber (client → WebSocket server endpoint → peer), and a native publisher to a
 * WebSocket subscriber (peer → server endpoint → client). Both directions run with a bounded window of messages in
 * flight, so nothing is dropped and the figure is what the path sustains.
 */
@Command(name = "ws-bench", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Measures events per second through the WebSocket API v1 both ways (client -> native subscriber, "
        + "native publisher -> client), in-process on 127.0.0.1."},
    footer = {"", "Example:", "  ws-bench -n 200000 -t z"})
final class WsBench implements Callable<Integer> {
  @ParentCommand
  private BrokerTools tools;
  @Option(names = {"-n", "--events"}, paramLabel = "N", description = "events per direction (default ${DEFAULT-VALUE})")
  private int events = 100_000;
  @Option(names = {"-t", "--event-type"}, paramLabel = "TYPE",
      description = "payload: z = a five-argument Zeek event (default), 1, 2, 3, c as throughput's")
  private String type = "z";
  @Option(names = {"-w", "--window"}, paramLabel = "W", description = "messages in flight (default ${DEFAULT-VALUE})")
  private int window = 400;

  @Override
  public Integer call() throws Exception {
    Data payload;
    try {
      payload = BenchmarkPayloads.of(type).get();
    } catch (IllegalArgumentException e) {
      throw new ToolFailure(e.getMessage());
    }
    Vertx vertx = Vertx.vertx();
    try {
      Endpoint server = Endpoint.create(vertx);
      Endpoint peer = Endpoint.create(vertx);
      int port = ToolRuntime.await(server.listen("127.0.0.1", 0));
      ZeekWebSocketServer ws = ToolRuntime.await(ZeekWebSocketServer.start(server, new WebSocketServerOptions()
          .setPort(0).setOutboundQueueSize(Math.max(512, 2 * window)).setOverflowPolicy(OverflowPolicy.DROP_NEWEST)));
      ToolRuntime.await(peer.peer("127.0.0.1", port));
      AtomicLong atPeer = new AtomicLong();
      peer.subscribe("/bench/to-native").handler(m -> atPeer.incrementAndGet());
      ZeekWebSocketClient client = ToolRuntime.await(ZeekWebSocketClient.connect(vertx, new ZeekWebSocketClientOptions()
          .setUrl("ws://127.0.0.1:" + ws.actualPort() + ZeekWebSocketServer.PATH)
          .setSubscriptions(List.of("/bench/to-ws"))));
      AtomicLong atClient = new AtomicLong();
      client.messages().handler(m -> atClient.incrementAndGet());
      awaitRoute(vertx, peer, "/bench/to-ws/x", server);
      awaitRoute(vertx, server, "/bench/to-native/x", peer);

      double up = run(vertx, atPeer, () -> client.publish("/bench/to-native/e", payload).mapEmpty());
      tools.out.printf("websocket publish -> native subscriber: %d events in %.2f s: %,.0f events/s%n", events,
          events / up, up);
      double down = run(vertx, atClient, () -> {
        peer.publish("/bench/to-ws/e", payload);
        return Future.succeededFuture();
      });
      tools.out.printf("native publisher -> websocket subscriber: %d events in %.2f s: %,.0f events/s%n", events,
          events / down, down);
      ToolRuntime.await(client.close());
      ToolRuntime.await(peer.close());
      ToolRuntime.await(server.close());
      return BrokerTools.EXIT_OK;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }

  /** Sends {@code events} with at most {@code window} not yet counted by {@code received}. @return events/s */
  private double run(Vertx vertx, AtomicLong received, java.util.function.Supplier<Future<Void>> send)
      throws Exception {
    long start = System.nanoTime();
    long base = received.get();
    List<Future<Void>> writes = new ArrayList<>();
    for (int sent = 0; sent < events; ) {
      int burst = (int) Math.min(window - (sent - (received.get() - base)), events - sent);
      for (int i = 0; i < burst; i++, sent++) {
        writes.add(send.get());
      }
      ToolRuntime.await(Future.all(writes));
      writes.clear();
      if (burst <= 0) {
        tick(vertx);
      }
    }
    while (received.get() - base < events) {
      tick(vertx);
    }
    return events / ((System.nanoTime() - start) / 1e9);
  }

  private static void tick(Vertx vertx) throws Exception {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(1, t -> p.complete());
    ToolRuntime.await(p.future());
  }

  private static void awaitRoute(Vertx vertx, Endpoint from, String topic, Endpoint to) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!ToolRuntime.await(from.subscribersOf(topic)).contains(to.id())) {
      if (System.nanoTime() > deadline) {
        throw new ToolFailure("no route for " + topic + " within 10 s");
      }
      tick(vertx);
    }
  }
}
