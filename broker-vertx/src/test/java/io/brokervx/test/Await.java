package io.brokervx.test;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one way tests wait: for a Vert.x {@link Future} (with a generous timeout), for its failure, or, for a
 * condition that no event announces, by re-checking it on a Vert.x timer. Every method blocks the calling
 * thread, so it must be the test's own thread, never an event loop.
 */
public final class Await {
  /** How long any wait may take before the test fails: generous, so that a busy machine does not fail tests. */
  public static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** How often {@link #eventually} re-checks its condition. */
  private static final long POLL_MS = 20;

  private Await() {
  }

  /** Blocks until {@code f} completes; @return its result. @throws AssertionError when it fails or times out */
  public static <T> T await(Future<T> f) {
    return await(f, "a future");
  }

  /**
   * Blocks until {@code f} completes.
   *
   * @param what names the awaited outcome in the failure message
   * @return the result of {@code f}
   * @throws AssertionError when {@code f} fails or does not complete within {@link #TIMEOUT}
   */
  public static <T> T await(Future<T> f, String what) {
    return await(f, TIMEOUT, what);
  }

  /** {@link #await(Future, String)} with a longer {@code timeout}, e.g. for another JVM to start. */
  public static <T> T await(Future<T> f, Duration timeout, String what) {
    if (Context.isOnVertxThread()) {
      throw new IllegalStateException("await blocks: call it from the test thread, not " + Thread.currentThread());
    }
    try {
      return f.toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted waiting for " + what, e);
    }
  }

  /** Blocks until {@code f} completes; @return its failure. @throws AssertionError when it succeeds */
  public static Throwable failure(Future<?> f) {
    return failure(f, Throwable.class);
  }

  /**
   * Blocks until {@code f} completes.
   *
   * @return its failure, which must be a {@code type}
   * @throws AssertionError when {@code f} succeeds, fails otherwise, or times out
   */
  public static <E extends Throwable> E failure(Future<?> f, Class<E> type) {
    Future<?> outcome = f.map(v -> (Object) v).recover(Future::succeededFuture);
    Object o = await(outcome, "the failure of a future");
    if (!f.failed()) {
      throw new AssertionError("expected a failure (" + type.getSimpleName() + "), got the result " + o);
    }
    if (!type.isInstance(f.cause())) {
      throw new AssertionError("expected a " + type.getName() + ", got " + f.cause(), f.cause());
    }
    return type.cast(f.cause());
  }

  /**
   * Blocks until {@code condition} holds. It is evaluated on a Vert.x timer of {@code vertx} (an event loop: it
   * must not block) until its future yields true; a failed evaluation counts as false.
   *
   * @throws AssertionError naming {@code what} when the condition does not hold within {@link #TIMEOUT}
   */
  public static void eventually(Vertx vertx, String what, Supplier<Future<Boolean>> condition) {
    Promise<Void> done = Promise.promise();
    long deadline = System.nanoTime() + TIMEOUT.toNanos() - TimeUnit.SECONDS.toNanos(1);
    vertx.runOnContext(v -> check(vertx, condition, deadline, done));
    await(done.future(), what);
  }

  /** {@link #eventually(Vertx, String, Supplier)} for a condition that is a plain, non-blocking check. */
  public static void eventually(Vertx vertx, String what, BooleanSupplier condition) {
    eventually(vertx, what, () -> Future.succeededFuture(condition.getAsBoolean()));
  }

  private static void check(Vertx vertx, Supplier<Future<Boolean>> condition, long deadline, Promise<Void> done) {
    Future<Boolean> holds;
    try {
      holds = condition.get();
    } catch (RuntimeException | AssertionError e) {
      holds = Future.failedFuture(e);
    }
    holds.onComplete(ar -> {
      if (ar.succeeded() && Boolean.TRUE.equals(ar.result())) {
        done.tryComplete();
      } else if (System.nanoTime() > deadline) {
        done.tryFail(ar.failed() ? ar.cause() : new TimeoutException("the condition stayed false"));
      } else {
        vertx.setTimer(POLL_MS, t -> check(vertx, condition, deadline, done));
      }
    });
  }
}
