package io.brokervx.observability.impl;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Event-loop lag: every {@value #PROBE_MS} ms a task is queued on each Vert.x event loop, and the time until
 * it runs is the loop's lag — how long anything handed to that loop (a received frame, a timer) waits. Kept
 * per loop as the last value and the most of the current and previous {@value #WINDOW_SECONDS}-second
 * windows, and served as {@code broker_event_loop_lag_seconds{loop}} and
 * {@code broker_event_loop_lag_max_seconds{loop}}.
 */
final class EventLoopLag {
  static final long PROBE_MS = 250;
  static final long WINDOW_SECONDS = 30;

  private final Vertx vertx;
  private final MeterRegistry registry;
  private final List<EventExecutor> loops = new ArrayList<>();
  private final List<Meter> meters = new ArrayList<>();
  private final AtomicLongArray last;
  private final AtomicLongArray max;
  private final AtomicLongArray maxBefore;
  private long window = windowNow();
  private long timer = -1;

  EventLoopLag(Vertx vertx, MeterRegistry registry) {
    this.vertx = vertx;
    this.registry = registry;
    ((VertxInternal) vertx).nettyEventLoopGroup().forEach(loops::add);
    last = new AtomicLongArray(loops.size());
    max = new AtomicLongArray(loops.size());
    maxBefore = new AtomicLongArray(loops.size());
  }

  private static long windowNow() {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime()) / WINDOW_SECONDS;
  }

  /** Starts probing and registers the meters. */
  void start() {
    for (int i = 0; i < loops.size(); i++) {
      int loop = i;
      meters.add(Gauge.builder("broker_event_loop_lag_seconds", this, l -> l.lastNanos(loop) / 1e9)
          .description("Time a task queued on the event loop waited before it ran (last probe).")
          .tag("loop", String.valueOf(i)).strongReference(true).register(registry));
      meters.add(Gauge.builder("broker_event_loop_lag_max_seconds", this, l -> l.maxNanos(loop) / 1e9)
          .description("Longest event-loop lag seen in the last " + WINDOW_SECONDS + " to " + 2 * WINDOW_SECONDS + " s.")
          .tag("loop", String.valueOf(i)).strongReference(true).register(registry));
    }
    timer = vertx.setPeriodic(PROBE_MS, t -> probe());
  }

  private void probe() {
    long w = windowNow();
    if (w != window) {
      for (int i = 0; i < loops.size(); i++) {
        maxBefore.set(i, w == window + 1 ? max.get(i) : 0);
        max.set(i, 0);
      }
      window = w;
    }
    for (int i = 0; i < loops.size(); i++) {
      EventExecutor executor = loops.get(i);
      if (executor.isShuttingDown()) {
        continue; // Vert.x is closing: nothing left to measure
      }
      int loop = i;
      long queued = System.nanoTime();
      try {
        executor.execute(() -> record(loop, System.nanoTime() - queued));
      } catch (RejectedExecutionException closing) {
        // the loop began to shut down after the check above
      }
    }
  }

  private void record(int loop, long lag) {
    last.set(loop, lag);
    max.accumulateAndGet(loop, lag, Math::max);
  }

  /** @return the number of event loops probed */
  int loops() {
    return loops.size();
  }

  /** @return the lag of {@code loop} at its last probe, in nanoseconds */
  long lastNanos(int loop) {
    return last.get(loop);
  }

  /** @return the longest lag of {@code loop} in the current and previous window, in nanoseconds */
  long maxNanos(int loop) {
    return Math.max(max.get(loop), maxBefore.get(loop));
  }

  /** Stops probing and removes the meters. */
  void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
    meters.forEach(registry::remove);
    meters.clear();
  }
}
