package io.brokervx.websocket.impl;

import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.spi.BoundedStream;
import io.vertx.core.Context;

/**
 * The client's received messages as a back-pressured stream (on one context): a {@link BoundedStream} whose
 * queue, bounded in count, drops the oldest beyond it; while messages wait, {@code flowControl} is told to
 * stop reading the socket, and to read again once the queue has drained.
 */
final class InboundStream extends BoundedStream<DataMessage> {
  /** Turns reading from the socket off (false) and on (true). */
  interface FlowControl {
    void reading(boolean on);
  }

  private final FlowControl flow;

  InboundStream(Context context, int capacity, FlowControl flow) {
    super(context, capacity, OverflowPolicy.DROP_OLDEST);
    this.flow = flow;
  }

  @Override
  protected void readerReady(boolean ready) {
    flow.reading(ready);
  }
}
