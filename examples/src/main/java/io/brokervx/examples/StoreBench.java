package io.brokervx.examples;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.store.BackendType;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * {@code store-bench}: data-store throughput and latency.
 * <pre>
 *   store-bench local [-n N] [--sqlite PATH]   puts on an in-process master (memory, or durable SQLite)
 *   store-bench master -l PORT [-n N]          a master that, once a clone attached, puts N keys
 *   store-bench clone HOST:PORT [-n N]         a clone: convergence rate of the master's puts, then get latency
 * </pre>
 * Puts are pipelined with at most {@value #WINDOW} outstanding.
 */
public final class StoreBench {
  static final int WINDOW = 8192;
  private static final String STORE = "bench";
  private static final String READY_TOPIC = "bench/clone-ready";

  private StoreBench() {
  }

  /** Runs the benchmark described by {@code args}; @return the process exit code */
  public static int run(String[] args, PrintStream out) throws Exception {
    if (args.length == 0) {
      return usage(out);
    }
    long n = 1_000_000;
    String sqlite = null;
    String listen = null;
    String target = null;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "-n" -> n = Long.parseLong(args[++i]);
        case "--sqlite" -> sqlite = args[++i];
        case "-l" -> listen = args[++i];
        default -> target = args[i];
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      switch (args[0]) {
        case "local" -> local(vertx, n, sqlite, out);
        case "master" -> master(vertx, n, Integer.parseInt(listen), out);
        case "clone" -> clone(vertx, n, target, out);
        default -> {
          return usage(out);
        }
      }
      return 0;
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static int usage(PrintStream out) {
    out.println("usage: store-bench local [-n N] [--sqlite PATH] | master -l PORT [-n N] | clone HOST:PORT [-n N]");
    return 2;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
  }

  /** Puts keys 0..n-1 (value = key) with a bounded window; @return a future completed when all are acknowledged */
  static Future<Void> putAll(Vertx vertx, Store store, long n) {
    Promise<Void> done = Promise.promise();
    long[] next = {0};
    long[] acked = {0};
    boolean[] scheduled = {false};
    Runnable[] pump = new Runnable[1];
    pump[0] = () -> {
      scheduled[0] = false;
      while (next[0] < n && next[0] - acked[0] < WINDOW) {
        long k = next[0]++;
        store.put(Data.count(k), Data.count(k)).onComplete(ar -> {
          if (ar.failed()) {
            done.tryFail(ar.cause());
            return;
          }
          acked[0]++;
          if (acked[0] == n) {
            done.tryComplete();
          } else if (next[0] - acked[0] < WINDOW / 2 && !scheduled[0]) {
            // answers may arrive synchronously: refill from a fresh task, not recursively
            scheduled[0] = true;
            vertx.runOnContext(v -> pump[0].run());
          }
        });
      }
    };
    vertx.runOnContext(v -> pump[0].run());
    return done.future();
  }

  private static void local(Vertx vertx, long n, String sqlite, PrintStream out) throws Exception {
    Endpoint e = Endpoint.create(vertx);
    MasterOptions o = sqlite == null ? new MasterOptions()
        : new MasterOptions().setBackend(BackendType.SQLITE).setPath(sqlite);
    Store s = await(Store.attachMaster(e, STORE, o));
    long t0 = System.nanoTime();
    await(putAll(vertx, s, n));
    double secs = (System.nanoTime() - t0) / 1e9;
    out.printf("%s master: %d puts in %.3f s = %.0f puts/s%n", sqlite == null ? "memory" : "sqlite", n, secs, n / secs);
    await(e.close());
  }

  private static void master(Vertx vertx, long n, int port, PrintStream out) throws Exception {
    Endpoint e = Endpoint.create(vertx);
    Store s = await(Store.attachMaster(e, STORE, new MasterOptions()));
    await(e.listen("127.0.0.1", port));
    out.println("master listening on " + port + "; waiting for a clone");
    Promise<Void> ready = Promise.promise();
    e.subscribe(READY_TOPIC).handler(m -> ready.tryComplete());
    await(ready.future());
    long t0 = System.nanoTime();
    await(putAll(vertx, s, n));
    double secs = (System.nanoTime() - t0) / 1e9;
    out.printf("master: %d puts acknowledged in %.3f s = %.0f puts/s%n", n, secs, n / secs);
    Promise<Void> linger = Promise.promise();
    vertx.setTimer(3000, t -> linger.complete());
    await(linger.future());
    await(e.close());
  }

  private static void clone(Vertx vertx, long n, String target, PrintStream out) throws Exception {
    String[] hp = target.split(":");
    Endpoint e = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(100));
    await(e.peer(hp[0], Integer.parseInt(hp[1])));
    Store c = await(Store.attachClone(e, STORE, new CloneOptions()));
    await(c.keys());
    while (await(e.subscribersOf(READY_TOPIC)).isEmpty()) {
      Promise<Void> p = Promise.promise();
      vertx.setTimer(20, t -> p.complete());
      await(p.future());
    }
    Promise<Void> last = Promise.promise();
    long[] first = {0};
    long[] seen = {0};
    Data lastKey = Data.count(n - 1);
    c.events().handler(ev -> {
      if (seen[0]++ == 0) {
        first[0] = System.nanoTime();
      }
      if (ev.key().equals(lastKey)) {
        last.tryComplete();
      }
    });
    e.publish(READY_TOPIC, Data.none());
    await(last.future());
    double secs = (System.nanoTime() - first[0]) / 1e9;
    out.printf("clone convergence: %d updates in %.3f s = %.0f ops/s%n", seen[0], secs, seen[0] / secs);
    int gets = 100_000;
    long[] lat = new long[gets];
    Promise<Void> done = Promise.promise();
    int[] i = {0};
    Runnable[] next = new Runnable[1];
    next[0] = () -> {
      long t = System.nanoTime();
      c.get(Data.count(i[0] % n)).onComplete(ar -> {
        lat[i[0]] = System.nanoTime() - t;
        if (++i[0] == gets) {
          done.complete();
        } else {
          vertx.runOnContext(v -> next[0].run());
        }
      });
    };
    vertx.runOnContext(v -> next[0].run());
    await(done.future());
    Arrays.sort(lat);
    out.printf("clone get latency: median %.1f us, p99 %.1f us (%d gets)%n", lat[gets / 2] / 1e3,
        lat[gets * 99 / 100] / 1e3, gets);
    await(e.close());
  }
}
