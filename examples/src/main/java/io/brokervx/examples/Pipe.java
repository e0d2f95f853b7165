package io.brokervx.examples;

import java.time.Duration;
import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code pipe}, after Broker's broker-pipe: publish mode sends each line of standard input as a string;
 * subscribe mode prints each message received (its value, one per line), or with {@code -r} the number of
 * messages per second, and exits after CAP messages when {@code -c} is given. Publish mode waits for a
 * subscriber and refuses to drop its input when none comes, unless told {@code --no-wait}.
 */
@Command(name = "pipe", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Publishes each line of standard input as a string on TOPIC, or prints each message that "
        + "arrives under TOPIC (a prefix), one per line, as Broker's broker-pipe."},
    footer = {"", "Examples:", "  pipe -m subscribe -t /demo -l 127.0.0.1:9999",
        "  echo hello | pipe -m publish -t /demo -p 127.0.0.1:9999"})
final class Pipe implements Callable<Integer> {
  /** What the pipe does. */
  enum Mode { PUBLISH, SUBSCRIBE }

  @ParentCommand
  private BrokerTools tools;
  @Option(names = {"-m", "--mode"}, required = true, paramLabel = "publish|subscribe",
      description = "publish standard input, or print what arrives")
  private Mode mode;
  @Option(names = {"-t", "--topic"}, required = true, paramLabel = "TOPIC", description = "the topic (prefix)")
  private String topic;
  @Option(names = {"-p", "--peers"}, split = ",", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "peer with these endpoints (comma-separated)")
  private List<HostPort> peers = List.of();
  @Option(names = {"-l", "--local-port"}, paramLabel = "[HOST:]PORT", converter = HostPort.Converter.class,
      description = "accept peerings on this address")
  private HostPort local;
  @Option(names = {"-c", "--message-cap"}, paramLabel = "CAP", description = "stop after CAP messages")
  private long cap = Long.MAX_VALUE;
  @Option(names = {"-r", "--rate"}, description = "subscribe: print messages per second instead of the messages")
  private boolean rate;
  @Option(names = "--no-wait", description = "publish: do not wait for a subscriber; lines nobody subscribed to "
      + "are lost")
  private boolean noWait;
  @Mixin
  private PeeringOptions peering;

  @Override
  public Integer call() throws Exception {
    try (ToolRuntime rt = new ToolRuntime("pipe", new EndpointOptions().setRetryInterval(Duration.ofMillis(200)), tools.err)) {
      if (local != null) {
        rt.listen(local);
      }
      return mode == Mode.SUBSCRIBE ? subscribe(rt) : publish(rt);
    }
  }

  private int subscribe(ToolRuntime rt) throws Exception {
    CappedPrinter printer = new CappedPrinter(tools.out, cap, rate);
    rt.endpoint.subscribe(topic).handler(printer);
    if (rate) {
      rt.everySecond(printer::printRate);
    }
    rt.peerAll(peers, peering.seconds);
    printer.await();
    return BrokerTools.EXIT_OK;
  }

  private int publish(ToolRuntime rt) throws Exception {
    rt.peerAll(peers, peering.seconds);
    if (!noWait && !rt.awaitSubscribers(topic, 1, peering.seconds)) {
      throw new ToolFailure("no subscriber of " + topic + " appeared within " + peering.seconds
          + " s; published nothing (--no-wait publishes anyway, --peer-timeout waits longer)");
    }
    BufferedReader reader = new BufferedReader(new InputStreamReader(tools.in, StandardCharsets.UTF_8));
    long sent = 0;
    for (String line = reader.readLine(); line != null && sent < cap; line = reader.readLine()) {
      rt.endpoint.publish(topic, Data.string(line));
      sent++;
    }
    rt.status("published " + sent + (sent == 1 ? " message" : " messages") + " on " + topic);
    return BrokerTools.EXIT_OK;
  }
}
