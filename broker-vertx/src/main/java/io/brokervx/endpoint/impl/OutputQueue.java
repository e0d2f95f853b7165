package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.OverflowPolicy;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.brokervx.endpoint.impl.transport.PeerTransport;
import io.brokervx.endpoint.impl.wire.ByteBudget;
import java.util.ArrayDeque;

/**
 * A peer's output: frames are batched into one socket write per event-loop turn; while the socket is
 * saturated they wait in two queues bounded in count and bytes. Control frames (handshake, link state,
 * heartbeats, store commands) are never dropped: a peer that lets {@link #MAX_CONTROL_BACKLOG} of them, or more
 * than its control byte bound, or more than all peers' shared control budget allows, pile up is disconnected
 * (one frame larger than the bound may wait alone). Data frames obey the overflow policy once
 * {@code capacity} of them, or {@code maxBytes} of them, wait; under {@code backpressure} that disconnects, as the
 * endpoint stops feeding the queue at half (see {@link Owner#congested}).
 */
final class OutputQueue {
  /** Control frames that may wait for a slow peer before it is disconnected. */
  static final int MAX_CONTROL_BACKLOG = 1 << 20;
  private static final int MAX_BATCH = 64 * 1024;
  private static final long RECENT_WINDOW_NANOS = 60_000_000_000L;

  /** What the queue reports to its connection. */
  interface Owner {
    /** The overflow policy (or the control backlog) says the peer must go. */
    void overflowed(String why);

    /** The data queue crossed half its capacity ({@code true}) or fell back below it. */
    void congested(boolean congested);
  }

  private final PeerTransport socket;
  private final Context context;
  private final int capacity;
  private final long maxBytes;
  private final long maxControlBytes;
  private final ByteBudget controlBudget;
  private final OverflowPolicy policy;
  private final Owner owner;
  private final ArrayDeque<Buffer> dataQueue = new ArrayDeque<>();
  private final ArrayDeque<Buffer> controlQueue = new ArrayDeque<>();
  private long dataBytes;
  private long controlBytes;
  private Buffer batch;
  /** The size of the last batch written: the next one starts that large, so it rarely grows (and copies). */
  private int lastBatch = 256;
  private boolean flushScheduled;
  private boolean draining;
  private boolean congested;
  private long congestedSince;
  private boolean closed;
  private long framesSent;
  private long dataSent;
  private long dropped;
  private int maxQueued;
  private int maxQueuedBefore;
  private long maxQueuedWindow = System.nanoTime() / RECENT_WINDOW_NANOS;

  OutputQueue(PeerTransport socket, Context context, int capacity, long maxBytes, long maxControlBytes,
      ByteBudget controlBudget, OverflowPolicy policy, Owner owner) {
    this.socket = socket;
    this.context = context;
    this.capacity = capacity;
    this.maxBytes = maxBytes;
    this.maxControlBytes = maxControlBytes;
    this.controlBudget = controlBudget;
    this.policy = policy;
    this.owner = owner;
  }

  long framesSent() {
    return framesSent;
  }

  long dataSent() {
    return dataSent;
  }

  long dropped() {
    return dropped;
  }

  int queued() {
    return dataQueue.size();
  }

  /** @return since when the data queue has been at least half full ({@link System#nanoTime()}), or 0 */
  long congestedSince() {
    return congestedSince;
  }

  /** @return the bytes of data frames waiting */
  long queuedBytes() {
    return dataBytes;
  }

  /** @return the most data frames that waited during this minute or the previous one */
  int maxQueuedRecently() {
    rollWindow();
    return Math.max(maxQueued, maxQueuedBefore);
  }

  private void rollWindow() {
    long window = System.nanoTime() / RECENT_WINDOW_NANOS;
    if (window != maxQueuedWindow) {
      maxQueuedBefore = window == maxQueuedWindow + 1 ? maxQueued : 0;
      maxQueued = dataQueue.size();
      maxQueuedWindow = window;
    }
  }

  private boolean mustQueue() {
    return !controlQueue.isEmpty() || !dataQueue.isEmpty() || socket.writeQueueFull();
  }

  /** Queues a control frame; never dropped. */
  void writeControl(Buffer frame) {
    if (closed) {
      return;
    }
    framesSent++;
    if (!mustQueue()) {
      append(frame);
    } else if (controlQueue.size() >= MAX_CONTROL_BACKLOG
        || (!controlQueue.isEmpty() && controlBytes + frame.length() > maxControlBytes)
        || !controlBudget.reserve(frame.length())) {
      owner.overflowed("control backlog overflow (" + controlQueue.size() + " frames, " + controlBytes + " bytes)");
    } else {
      controlQueue.add(frame);
      controlBytes += frame.length();
      awaitDrain();
    }
  }

  /** Queues a data frame, subject to the overflow policy. */
  void writeData(Buffer frame) {
    if (closed) {
      return;
    }
    if (!mustQueue()) {
      framesSent++;
      dataSent++;
      append(frame);
      return;
    }
    while (!dataQueue.isEmpty() && (dataQueue.size() >= capacity || dataBytes + frame.length() > maxBytes)) {
      dropped++;
      switch (policy) {
        case DROP_NEWEST -> {
          return;
        }
        case DISCONNECT -> {
          owner.overflowed("backpressure overflow");
          return;
        }
        case BACKPRESSURE -> {
          owner.overflowed("output buffer full despite backpressure (" + dataQueue.size() + " frames, " + dataBytes
              + " bytes): a local publisher ignored writeQueueFull()");
          return;
        }
        case DROP_OLDEST -> {
          dataBytes -= dataQueue.poll().length();
          framesSent--;
          dataSent--;
        }
      }
    }
    framesSent++;
    dataSent++;
    dataQueue.add(frame);
    dataBytes += frame.length();
    if (dataQueue.size() > maxQueued) {
      rollWindow();
      maxQueued = Math.max(maxQueued, dataQueue.size());
    }
    if (!congested && (dataQueue.size() > capacity / 2 || dataBytes > maxBytes / 2)) {
      congested = true;
      congestedSince = System.nanoTime();
      owner.congested(true);
    }
    awaitDrain();
  }

  private void append(Buffer frame) {
    if (batch == null) {
      batch = Buffer.buffer(Math.max(lastBatch, frame.length()));
    }
    batch.appendBuffer(frame);
    if (batch.length() >= MAX_BATCH) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      context.runOnContext(v -> {
        flushScheduled = false;
        flush();
      });
    }
  }

  /** Writes the pending batch to the socket. */
  void flush() {
    if (batch != null && batch.length() > 0) {
      Buffer b = batch;
      batch = null;
      lastBatch = Math.min(MAX_BATCH + 4096, Math.max(256, b.length() + (b.length() >> 3)));
      socket.write(b);
      if (socket.writeQueueFull()) {
        awaitDrain();
      }
    }
  }

  private void awaitDrain() {
    if (draining) {
      return;
    }
    draining = true;
    if (socket.writeQueueFull()) {
      socket.drainHandler(v -> drainQueues());
    } else {
      context.runOnContext(v -> drainQueues());
    }
  }

  private void drainQueues() {
    draining = false;
    if (closed) {
      return;
    }
    while (!socket.writeQueueFull() && (!controlQueue.isEmpty() || !dataQueue.isEmpty())) {
      Buffer next;
      if (!controlQueue.isEmpty()) {
        next = controlQueue.poll();
        controlBytes -= next.length();
        controlBudget.release(next.length());
      } else {
        next = dataQueue.poll();
        dataBytes -= next.length();
      }
      if (batch == null) {
        batch = Buffer.buffer(MAX_BATCH);
      }
      batch.appendBuffer(next);
      if (batch.length() >= MAX_BATCH) {
        flush();
      }
    }
    flush();
    relieve();
    if (!controlQueue.isEmpty() || !dataQueue.isEmpty()) {
      awaitDrain();
    }
  }

  private void relieve() {
    if (congested && dataQueue.size() <= capacity / 2 && dataBytes <= maxBytes / 2) {
      congested = false;
      congestedSince = 0;
      owner.congested(false);
    }
  }

  /** Discards whatever still waits (after a final {@link #flush()}); later writes are ignored. */
  void close() {
    closed = true;
    dataQueue.clear();
    controlQueue.clear();
    dataBytes = 0;
    controlBudget.release(controlBytes);
    controlBytes = 0;
    relieve();
  }
}
