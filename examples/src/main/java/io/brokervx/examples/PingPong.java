package io.brokervx.examples;

import java.time.Duration;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code pingpong}: round-trip latency. The server echoes every ping on the pong topic; the client sends N
 * pings one at a time after a rendezvous (a repeated ping until the server's answer shows both
 * subscriptions in place), reports its progress each second and prints the median and p99 round trip.
 */
@Command(name = "pingpong", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Round-trip latency between two endpoints: run a server (--server), then a client that "
        + "prints the median and p99 of N round trips."},
    footer = {"", "Examples:", "  pingpong --server 127.0.0.1:9932", "  pingpong -n 50000 127.0.0.1:9932"})
final class PingPong implements Callable<Integer> {
  static final String PING = "/benchmark/ping";
  static final String PONG = "/benchmark/pong";

  @ParentCommand
  private BrokerTools tools;
  @Spec
  private CommandSpec spec;
  @Option(names = {"-n", "--count"}, paramLabel = "N", description = "round trips to measure (default: 10000)")
  private int n = 10_000;
  @Mixin
  private ServerOrTargets sides;
  @Mixin
  private PeeringOptions peering;
  @Mixin
  private TlsModeOption tls;

  @Override
  public Integer call() throws Exception {
    boolean server = sides.isServer(spec, 1);
    if (n < 1) {
      throw new ParameterException(spec.commandLine(), "-n must be at least 1");
    }
    return server ? server() : client();
  }

  private int server() throws Exception {
    try (ToolRuntime rt = new ToolRuntime("pingpong", tls.apply(new EndpointOptions()), tools.err)) {
      rt.listen(sides.server);
      rt.endpoint.subscribe(PING).handler(m -> rt.endpoint.publish(PONG, m.data()));
      rt.status("echoing pings");
      new CountDownLatch(1).await();
      return BrokerTools.EXIT_OK;
    }
  }

  private int client() throws Exception {
    try (ToolRuntime rt = new ToolRuntime("pingpong", tls.apply(new EndpointOptions().setRetryInterval(Duration.ofMillis(200))), tools.err)) {
      long[] rtt = new long[n];
      long[] sentAt = {0};
      int[] next = {-1}; // -1: rendezvous
      CountDownLatch done = new CountDownLatch(1);
      rt.endpoint.subscribe(PONG).handler(m -> {
        long id = ((CountData) m.data()).bits();
        if (id != next[0] && !(next[0] == -1 && id == Long.MAX_VALUE)) {
          return;
        }
        if (next[0] >= 0) {
          rtt[next[0]] = System.nanoTime() - sentAt[0];
        }
        if (++next[0] == n) {
          done.countDown();
          return;
        }
        sentAt[0] = System.nanoTime();
        rt.endpoint.publish(PING, Data.count(next[0]));
      });
      rt.peerAll(sides.targets, peering.seconds);
      if (!rt.awaitSubscribers(PING, 1, peering.seconds)) {
        throw new ToolFailure("no pong server (subscriber of " + PING + ") appeared within " + peering.seconds + " s");
      }
      long rendezvous = rt.vertx.setPeriodic(50, t -> rt.context.runOnContext(v -> {
        if (next[0] == -1) {
          rt.endpoint.publish(PING, Data.count(Long.MAX_VALUE));
        }
      }));
      long progress = rt.everySecond(() -> rt.status(Math.max(0, next[0]) + " of " + n + " round trips"));
      done.await();
      rt.vertx.cancelTimer(rendezvous);
      rt.vertx.cancelTimer(progress);
      Arrays.sort(rtt);
      tools.out.printf("rtt: median %.1f us, p99 %.1f us (%d pings)%n", rtt[n / 2] / 1e3, rtt[n * 99 / 100] / 1e3, n);
      return BrokerTools.EXIT_OK;
    }
  }
}
