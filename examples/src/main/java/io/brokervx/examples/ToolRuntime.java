package io.brokervx.examples;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;

/** A Vert.x instance and one endpoint living on one known context, for the tools. */
final class ToolRuntime implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final Context context = vertx.getOrCreateContext();
  final Endpoint endpoint;

  ToolRuntime(EndpointOptions options) throws Exception {
    Promise<Endpoint> p = Promise.promise();
    context.runOnContext(v -> p.complete(Endpoint.create(vertx, options)));
    endpoint = await(p.future());
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
  }

  /** Waits (off the event loop) until an endpoint subscribed to {@code topic} is reachable, or the timeout. */
  boolean awaitSubscribers(String topic, int count, long timeoutMs) throws Exception {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (await(endpoint.subscribersOf(topic)).size() >= count) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  @Override
  public void close() throws Exception {
    await(endpoint.close());
    await(vertx.close());
  }
}
