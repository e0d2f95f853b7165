package io.brokervx.examples;

import java.time.Duration;
import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.store.BackendType;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.SqliteOptions;
import io.brokervx.store.Store;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code store-bench}: data-store throughput, footprint and latency, in five modes: {@code local} (puts on
 * an in-process master, memory or SQLite), {@code footprint} (heap bytes per entry of a memory master),
 * {@code restart} (how long a SQLite master takes to serve again),
 * {@code master} (a master that, once a clone attached, puts N keys) and {@code clone} (the convergence rate
 * of the master's puts, then get latency). Puts are pipelined with at most {@value #WINDOW} outstanding
 * ({@code local --window} changes it), issuing at most {@value #PER_TURN} per event-loop turn;
 * progress is reported each second.
 */
@Command(name = "store-bench", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = "Data-store throughput and clone latency.",
    subcommands = {StoreBench.Local.class, StoreBench.Footprint.class, StoreBench.Restart.class, StoreBench.Master.class, StoreBench.Clone.class},
    footer = {"", "Examples:", "  store-bench local -n 1000000", "  store-bench local -n 300000 --sqlite /tmp/sb.sqlite",
        "  store-bench local -n 300000 --sqlite /tmp/sb.sqlite --sqlite-options '{\"journal_mode\":\"WAL\"}'",
        "  store-bench restart --sqlite /tmp/sb.sqlite", "  store-bench footprint -n 1000000",
        "  store-bench master -l 9911 -n 1000000 &", "  store-bench clone 127.0.0.1:9911 -n 1000000"})
final class StoreBench implements Callable<Integer> {
  static final int WINDOW = 8192;
  static final int PER_TURN = 4096;
  static final int YIELD_AFTER_MS = 10;
  private static final String STORE = "bench";
  private static final String READY_TOPIC = "bench/clone-ready";

  @ParentCommand
  private BrokerTools tools;
  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "give a mode: local, master or clone");
  }

  /**
   * A re-attaching clone gets the whole store in one snapshot message, which must fit the frame limit of
   * both endpoints (the default 4 MiB holds about 200,000 of these entries): room for tens of millions.
   */
  private static EndpointOptions snapshotSized(EndpointOptions o) {
    return o.setMaxFrameSize(256 * 1024 * 1024).setMaxPendingFrameBytes(512L * 1024 * 1024);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return ToolRuntime.await(f);
  }

  /**
   * Puts keys 0..n-1 (count keys, values from {@code value}) with at most {@code window} outstanding,
   * counting acknowledgements in {@code acked}. Paced by the window: at most {@value #PER_TURN} (or half a
   * window) per event-loop task, the rest in later tasks as acknowledgements free the window. A local memory
   * master answers at once, so those tasks would follow each other without a gap, and Netty 4.2 runs queued
   * tasks for up to a second before it does I/O or fires timers; so after {@value #YIELD_AFTER_MS} ms of
   * puts the next task waits for a 1 ms timer, which lets I/O and timers in.
   */
  static Future<Void> putAll(Context context, Store store, long n, int window, AtomicLong acked,
      LongFunction<Data> value) {
    int perTurn = Math.max(1, Math.min(PER_TURN, window / 2));
    Promise<Void> done = Promise.promise();
    long[] next = {0};
    long[] lastYield = {System.nanoTime()};
    boolean[] scheduled = {false};
    Runnable[] pump = new Runnable[1];
    Runnable schedule = () -> {
      if (!scheduled[0] && next[0] < n && next[0] - acked.get() <= window - perTurn) {
        scheduled[0] = true;
        if (System.nanoTime() - lastYield[0] < YIELD_AFTER_MS * 1_000_000L) {
          context.runOnContext(v -> pump[0].run());
        } else {
          context.owner().setTimer(1, t -> {
            lastYield[0] = System.nanoTime();
            pump[0].run();
          });
        }
      }
    };
    pump[0] = () -> {
      scheduled[0] = false;
      for (int turn = 0; turn < perTurn && next[0] < n && next[0] - acked.get() < window; turn++) {
        long k = next[0]++;
        store.put(Data.count(k), value.apply(k)).onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
          } else if (acked.incrementAndGet() == n) {
            done.tryComplete();
          } else {
            schedule.run();
          }
        });
      }
      schedule.run();
    };
    context.runOnContext(v -> pump[0].run());
    return done.future();
  }

  /**
   * How long the puts took; the longest the master's event loop was late for a 10 ms probe timer meanwhile
   * (how long it was held at a stretch, garbage-collection pauses included); and the longest GC pause.
   */
  record Timed(double seconds, double worstStallMillis, long longestGcPauseMillis) {
  }

  /** Records the longest garbage-collection pause from now on, until closed. */
  private static final class GcPauses implements AutoCloseable, NotificationListener {
    private final AtomicLong longest = new AtomicLong();

    GcPauses() {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter e) {
          e.addNotificationListener(this, null, null);
        }
      }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
      if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
        if (!info.getGcCause().equals("No GC") && info.getGcName().contains("Young")) {
          longest.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
        }
      }
    }

    long longestMillis() {
      return longest.get();
    }

    @Override
    public void close() throws Exception {
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        if (gc instanceof NotificationEmitter e) {
          e.removeNotificationListener(this);
        }
      }
    }
  }

  /** Puts {@code n} keys with a progress line each second. */
  private static Timed timedPuts(ToolRuntime rt, Store store, long n, int window) throws Exception {
    try (GcPauses gc = new GcPauses()) {
      return timedPuts(rt, store, n, window, gc);
    }
  }

  private static Timed timedPuts(ToolRuntime rt, Store store, long n, int window, GcPauses gc) throws Exception {
    AtomicLong acked = new AtomicLong();
    long progress = rt.everySecond(() -> rt.status(acked.get() + " of " + n + " puts acknowledged"));
    long[] probe = {0, System.nanoTime(), -1}; // worst lateness, last tick, timer id
    rt.context.runOnContext(v -> probe[2] = rt.vertx.setPeriodic(10, t -> {
      long now = System.nanoTime();
      probe[0] = Math.max(probe[0], now - probe[1] - 10_000_000L);
      probe[1] = now;
    }));
    long t0 = System.nanoTime();
    await(putAll(rt.context, store, n, window, acked, Data::count));
    double secs = (System.nanoTime() - t0) / 1e9;
    rt.vertx.cancelTimer(progress);
    Promise<Void> stopped = Promise.promise();
    rt.context.runOnContext(v -> {
      rt.vertx.cancelTimer(probe[2]);
      stopped.complete();
    });
    await(stopped.future());
    return new Timed(secs, probe[0] / 1e6, gc.longestMillis());
  }

  /** What every mode has: the tool's streams and the number of keys. */
  abstract static class Mode implements Callable<Integer> {
    @ParentCommand
    StoreBench bench;
    @Spec
    CommandSpec spec;
    @Option(names = "-n", paramLabel = "N", description = "the number of keys (default: 1000000)")
    long n = 1_000_000;

    @Override
    public Integer call() throws Exception {
      if (n < 1) {
        throw new ParameterException(spec.commandLine(), "-n must be at least 1");
      }
      return run();
    }

    abstract int run() throws Exception;
  }

  /** The SQLite file and its options, for the modes that use one. */
  static final class SqliteArgs {
    @Option(names = "--sqlite-options", paramLabel = "JSON", description = "Broker's SQLite options, e.g. "
        + "'{\"synchronous\":\"NORMAL\",\"journal_mode\":\"WAL\"}' (default: synchronous FULL, journal DELETE)")
    String json = "{}";

    MasterOptions master(CommandSpec spec, String path) {
      try {
        return new MasterOptions().setBackend(BackendType.SQLITE).setPath(path)
            .setSqlite(new SqliteOptions(new JsonObject(json)));
      } catch (DecodeException | IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--sqlite-options: " + e.getMessage());
      }
    }
  }

  /** {@code store-bench local}. */
  @Command(name = "local", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
      description = "Puts on an in-process master (memory, or SQLite).")
  static final class Local extends Mode {
    @Option(names = "--sqlite", paramLabel = "PATH", description = "a SQLite master in this file")
    private String sqlite;
    @Mixin
    private SqliteArgs sqliteArgs;
    @Option(names = "--window", paramLabel = "W", description = "puts outstanding at most (default: " + WINDOW
        + "); a SQLite commit takes what is pending, so this bounds the group commit's size")
    private int window = WINDOW;

    @Override
    int run() throws Exception {
      if (window < 1) {
        throw new ParameterException(spec.commandLine(), "--window must be at least 1");
      }
      MasterOptions o = sqlite == null ? new MasterOptions() : sqliteArgs.master(spec, sqlite);
      try (ToolRuntime rt = new ToolRuntime("store-bench", new EndpointOptions(), bench.tools.err)) {
        Store s = await(Store.attachMaster(rt.endpoint, STORE, o));
        Timed t = timedPuts(rt, s, n, window);
        bench.tools.out.printf("%s master: %d puts in %.3f s = %.0f puts/s; event loop held %.1f ms at most "
            + "(longest young-GC pause %d ms)%n", sqlite == null ? "memory" : "sqlite " + o.getSqlite(), n,
            t.seconds(), n / t.seconds(), t.worstStallMillis(), t.longestGcPauseMillis());
        await(s.close());
        return BrokerTools.EXIT_OK;
      }
    }
  }

  /** {@code store-bench footprint}. */
  @Command(name = "footprint", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
      description = "Heap bytes per entry of a memory master: count keys, 20-character string values "
          + "(used heap after GC, before and after the puts).")
  static final class Footprint extends Mode {
    @Override
    int run() throws Exception {
      try (ToolRuntime rt = new ToolRuntime("store-bench", new EndpointOptions(), bench.tools.err)) {
        Store s = await(Store.attachMaster(rt.endpoint, STORE, new MasterOptions()));
        long before = usedHeapAfterGc();
        await(putAll(rt.context, s, n, WINDOW, new AtomicLong(), k -> Data.string(String.format("%020d", k))));
        long after = usedHeapAfterGc();
        bench.tools.out.printf("memory master: %d entries, %.1f heap bytes per entry%n", await(s.stats()).entries(),
            (after - before) / (double) n);
        await(s.close());
        return BrokerTools.EXIT_OK;
      }
    }

    private static long usedHeapAfterGc() {
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
  }

  /** {@code store-bench restart}. */
  @Command(name = "restart", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
      description = "Times a SQLite master's start on an existing file (e.g. one `local --sqlite` filled) until "
          + "it answers a get.")
  static final class Restart implements Callable<Integer> {
    @ParentCommand
    StoreBench bench;
    @Spec
    CommandSpec spec;
    @Option(names = "--sqlite", required = true, paramLabel = "PATH", description = "the SQLite file")
    private String sqlite;
    @Mixin
    private SqliteArgs sqliteArgs;

    @Override
    public Integer call() throws Exception {
      if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(sqlite))) {
        throw new ParameterException(spec.commandLine(), "--sqlite: no file " + sqlite);
      }
      MasterOptions o = sqliteArgs.master(spec, sqlite);
      try (ToolRuntime rt = new ToolRuntime("store-bench", new EndpointOptions(), bench.tools.err)) {
        long t0 = System.nanoTime();
        Store s = await(Store.attachMaster(rt.endpoint, STORE, o));
        await(s.get(Data.count(0)).otherwiseEmpty());
        double secs = (System.nanoTime() - t0) / 1e9;
        long entries = await(s.stats()).entries();
        bench.tools.out.printf("sqlite master restart: %d entries, serving after %.3f s%n", entries, secs);
        await(s.close());
        return BrokerTools.EXIT_OK;
      }
    }
  }

  /** {@code store-bench master}. */
  @Command(name = "master", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
      description = "A memory master that, once a clone is attached, puts N keys.")
  static final class Master extends Mode {
    @Option(names = "-l", required = true, paramLabel = "[HOST:]PORT", converter = HostPort.Converter.class,
        description = "accept the clone's peering here")
    private HostPort listen;
    @Mixin
    private TlsModeOption tls;

    @Override
    int run() throws Exception {
      try (ToolRuntime rt = new ToolRuntime("store-bench", snapshotSized(tls.apply(new EndpointOptions())),
          bench.tools.err)) {
        Store s = await(Store.attachMaster(rt.endpoint, STORE, new MasterOptions()));
        rt.listen(listen);
        rt.status("waiting for a clone");
        Promise<Void> ready = Promise.promise();
        rt.endpoint.subscribe(READY_TOPIC).handler(m -> ready.tryComplete());
        await(ready.future());
        double secs = timedPuts(rt, s, n, WINDOW).seconds();
        bench.tools.out.printf("master: %d puts acknowledged in %.3f s = %.0f puts/s%n", n, secs, n / secs);
        Promise<Void> linger = Promise.promise(); // the clone is still reading: do not hang up on it
        rt.vertx.setTimer(3000, t -> linger.complete());
        await(linger.future());
        return BrokerTools.EXIT_OK;
      }
    }
  }

  /** {@code store-bench clone}. */
  @Command(name = "clone", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
      description = "A clone of a store-bench master: the convergence rate of its puts, then get latency.")
  static final class Clone extends Mode {
    private static final int GETS = 100_000;
    @Parameters(paramLabel = "HOST:PORT", converter = HostPort.Converter.class, description = "the master")
    private HostPort master;
    @Mixin
    private PeeringOptions peering;
    @Mixin
    private TlsModeOption tls;

    @Override
    int run() throws Exception {
      try (ToolRuntime rt = new ToolRuntime("store-bench",
          snapshotSized(tls.apply(new EndpointOptions().setRetryInterval(Duration.ofMillis(100)))), bench.tools.err)) {
        rt.peerAll(List.of(master), peering.seconds);
        Store c = await(Store.attachClone(rt.endpoint, STORE, new CloneOptions()));
        await(c.keys());
        if (!rt.awaitSubscribers(READY_TOPIC, 1, peering.seconds)) {
          throw new ToolFailure(master + " is no store-bench master (nothing subscribed to " + READY_TOPIC + ")");
        }
        converge(rt, c, n);
        getLatency(rt, c, n);
        return BrokerTools.EXIT_OK;
      }
    }

    private void converge(ToolRuntime rt, Store c, long n) throws Exception {
      Promise<Void> last = Promise.promise();
      long[] first = {0};
      AtomicLong seen = new AtomicLong();
      Data lastKey = Data.count(n - 1);
      c.events().handler(ev -> {
        if (seen.getAndIncrement() == 0) {
          first[0] = System.nanoTime();
        }
        if (ev.key().equals(lastKey)) {
          last.tryComplete();
        }
      });
      // a clone that fell too far behind re-attaches and gets the rest in a snapshot (no update events):
      // converged once it holds every entry
      long progress = rt.everySecond(() -> c.stats().onSuccess(st -> {
        rt.status(seen.get() + " of " + n + " updates received, " + st.entries() + " entries held");
        if (st.entries() >= n) {
          last.tryComplete();
        }
      }));
      rt.endpoint.publish(READY_TOPIC, Data.none());
      await(last.future());
      rt.vertx.cancelTimer(progress);
      double secs = (System.nanoTime() - first[0]) / 1e9;
      bench.tools.out.printf("clone convergence: %d entries in %.3f s = %.0f ops/s (%d as update events)%n", n, secs,
          n / secs, seen.get());
    }

    private void getLatency(ToolRuntime rt, Store c, long n) throws Exception {
      long[] lat = new long[GETS];
      Promise<Void> done = Promise.promise();
      int[] i = {0};
      Runnable[] next = new Runnable[1];
      next[0] = () -> {
        long t = System.nanoTime();
        c.get(Data.count(i[0] % n)).onComplete(ar -> {
          lat[i[0]] = System.nanoTime() - t;
          if (++i[0] == GETS) {
            done.complete();
          } else {
            rt.context.runOnContext(v -> next[0].run());
          }
        });
      };
      rt.context.runOnContext(v -> next[0].run());
      await(done.future());
      Arrays.sort(lat);
      bench.tools.out.printf("clone get latency: median %.1f us, p99 %.1f us (%d gets)%n", lat[GETS / 2] / 1e3,
          lat[GETS * 99 / 100] / 1e3, GETS);
    }
  }
}
