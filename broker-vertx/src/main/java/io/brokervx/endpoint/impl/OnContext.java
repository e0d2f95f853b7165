package io.brokervx.endpoint.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Running work on the endpoint's context: at once when the caller is already on it, else as a new task. */
final class OnContext {
  private OnContext() {
  }

  static void run(Context context, Runnable task) {
    if (Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  /** @return the future {@code body} returns, computed on the context; a thrown exception fails it */
  static <T> Future<T> call(Context context, Supplier<Future<T>> body) {
    Promise<T> p = Promise.promise();
    run(context, () -> {
      try {
        body.get().onComplete(p);
      } catch (RuntimeException e) {
        p.tryFail(e);
      }
    });
    return p.future();
  }
}
