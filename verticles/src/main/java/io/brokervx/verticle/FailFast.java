package io.brokervx.verticle;

import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Turns the two states a process does not come back from into an exit a supervisor can see and act on,
 * instead of a zombie that keeps its sockets open while it no longer reads, heartbeats or forwards:
 * an {@link OutOfMemoryError} anywhere (in a handler, on any thread) exits with {@value #EXIT_OUT_OF_MEMORY};
 * an event loop that has not run a task for longer than a limit exits with {@value #EXIT_BLOCKED}. Both
 * print one line first. {@code broker-node} and the tools install it; a library embedding an endpoint
 * decides for itself.
 *
 * <p>The blocked-loop watchdog is a daemon thread that submits a timestamping task to every event loop of
 * the Vert.x instance each second; it ends when the instance closes, so a clean shutdown never counts as
 * blocked.
 */
public final class FailFast {
  /** Exit code after an {@link OutOfMemoryError}. */
  public static final int EXIT_OUT_OF_MEMORY = 3;
  /** Exit code after an event loop stayed blocked beyond the limit. */
  public static final int EXIT_BLOCKED = 4;
  /** The default limit for a blocked event loop. */
  public static final Duration DEFAULT_MAX_BLOCKED = Duration.ofSeconds(10);

  private FailFast() {
  }

  /**
   * Installs both guards for {@code vertx}.
   *
   * @param program the name starting the line printed before exiting
   * @param maxBlocked how long an event loop may go without running a task
   */
  public static void install(Vertx vertx, String program, Duration maxBlocked) {
    install(vertx, program, maxBlocked, System.err);
  }

  static void install(Vertx vertx, String program, Duration maxBlocked, PrintStream err) {
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
      exitIfOutOfMemory(program, t, err);
      if (previous != null) {
        previous.uncaughtException(thread, t);
      }
    });
    Handler<Throwable> handler = vertx.exceptionHandler();
    vertx.exceptionHandler(t -> {
      exitIfOutOfMemory(program, t, err);
      if (handler != null) {
        handler.handle(t);
      }
    });
    Thread watchdog = new Thread(() -> watch((VertxInternal) vertx, program, maxBlocked, err),
        program + "-event-loop-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
  }

  private static void exitIfOutOfMemory(String program, Throwable t, PrintStream err) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof OutOfMemoryError) {
        err.println(program + ": out of memory (" + c.getMessage() + "): exiting; give the JVM more heap (-Xmx)"
            + " or lower the buffer limits");
        err.flush();
        Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
      }
    }
  }

  private static void watch(VertxInternal vertx, String program, Duration maxBlocked, PrintStream err) {
    List<EventExecutor> loops = new ArrayList<>();
    vertx.nettyEventLoopGroup().forEach(loops::add);
    AtomicLongArray lastRan = new AtomicLongArray(loops.size());
    long start = System.nanoTime();
    for (int i = 0; i < loops.size(); i++) {
      lastRan.set(i, start);
    }
    long limit = maxBlocked.toNanos();
    while (!vertx.nettyEventLoopGroup().isShuttingDown()) {
      long now = System.nanoTime();
      for (int i = 0; i < loops.size(); i++) {
        int loop = i;
        long blocked = now - lastRan.get(i);
        if (blocked > limit && !vertx.nettyEventLoopGroup().isShuttingDown()) {
          err.println(program + ": event loop " + (i + 1) + " of " + loops.size() + " blocked for " + blocked / 1_000_000_000 + " s"
              + " (limit " + maxBlocked.toSeconds() + " s): exiting");
          err.flush();
          Runtime.getRuntime().halt(EXIT_BLOCKED);
        }
        try {
          loops.get(i).execute(() -> lastRan.set(loop, System.nanoTime()));
        } catch (RejectedExecutionException closing) {
          return;
        }
      }
      try {
        Thread.sleep(Math.min(1000, Math.max(10, limit / 1_000_000 / 4)));
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
