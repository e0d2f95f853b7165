package io.brokervx.endpoint.impl.wire;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.data.Data;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/** A growable big-endian byte array for building frames; {@link #toBuffer()} hands it over without copying. */
public final class ByteWriter {
  private byte[] buf;
  private int len;

  /** Creates a writer with room for {@code capacity} bytes before it grows. */
  public ByteWriter(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  /** @return the number of bytes written */
  public int length() {
    return len;
  }

  /** Appends one byte. */
  public ByteWriter u8(int v) {
    ensure(1);
    buf[len++] = (byte) v;
    return this;
  }

  /** Appends two bytes, big-endian. */
  public ByteWriter u16(int v) {
    ensure(2);
    buf[len++] = (byte) (v >> 8);
    buf[len++] = (byte) v;
    return this;
  }

  /** Appends four bytes, big-endian. */
  public ByteWriter u32(int v) {
    ensure(4);
    buf[len++] = (byte) (v >> 24);
    buf[len++] = (byte) (v >> 16);
    buf[len++] = (byte) (v >> 8);
    buf[len++] = (byte) v;
    return this;
  }

  /** Appends eight bytes, big-endian. */
  public ByteWriter u64(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[len + i] = (byte) v;
      v >>>= 8;
    }
    len += 8;
    return this;
  }

  /** Overwrites four bytes at {@code at}, big-endian (for a length prefix written last). */
  public ByteWriter u32At(int at, int v) {
    buf[at] = (byte) (v >> 24);
    buf[at + 1] = (byte) (v >> 16);
    buf[at + 2] = (byte) (v >> 8);
    buf[at + 3] = (byte) v;
    return this;
  }

  /** Appends an unsigned LEB128 number. */
  public ByteWriter varint(int v) {
    ensure(5);
    while ((v & ~0x7f) != 0) {
      buf[len++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
    return this;
  }

  /** Appends the 16 bytes of {@code id} in canonical order. */
  public ByteWriter uuid(UUID id) {
    return u64(id.getMostSignificantBits()).u64(id.getLeastSignificantBits());
  }

  /** Appends raw bytes. */
  public ByteWriter bytes(byte[] b, int from, int to) {
    ensure(to - from);
    System.arraycopy(b, from, buf, len, to - from);
    len += to - from;
    return this;
  }

  /** Appends a varint length and the UTF-8 bytes of {@code s}. */
  public ByteWriter string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return varint(b.length).bytes(b, 0, b.length);
  }

  /** Appends the binary v1 encoding of {@code d}. */
  public ByteWriter data(Data d) {
    return data(d, BinaryFormat.encodedSize(d));
  }

  /** Appends the binary v1 encoding of {@code d}, whose size the caller already knows to be {@code n}. */
  public ByteWriter data(Data d, int n) {
    ensure(n);
    len = BinaryFormat.encode(d, buf, len);
    return this;
  }

  /** @return the bytes written, as a buffer that shares this writer's array (do not write further) */
  public Buffer toBuffer() {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(buf, 0, len));
  }

  /** @return the array written into (shared: valid up to {@link #length()}) */
  public byte[] array() {
    return buf;
  }

  /** @return a copy of the bytes written */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
