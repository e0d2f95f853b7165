package io.brokervx.examples;

import java.time.Duration;
import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.vertx.core.streams.WriteStream;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code throughput}, after Broker's broker-throughput: a server that counts events per second, and a
 * client that publishes batches of BATCH events (default 100) per event-loop turn, RATE batches per second
 * (0: as fast as the peers' buffers allow), until MAX events. With several servers the client waits for all
 * of them (fan-out). After each run the server prints {@code run: N events in T s = R events/s}.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Events per second, as Broker's broker-throughput: run a server (--server), then a client "
        + "publishing to one or more servers."},
    footer = {"", "Event types: 1 [42, \"test\"]; 2 a conn.log-like record; 3 a table of 100 entries;",
        "  z a five-argument Zeek event; c a single count.", "", "Examples:",
        "  throughput --server 127.0.0.1:9931", "  throughput -t 1 -m 20000000 127.0.0.1:9931"})
final class Throughput implements Callable<Integer> {
  static final String TOPIC = "/benchmark/events";

  @ParentCommand
  private BrokerTools tools;
  @Spec
  private CommandSpec spec;
  @Option(names = {"-t", "--event-type"}, paramLabel = "1|2|3|z|c", description = "the event (default: 1)")
  private String type = "1";
  @Option(names = {"-s", "--batch-size"}, paramLabel = "BATCH", description = "events per batch (default: 100)")
  private int batch = 100;
  @Option(names = {"-r", "--batch-rate"}, paramLabel = "RATE", description = "batches per second; 0: unlimited")
  private long rate;
  @Option(names = {"-m", "--max"}, paramLabel = "MAX", description = "stop after MAX events")
  private long max = Long.MAX_VALUE;
  @Option(names = "--metrics-port", paramLabel = "PORT", description = {"serve Prometheus metrics (with Vert.x's "
      + "own) and the status page on 127.0.0.1:PORT (0: any free port); default: no metrics at all"})
  private Integer metricsPort;
  @Mixin
  private ServerOrTargets sides;
  @Mixin
  private PeeringOptions peering;

  @Override
  public Integer call() throws Exception {
    if (sides.isServer(spec, Integer.MAX_VALUE)) {
      return server();
    }
    Data payload;
    try {
      payload = BenchmarkPayloads.of(type);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    return client(payload);
  }

  private int server() throws Exception {
    try (ToolRuntime rt = new ToolRuntime("throughput", new EndpointOptions(), tools.err, metricsPort)) {
      rt.listen(sides.server);
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
      rt.everySecond(() -> rt.context.runOnContext(v -> {
        long n = second.getAndSet(0);
        if (n > 0) {
          tools.out.println("rate: " + n + " events/s");
        } else if (run[0] > 0 && System.nanoTime() - run[2] > 1_500_000_000L) {
          double secs = (run[2] - run[1]) / 1e9;
          tools.out.printf("run: %d events in %.3f s = %.0f events/s%n", run[0], secs, secs > 0 ? run[0] / secs : 0.0);
          run[0] = 0;
        }
      }));
      new CountDownLatch(1).await();
      return BrokerTools.EXIT_OK;
    }
  }

  private int client(Data payload) throws Exception {
    try (ToolRuntime rt = new ToolRuntime("throughput", new EndpointOptions().setRetryInterval(Duration.ofMillis(200)), tools.err,
        metricsPort)) {
      rt.peerAll(sides.targets, peering.seconds);
      if (!rt.awaitSubscribers(TOPIC, sides.targets.size(), peering.seconds)) {
        throw new ToolFailure("no subscriber of " + TOPIC + " appeared within " + peering.seconds + " s");
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
      long ticker = rt.everySecond(() -> tools.out.println("sent: " + sentThisSecond.getAndSet(0) + " events/s"));
      rt.context.runOnContext(v -> pump[0].run());
      done.await();
      rt.vertx.cancelTimer(ticker);
      double secs = (System.nanoTime() - start) / 1e9;
      tools.out.printf("client: %d events in %.3f s = %.0f events/s%n", sent[0], secs, sent[0] / secs);
      return BrokerTools.EXIT_OK;
    }
  }
}
