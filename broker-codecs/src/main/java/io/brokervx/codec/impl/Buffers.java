package io.brokervx.codec.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;

/** Zero-copy bridges between Vert.x {@link Buffer}s and byte arrays where the buffer allows it. */
public final class Buffers {
  private Buffers() {
  }

  /** @return a buffer over {@code bytes} without copying them (the caller gives the array up) */
  public static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  /** @return the heap {@link ByteBuf} under {@code buffer} (array-backed), or null when it has none */
  public static ByteBuf heap(Buffer buffer) {
    if (buffer instanceof BufferInternal internal) {
      ByteBuf bb = internal.getByteBuf();
      return bb.hasArray() ? bb : null;
    }
    return null;
  }
}
