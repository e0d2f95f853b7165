package io.brokervx.examples;

import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code pingpong}: round-trip latency.
 * <pre>
 *   pingpong --server HOST:PORT     echo every ping on the pong topic
 *   pingpong [-n N] HOST:PORT       send N pings one at a time; print the median and p99 round trip
 * </pre>
 */
final class PingPong {
  static final String PING = "/benchmark/ping";
  static final String PONG = "/benchmark/pong";

  private PingPong() {
  }

  static int run(String[] args, PrintStream out) throws Exception {
    ToolArgs a = new ToolArgs(args, Set.of("--server", "-n"), Set.of());
    if (a.has("--server")) {
      ToolArgs.HostPort hp = ToolArgs.hostPort(a.get("--server", null));
      try (ToolRuntime rt = new ToolRuntime(new EndpointOptions())) {
        ToolRuntime.await(rt.endpoint.listen(hp.host(), hp.port()));
        rt.endpoint.subscribe(PING).handler(m -> rt.endpoint.publish(PONG, m.data()));
        out.println("echoing pings on " + hp.host() + ":" + hp.port());
        new CountDownLatch(1).await();
      }
      return 0;
    }
    if (a.positional.size() != 1) {
      throw new ToolArgs.UsageException("give the server's HOST:PORT");
    }
    int n = (int) a.number("-n", 10_000);
    ToolArgs.HostPort hp = ToolArgs.hostPort(a.positional.get(0));
    try (ToolRuntime rt = new ToolRuntime(new EndpointOptions().setRetryInterval(200))) {
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
      rt.endpoint.peer(hp.host(), hp.port());
      if (!rt.awaitSubscribers(PING, 1, 30_000)) {
        out.println("no pong server appeared within 30 s");
        return 1;
      }
      // rendezvous: repeat ping "max" until the server's answer shows both subscriptions are in place
      long rendezvous = rt.vertx.setPeriodic(50, t -> rt.context.runOnContext(v -> {
        if (next[0] == -1) {
          rt.endpoint.publish(PING, Data.count(Long.MAX_VALUE));
        }
      }));
      done.await();
      rt.vertx.cancelTimer(rendezvous);
      Arrays.sort(rtt);
      out.printf("rtt: median %.1f us, p99 %.1f us (%d pings)%n", rtt[n / 2] / 1e3, rtt[n * 99 / 100] / 1e3, n);
      return 0;
    }
  }
}
