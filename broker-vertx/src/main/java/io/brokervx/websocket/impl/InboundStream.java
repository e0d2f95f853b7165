package io.brokervx.websocket.impl;

import io.brokervx.data.DataMessage;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;

/**
 * The client's received messages as a back-pressured stream (on one context): while the reader has no demand,
 * messages wait in a queue bounded in count (the oldest dropped beyond it) and {@code flowControl} is told to
 * stop reading the socket; it is told to read again once the queue has drained.
 */
final class InboundStream implements ReadStream<DataMessage> {
  /** Turns reading from the socket off (false) and on (true). */
  interface FlowControl {
    void reading(boolean on);
  }

  private final Context context;
  private final int capacity;
  private final FlowControl flow;
  private final ArrayDeque<DataMessage> queue = new ArrayDeque<>();
  private Handler<DataMessage> handler;
  private Handler<Void> endHandler;
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean draining;

  InboundStream(Context context, int capacity, FlowControl flow) {
    this.context = context;
    this.capacity = capacity;
    this.flow = flow;
  }

  /** @return whether the socket should be read now */
  boolean wantsMore() {
    return queue.isEmpty() && handler != null && demand > 0;
  }

  /** Offers a received message (on the context). */
  void push(DataMessage m) {
    if (ended) {
      return;
    }
    if (queue.isEmpty() && handler != null && demand > 0) {
      take(m);
      return;
    }
    if (queue.size() >= capacity) {
      queue.poll();
    }
    queue.add(m);
    flow.reading(false);
  }

  private void take(DataMessage m) {
    if (demand != Long.MAX_VALUE) {
      demand--;
    }
    handler.handle(m);
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!queue.isEmpty() && handler != null && demand > 0) {
        take(queue.poll());
      }
    } finally {
      draining = false;
    }
    flow.reading(wantsMore());
  }

  /** Ends the stream (on the context). */
  void end() {
    if (ended) {
      return;
    }
    ended = true;
    queue.clear();
    if (endHandler != null) {
      endHandler.handle(null);
    }
  }

  @Override
  public InboundStream exceptionHandler(Handler<Throwable> handler) {
    return this;
  }

  @Override
  public InboundStream handler(Handler<DataMessage> handler) {
    context.runOnContext(v -> {
      this.handler = handler;
      drain();
    });
    return this;
  }

  @Override
  public InboundStream pause() {
    context.runOnContext(v -> {
      demand = 0;
      flow.reading(false);
    });
    return this;
  }

  @Override
  public InboundStream resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public InboundStream fetch(long amount) {
    context.runOnContext(v -> {
      demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      drain();
    });
    return this;
  }

  @Override
  public InboundStream endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
