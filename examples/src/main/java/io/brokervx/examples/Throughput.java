package io.brokervx.examples;

import io.brokervx.codec.ZeekBatch;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.vertx.core.streams.WriteStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * {@code throughput}, after Broker 6.2's broker-benchmark and wire-compatible with it: the client publishes
 * broker-benchmark's events on {@code /benchmark/events} (see {@link BenchmarkPayloads}); the server counts
 * the events it receives per second (a Zeek batch counts as the events it carries) and stops when anything
 * arrives on {@code /benchmark/terminate}. Either side may be broker-benchmark. After each run the server
 * prints {@code run: N events in T s = R events/s}.
 */
@Command(name = "throughput", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Events per second, as Broker's broker-benchmark (and interchangeable with it): run a server "
        + "(--server), then a client publishing to one or more servers."},
    footer = {"", "Event types: 1, 2, 3 broker-benchmark's event_1 (42, \"test\"), event_2 (a conn.log line),",
        "  event_3 (a table of sets); z a five-argument Zeek event; c a single count; v the bare [42, \"test\"].",
        "With -s N > 1 each message is a Zeek batch [1, 5, [event, ...]] of N events.", "", "Examples:",
        "  throughput --server 127.0.0.1:9931", "  throughput -t 1 -m 20000000 127.0.0.1:9931",
        "  broker-benchmark --disable-ssl -r 0 -t 1 127.0.0.1:9931   (Broker's client, our server: --tls off)"})
final class Throughput implements Callable<Integer> {
  static final String TOPIC = "/benchmark/events";
  static final String TERMINATE = "/benchmark/terminate";
  /** Events published per event-loop turn before yielding (at least one message). */
  private static final int EVENTS_PER_TURN = 100;

  @ParentCommand
  private BrokerTools tools;
  @Spec
  private CommandSpec spec;
  @Option(names = {"-t", "--event-type"}, paramLabel = "1|2|3|z|c|v", description = "the event (default: 1)")
  private String type = "1";
  @Option(names = {"-s", "--batch-size"}, paramLabel = "BATCH",
      description = "events per message: 1 publishes each event alone, more sends Zeek batches (default: 1)")
  private int batch = 1;
  @Option(names = {"-r", "--batch-rate"}, paramLabel = "RATE",
      description = "messages per second; 0 (the default): as fast as the peers' buffers allow")
  private double rate;
  @Option(names = {"-m", "--max"}, paramLabel = "MAX", description = "stop after MAX events")
  private long max = Long.MAX_VALUE;
  @Option(names = "--terminate", description = "after the run, publish quit_benchmark() on " + TERMINATE
      + ", which stops the servers (ours and broker-benchmark's)")
  private boolean terminate;
  @Option(names = "--metrics-port", paramLabel = "PORT", description = {"serve Prometheus metrics (with Vert.x's "
      + "own) and the status page on 127.0.0.1:PORT (0: any free port); default: no metrics at all"})
  private Integer metricsPort;
  @Mixin
  private ServerOrTargets sides;
  @Mixin
  private PeeringOptions peering;
  @Mixin
  private TlsModeOption tls;
  @Mixin
  private OverflowOption overflow;

  @Override
  public Integer call() throws Exception {
    if (sides.isServer(spec, Integer.MAX_VALUE)) {
      return server();
    }
    BenchmarkPayloads payloads;
    try {
      payloads = BenchmarkPayloads.of(type);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (batch < 1 || rate < 0 || max < 1) {
      throw new ParameterException(spec.commandLine(), "-s and -m must be at least 1, -r at least 0");
    }
    if (batch > 1 && !payloads.isZeekEvent()) {
      throw new ParameterException(spec.commandLine(), "-s " + batch + ": only Zeek events (types 1, 2, 3, z) "
          + "travel in batches");
    }
    return client(payloads);
  }

  private int server() throws Exception {
    try (ToolRuntime rt = new ToolRuntime("throughput", overflow.apply(tls.apply(new EndpointOptions())), tools.err, metricsPort)) {
      CountDownLatch stop = new CountDownLatch(1);
      AtomicLong second = new AtomicLong();
      long[] run = {0, 0, 0}; // events, first ns, last ns
      rt.endpoint.subscribe(TOPIC).handler(m -> {
        long now = System.nanoTime();
        long n = ZeekBatch.eventCount(m.data());
        if (run[0] == 0) {
          run[1] = now;
        }
        run[0] += n;
        run[2] = now;
        second.addAndGet(n);
      });
      rt.endpoint.subscribe(TERMINATE).handler(m -> {
        printRun(run);
        rt.status("terminated by a message on " + TERMINATE);
        stop.countDown();
      });
      rt.listen(sides.server);
      rt.everySecond(() -> rt.context.runOnContext(v -> {
        long n = second.getAndSet(0);
        if (n > 0) {
          tools.out.println("rate: " + n + " events/s");
        } else if (run[0] > 0 && System.nanoTime() - run[2] > 1_500_000_000L) {
          printRun(run);
        }
      }));
      stop.await();
      return BrokerTools.EXIT_OK;
    }
  }

  private void printRun(long[] run) {
    if (run[0] > 0) {
      double secs = (run[2] - run[1]) / 1e9;
      tools.out.printf("run: %d events in %.3f s = %.0f events/s%n", run[0], secs, secs > 0 ? run[0] / secs : 0.0);
      run[0] = 0;
    }
  }

  private int client(BenchmarkPayloads payloads) throws Exception {
    EndpointOptions options = overflow.apply(tls.apply(new EndpointOptions().setRetryInterval(Duration.ofMillis(200))));
    try (ToolRuntime rt = new ToolRuntime("throughput", options, tools.err, metricsPort)) {
      rt.peerAll(sides.targets, peering.seconds);
      if (!rt.awaitSubscribers(TOPIC, sides.targets.size(), peering.seconds)) {
        throw new ToolFailure("no subscriber of " + TOPIC + " appeared within " + peering.seconds + " s");
      }
      WriteStream<Data> publisher = rt.endpoint.publisher(TOPIC);
      CountDownLatch done = new CountDownLatch(1);
      AtomicLong sentThisSecond = new AtomicLong();
      long[] sent = {0, 0}; // events, messages
      long start = System.nanoTime();
      int perTurn = Math.max(1, EVENTS_PER_TURN / batch);
      Runnable[] pump = new Runnable[1];
      pump[0] = () -> {
        long owed = rate > 0 ? (long) (rate * (System.nanoTime() - start) / 1e9) + 1 - sent[1] : perTurn;
        for (long i = 0; i < Math.min(owed, perTurn) && sent[0] < max; i++) {
          int n = (int) Math.min(batch, max - sent[0]);
          publisher.write(n == 1 && batch == 1 ? payloads.get() : batchOf(payloads, n));
          sent[0] += n;
          sent[1]++;
          sentThisSecond.addAndGet(n);
        }
        if (sent[0] >= max) {
          done.countDown();
        } else if (rate > 0) {
          rt.vertx.setTimer(1, t -> rt.context.runOnContext(v -> pump[0].run()));
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
      if (terminate) {
        rt.endpoint.publish(TERMINATE, ZeekEvent.of("quit_benchmark").toData());
      }
      rt.awaitFlushed(peering.seconds);
      return BrokerTools.EXIT_OK;
    }
  }

  private static Data batchOf(BenchmarkPayloads payloads, int n) {
    List<Data> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(payloads.get());
    }
    return ZeekBatch.of(events);
  }
}
