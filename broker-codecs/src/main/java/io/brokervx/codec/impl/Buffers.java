package io.brokervx.codec.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** Zero-copy bridges between Vert.x {@link Buffer}s and byte arrays where the buffer allows it. */
public final class Buffers {
  private Buffers() {
  }

  /** A byte range: {@code array[from, to)}. */
  public record Slice(byte[] array, int from, int to) {
  }

  /** @return a buffer over {@code bytes} without copying them (the caller gives the array up) */
  public static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /**
   * @return the bytes {@code [from, to)} of {@code buffer}: its backing array when it has one, a copy
   *     otherwise
   */
  public static Slice slice(Buffer buffer, int from, int to) {
    if (buffer instanceof BufferInternal internal) {
      ByteBuf bb = internal.getByteBuf();
      if (bb.hasArray()) {
        int off = bb.arrayOffset() + bb.readerIndex();
        return new Slice(bb.array(), off + from, off + to);
      }
    }
    return new Slice(buffer.getBytes(from, to), 0, to - from);
  }
}
