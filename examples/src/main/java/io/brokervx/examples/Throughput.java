package io.brokervx.examples;

import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.vertx.core.streams.WriteStream;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code throughput}, after Broker's broker-throughput.
 * <pre>
 *   throughput --server HOST:PORT                        listen, count, print "rate: N events/s" each second
 *   throughput [-t 1|2|3|z|c] [-s BATCH] [-r RATE] [-m MAX] HOST:PORT[ HOST:PORT…]
 * </pre>
 * Event types: 1 = {@code [42, "test"]}, 2 = a conn.log-like record, 3 = a table of 100 entries,
 * z = a five-argument Zeek event, c = a single count. The client publishes batches of BATCH (default 100)
 * per event-loop turn, RATE batches per second (0 or absent: as fast as the peers' buffers allow), and
 * stops after MAX events. With several servers it waits for all of them (fan-out). After each run the
 * server prints {@code run: N events in T s = R events/s}.
 */
final class Throughput {
  static final String TOPIC = "/benchmark/events";

  private Throughput() {
  }

  static int run(String[] args, PrintStream out) throws Exception {
    ToolArgs a = new ToolArgs(args, Set.of("--server", "-t", "-s", "-r", "-m"), Set.of());
    if (a.has("--server")) {
      return server(ToolArgs.hostPort(a.get("--server", null)), out);
    }
    if (a.positional.isEmpty()) {
      throw new ToolArgs.UsageException("give the server's HOST:PORT");
    }
    return client(a, out);
  }

  private static int server(ToolArgs.HostPort hp, PrintStream out) throws Exception {
    try (ToolRuntime rt = new ToolRuntime(new EndpointOptions())) {
      ToolRuntime.await(rt.endpoint.listen(hp.host(), hp.port()));
      AtomicLong second = new AtomicLong();
      long[] run = {0, 0, 0}; // count, first ns, last ns
      rt.endpoint.subscribe(TOPIC).handler(m -> {
        long now = System.nanoTime();
        if (run[0]++ == 0) {
          run[1] = now;
        }
        run[2] = now;
        second.incrementAndGet();
      });
      out.println("listening on " + hp.host() + ":" + hp.port());
      rt.vertx.setPeriodic(1000, t -> rt.context.runOnContext(v -> {
        long n = second.getAndSet(0);
        if (n > 0) {
          out.println("rate: " + n + " events/s");
        } else if (run[0] > 0 && System.nanoTime() - run[2] > 1_500_000_000L) {
          double secs = (run[2] - run[1]) / 1e9;
          out.printf("run: %d events in %.3f s = %.0f events/s%n", run[0], secs, secs > 0 ? run[0] / secs : 0.0);
          run[0] = 0;
        }
      }));
      new CountDownLatch(1).await();
      return 0;
    }
  }

  private static int client(ToolArgs a, PrintStream out) throws Exception {
    Data payload = BenchmarkPayloads.of(a.get("-t", "1"));
    int batch = (int) a.number("-s", 100);
    long rate = a.number("-r", 0);
    long max = a.number("-m", Long.MAX_VALUE);
    try (ToolRuntime rt = new ToolRuntime(new EndpointOptions().setRetryInterval(200))) {
      for (String target : a.positional) {
        ToolArgs.HostPort hp = ToolArgs.hostPort(target);
        rt.endpoint.peer(hp.host(), hp.port());
      }
      if (!rt.awaitSubscribers(TOPIC, a.positional.size(), 30_000)) {
        out.println("no subscriber of " + TOPIC + " appeared within 30 s");
        return 1;
      }
      WriteStream<Data> publisher = rt.endpoint.publisher(TOPIC);
      CountDownLatch done = new CountDownLatch(1);
      AtomicLong sentThisSecond = new AtomicLong();
      long[] sent = {0};
      long start = System.nanoTime();
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        for (int i = 0; i < batch && sent[0] < max; i++) {
          publisher.write(payload);
          sent[0]++;
        }
        sentThisSecond.addAndGet(batch);
        if (sent[0] >= max) {
          done.countDown();
        } else if (rate > 0) {
          rt.vertx.setTimer(Math.max(1, 1000 / rate), t -> rt.context.runOnContext(v -> pump[0].run()));
        } else if (publisher.writeQueueFull()) {
          publisher.drainHandler(v -> rt.context.runOnContext(x -> pump[0].run()));
        } else {
          rt.context.runOnContext(v -> pump[0].run());
        }
      };
      long ticker = rt.vertx.setPeriodic(1000, t -> out.println("sent: " + sentThisSecond.getAndSet(0) + " events/s"));
      rt.context.runOnContext(v -> pump[0].run());
      done.await();
      rt.vertx.cancelTimer(ticker);
      double secs = (System.nanoTime() - start) / 1e9;
      out.printf("client: %d events in %.3f s = %.0f events/s%n", sent[0], secs, sent[0] / secs);
      return 0;
    }
  }
}
