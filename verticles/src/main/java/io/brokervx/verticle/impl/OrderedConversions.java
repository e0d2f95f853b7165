package io.brokervx.verticle.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/**
 * Conversions that keep their arrival order while the heavy ones run off the event loop: a light conversion
 * runs at once when nothing is pending; a heavy one, and every conversion that arrives while one is
 * pending, runs on a worker thread after those before it. Pending work is bounded in bytes; beyond the bound
 * {@link #submit} refuses (the caller drops and counts). Used from one context only.
 */
final class OrderedConversions {
  private final Vertx vertx;
  private final long maxPendingBytes;
  private Future<Void> tail = Future.succeededFuture();
  private long pendingBytes;
  private int pending;

  OrderedConversions(Vertx vertx, long maxPendingBytes) {
    this.vertx = vertx;
    this.maxPendingBytes = maxPendingBytes;
  }

  /**
   * @param bytes the size the conversion's input counts for against the bound
   * @param heavy whether it must run off the event loop
   * @param then called on this context with the result, in submission order
   * @return false when refused: the pending conversions already hold the byte bound
   */
  <T> boolean submit(long bytes, boolean heavy, Callable<T> convert, Handler<AsyncResult<T>> then) {
    if (pending == 0 && !heavy) {
      T result;
      try {
        result = convert.call();
      } catch (Exception e) {
        then.handle(Future.failedFuture(e));
        return true;
      }
      then.handle(Future.succeededFuture(result));
      return true;
    }
    if (pending > 0 && pendingBytes + bytes > maxPendingBytes) {
      return false;
    }
    pending++;
    pendingBytes += bytes;
    tail = tail.transform(before -> vertx.executeBlocking(convert, false).andThen(r -> {
      pending--;
      pendingBytes -= bytes;
      then.handle(r);
    })).transform(r -> Future.succeededFuture());
    return true;
  }
}
