package io.brokervx.endpoint.spi;

import io.brokervx.endpoint.OverflowPolicy;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayDeque;
import java.util.function.ToLongFunction;

/**
 * A back-pressured stream fed on one context: items go straight to the handler while it has demand, and
 * wait in a queue bounded in count and, given a weigher, in bytes while it is paused. A full queue applies the
 * overflow policy and counts what it discards; {@link OverflowPolicy#DISCONNECT} ends the stream with an
 * exception. An item heavier than the whole byte bound still waits, alone.
 *
 * @param <T> the item type
 */
public class BoundedStream<T> implements ReadStream<T> {
  private final Context context;
  private final int capacity;
  private final OverflowPolicy policy;
  private final long maxBytes;
  private final ToLongFunction<? super T> weigher;
  private final ArrayDeque<T> queue = new ArrayDeque<>();
  private final ArrayDeque<Long> weights = new ArrayDeque<>();
  private long queuedBytes;
  private Handler<T> handler;
  private Handler<Void> endHandler;
  private Handler<Throwable> exceptionHandler;
  private long demand = Long.MAX_VALUE;
  private boolean ended;
  private boolean draining;
  private volatile long dropped;

  /** A stream whose queue holds at most {@code capacity} items. */
  public BoundedStream(Context context, int capacity, OverflowPolicy policy) {
    this(context, capacity, 0, null, policy);
  }

  /**
   * A stream whose queue holds at most {@code capacity} items weighing at most {@code maxBytes} together, as
   * {@code weigher} weighs them (only items that wait are weighed).
   */
  public BoundedStream(Context context, int capacity, long maxBytes, ToLongFunction<? super T> weigher,
      OverflowPolicy policy) {
    this.context = context;
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.weigher = weigher;
    this.policy = policy;
  }

  /** @return the bytes the waiting items weigh */
  public long queuedBytes() {
    return queuedBytes;
  }

  /** @return the number of items the overflow policy discarded */
  public long dropped() {
    return dropped;
  }

  /** @return the number of items waiting for the reader (on the context) */
  public int queued() {
    return queue.size();
  }

  /** @return whether an item pushed now would go straight to the reader (on the context) */
  public boolean wantsMore() {
    return queue.isEmpty() && handler != null && demand > 0;
  }

  /** @return whether the stream has ended */
  public boolean isEnded() {
    return ended;
  }

  /** Offers an item (on the context). */
  public void push(T item) {
    if (ended) {
      return;
    }
    if (handler != null && demand > 0 && queue.isEmpty()) {
      if (demand != Long.MAX_VALUE) {
        demand--;
      }
      deliver(item);
      return;
    }
    long weight = weigher == null ? 0 : weigher.applyAsLong(item);
    while (!queue.isEmpty() && (queue.size() >= capacity || (weigher != null && queuedBytes + weight > maxBytes))) {
      switch (policy) {
        case DROP_NEWEST -> {
          dropped++;
          return;
        }
        case DROP_OLDEST -> {
          take();
          dropped++;
        }
        case DISCONNECT, BACKPRESSURE -> {
          dropped++;
          fail(new IllegalStateException("subscriber queue overflow (" + capacity + " items"
              + (weigher == null ? "" : ", " + maxBytes + " bytes") + ")"));
          return;
        }
      }
    }
    queue.add(item);
    weights.add(weight);
    queuedBytes += weight;
    readerReady(false);
  }

  private T take() {
    queuedBytes -= weights.poll();
    return queue.poll();
  }

  private void deliver(T item) {
    Handler<T> h = handler;
    try {
      h.handle(item);
    } catch (RuntimeException e) {
      Handler<Throwable> eh = exceptionHandler;
      if (eh != null) {
        eh.handle(e);
      } else {
        ((io.vertx.core.internal.ContextInternal) context).reportException(e);
      }
    }
  }

  private void drain() {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (!queue.isEmpty() && handler != null && demand > 0) {
        if (demand != Long.MAX_VALUE) {
          demand--;
        }
        deliver(take());
      }
    } finally {
      draining = false;
    }
    readerReady(wantsMore());
  }

  /** Ends the stream (on the context): the queue is dropped and the end handler called once. */
  public void end() {
    if (ended) {
      return;
    }
    ended = true;
    queue.clear();
    weights.clear();
    queuedBytes = 0;
    Handler<Void> h = endHandler;
    if (h != null) {
      h.handle(null);
    }
  }

  /** Ends the stream with an error (on the context). */
  private void fail(Throwable t) {
    if (ended) {
      return;
    }
    Handler<Throwable> eh = exceptionHandler;
    if (eh != null) {
      eh.handle(t);
    }
    end();
    onOverflowEnd();
  }

  /** Called after a {@link OverflowPolicy#DISCONNECT} overflow ended the stream. */
  protected void onOverflowEnd() {
  }

  /**
   * Called on the context with false when items start waiting or the reader pauses, and with
   * {@link #wantsMore()} after each drain: for a stream that stops and restarts its own source (a socket).
   */
  protected void readerReady(boolean ready) {
  }

  private void onContext(Runnable r) {
    if (Context.isOnEventLoopThread() && context == io.vertx.core.Vertx.currentContext()) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  @Override
  public BoundedStream<T> exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    return this;
  }

  @Override
  public BoundedStream<T> handler(Handler<T> handler) {
    this.handler = handler;
    if (handler != null) {
      onContext(this::drain);
    }
    return this;
  }

  @Override
  public BoundedStream<T> pause() {
    onContext(() -> {
      demand = 0;
      readerReady(false);
    });
    return this;
  }

  @Override
  public BoundedStream<T> resume() {
    return fetch(Long.MAX_VALUE);
  }

  @Override
  public BoundedStream<T> fetch(long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("fetch a positive amount, not " + amount);
    }
    onContext(() -> {
      demand = amount == Long.MAX_VALUE || demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
      drain();
    });
    return this;
  }

  @Override
  public BoundedStream<T> endHandler(Handler<Void> endHandler) {
    this.endHandler = endHandler;
    return this;
  }
}
