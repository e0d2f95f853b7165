package io.brokervx.endpoint;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Waiting helpers for tests that drive endpoints from the JUnit thread (never from an event loop). */
final class TestSupport {
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private TestSupport() {
  }

  /** Blocks the test thread until {@code f} completes; rethrows its failure. */
  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not succeed: " + e, e);
    }
  }

  /**
   * Blocks until {@code condition} (evaluated on a timer every 20 ms, returning a future) holds.
   *
   * @throws AssertionError naming {@code what} when it does not within the timeout
   */
  static void eventually(Vertx vertx, String what, Supplier<Future<Boolean>> condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    long[] timer = new long[1];
    timer[0] = vertx.setPeriodic(20, t -> condition.get().onComplete(ar -> {
      if (ar.succeeded() && ar.result()) {
        vertx.cancelTimer(timer[0]);
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        vertx.cancelTimer(timer[0]);
        done.tryFail("timed out waiting for: " + what);
      }
    }));
    await(done.future());
  }
}
