package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.endpoint.spi.BoundedStream;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans the endpoint's status events out to every open status stream. The list is copy-on-write: a handler
 * may open a stream (or close the endpoint) while an event is being delivered.
 */
final class StatusBus {
  private static final int STREAM_CAPACITY = 1024;

  private final Context context;
  private final List<BoundedStream<StatusEvent>> streams = new CopyOnWriteArrayList<>();
  private boolean closed;

  StatusBus(Context context) {
    this.context = context;
  }

  /** @return a new stream of the events emitted from now on (any thread) */
  ReadStream<StatusEvent> open() {
    BoundedStream<StatusEvent> s = new BoundedStream<>(context, STREAM_CAPACITY, OverflowPolicy.DROP_OLDEST);
    OnContext.run(context, () -> {
      if (closed) {
        s.end();
      } else {
        streams.add(s);
      }
    });
    return s;
  }

  void emit(StatusEvent e) {
    for (BoundedStream<StatusEvent> s : streams) {
      s.push(e);
    }
  }

  void emit(StatusCode code, UUID endpoint, String host, int port, ErrorCode error, String message) {
    emit(new StatusEvent(code, endpoint, host, port, error, message));
  }

  /** Ends every stream; later streams end at once. */
  void close() {
    closed = true;
    streams.forEach(BoundedStream::end);
    streams.clear();
  }
}
