package io.brokervx.endpoint.impl.wire;

import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.Arrays;

/**
 * Splits a TCP byte stream into length-prefixed frames ({@code u32 length, body}). Complete frames are
 * handed over in place (no copy) when the arriving buffer holds them; only a partial frame at the end is
 * kept, within the endpoint's {@link ByteBudget}. A frame larger than the limit, or of length 0, or one
 * the budget cannot hold, stops the reader. The reader knows since when the frame it waits for is
 * unfinished, so that a peer trickling a frame can be cut off. {@link #suspend()} (flow control, also from
 * inside the sink) stops handing frames over after the current one; what is left waits, within the budget,
 * until {@link #resume()}.
 */
public final class FrameReader {
  /** Receives frame bodies; the array window is valid only during the call. */
  public interface Sink {
    /** Handles the frame body {@code a[from, to)}; @return false to stop reading */
    boolean frame(byte[] a, int from, int to);
  }

  private final int maxFrameSize;
  private final ByteBudget budget;
  private final Sink sink;
  private byte[] pending = new byte[0];
  private long partialSince;
  private int pendingLength;
  private boolean stopped;
  private boolean suspended;
  private String error;

  /** Creates a reader that accepts frames up to {@code maxFrameSize} bytes (body), buffering within {@code budget}. */
  public FrameReader(int maxFrameSize, ByteBudget budget, Sink sink) {
    this.maxFrameSize = maxFrameSize;
    this.budget = budget;
    this.sink = sink;
  }

  /** @return {@link System#nanoTime()} when the unfinished frame began to arrive, or 0 when none is unfinished */
  public long partialSince() {
    return partialSince;
  }

  /** Gives back what the reader holds; it reads nothing more. */
  public void close() {
    stopped = true;
    resize(0);
  }

  /** Makes the pending array {@code n} bytes long within the budget; @return false when the budget refuses */
  private boolean resize(int n) {
    if (n > pending.length && !budget.reserve(n - pending.length)) {
      return false;
    }
    if (n < pending.length) {
      budget.release(pending.length - n);
    }
    pending = Arrays.copyOf(pending, n);
    return true;
  }

  private boolean stop(String why) {
    stopped = true;
    error = why;
    return false;
  }

  /** @return why the reader stopped on bad input, or {@code null} */
  public String error() {
    return error;
  }

  /** @return whether bytes of an incomplete frame are waiting */
  public boolean hasPartialFrame() {
    return pendingLength > 0;
  }

  /** Stops handing frames over after the current one (flow control); bytes fed meanwhile wait. */
  public void suspend() {
    suspended = true;
  }

  /** @return whether the reader is suspended */
  public boolean isSuspended() {
    return suspended;
  }

  /** Hands over the frames that waited, then goes on as before; @return false once the reader has stopped */
  public boolean resume() {
    suspended = false;
    return feed(Buffer.buffer(0));
  }

  /** Feeds bytes from the socket; @return false once the reader has stopped */
  public boolean feed(Buffer data) {
    if (stopped) {
      return false;
    }
    byte[] a;
    int from;
    int to;
    ByteBuf bb = data instanceof BufferInternal bi ? bi.getByteBuf() : null;
    if (pendingLength == 0 && bb != null && bb.hasArray() && !suspended) {
      a = bb.array();
      from = bb.arrayOffset() + bb.readerIndex();
      to = from + bb.readableBytes();
    } else {
      int n = data.length();
      if (pending.length < pendingLength + n
          && !resize((int) Math.max(pendingLength + n, Math.min(2L * pending.length, maxFrameSize + 4L)))) {
        return stop("unfinished frames of all peers would exceed " + budget.limit() + " bytes");
      }
      data.getBytes(0, n, pending, pendingLength);
      pendingLength += n;
      a = pending;
      from = 0;
      to = pendingLength;
    }
    int pos = from;
    boolean completed = false;
    while (!suspended && to - pos >= 4) {
      int len = ((a[pos] & 0xff) << 24) | ((a[pos + 1] & 0xff) << 16) | ((a[pos + 2] & 0xff) << 8) | (a[pos + 3] & 0xff);
      if (len <= 0 || len > maxFrameSize) {
        return stop(len == 0 ? "zero-length frame" : "frame of " + Integer.toUnsignedString(len)
            + " bytes exceeds the limit of " + maxFrameSize);
      }
      if (to - pos - 4 < len) {
        break;
      }
      if (!sink.frame(a, pos + 4, pos + 4 + len)) {
        stopped = true;
        return false;
      }
      pos += 4 + len;
      completed = true;
    }
    int left = to - pos;
    if (a == pending) {
      System.arraycopy(pending, pos, pending, 0, left);
    } else {
      if (pending.length < left && !resize(Math.max(left, 256))) {
        return stop("unfinished frames of all peers would exceed " + budget.limit() + " bytes");
      }
      System.arraycopy(a, pos, pending, 0, left);
    }
    pendingLength = left;
    if (pending.length > 1 << 20 && left < 1024) {
      resize(1024);
    }
    if (left == 0 || suspended) {
      partialSince = 0; // nothing unfinished, or the wait is ours, not the peer's
    } else if (completed || partialSince == 0) {
      partialSince = System.nanoTime();
    }
    return true;
  }
}
