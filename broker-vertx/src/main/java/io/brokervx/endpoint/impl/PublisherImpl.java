package io.brokervx.endpoint.impl;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.streams.WriteStream;

/** Publishing on one topic as a {@link WriteStream}, paced by the peers' output buffers. */
final class PublisherImpl implements WriteStream<Data> {
  private final Endpoint endpoint;
  private final Congestion congestion;
  private final String topic;
  private Handler<Void> drainHandler;

  PublisherImpl(Endpoint endpoint, Congestion congestion, String topic) {
    this.endpoint = endpoint;
    this.congestion = congestion;
    this.topic = topic;
  }

  @Override
  public WriteStream<Data> exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public Future<Void> write(Data data) {
    endpoint.publish(topic, data);
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> end() {
    return Future.succeededFuture();
  }

  /** Ignored: the peers' buffer sizes ({@code peerBufferSize}) decide when the queue is full. */
  @Override
  public WriteStream<Data> setWriteQueueMaxSize(int maxSize) {
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return congestion.isCongested();
  }

  @Override
  public WriteStream<Data> drainHandler(Handler<Void> handler) {
    this.drainHandler = handler;
    if (handler != null) {
      congestion.whenDrained(v -> {
        Handler<Void> h = drainHandler;
        if (h != null) {
          h.handle(null);
        }
      });
    }
    return this;
  }

  @Override
  public String toString() {
    return "Publisher[" + topic + "]";
  }
}
