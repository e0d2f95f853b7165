package io.brokervx.endpoint.impl.wire;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Reads big-endian fields from {@code array[from, to)}; running past the end throws
 * {@link MalformedFrameException}, never an index error.
 */
public final class ByteReader {
  private final byte[] a;
  private final int end;
  private int pos;

  /** Reads {@code a[from, to)}. */
  public ByteReader(byte[] a, int from, int to) {
    this.a = a;
    this.pos = from;
    this.end = to;
  }

  private void need(int n, String what) {
    if (end - pos < n) {
      throw new MalformedFrameException("frame ends inside " + what);
    }
  }

  /** @return the position of the next byte */
  public int position() {
    return pos;
  }

  /** @return the bytes left */
  public int remaining() {
    return end - pos;
  }

  /** @return the backing array */
  public byte[] array() {
    return a;
  }

  /** @return the end of the readable range in the backing array */
  public int end() {
    return end;
  }

  /** Skips {@code n} bytes. */
  public void skip(int n, String what) {
    need(n, what);
    pos += n;
  }

  /** @return the next byte, unsigned */
  public int u8(String what) {
    need(1, what);
    return a[pos++] & 0xff;
  }

  /** @return the next two bytes, unsigned big-endian */
  public int u16(String what) {
    need(2, what);
    int v = ((a[pos] & 0xff) << 8) | (a[pos + 1] & 0xff);
    pos += 2;
    return v;
  }

  /** @return the next four bytes, big-endian */
  public int u32(String what) {
    need(4, what);
    int v = ((a[pos] & 0xff) << 24) | ((a[pos + 1] & 0xff) << 16) | ((a[pos + 2] & 0xff) << 8) | (a[pos + 3] & 0xff);
    pos += 4;
    return v;
  }

  /** @return the next eight bytes, big-endian */
  public long u64(String what) {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (a[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /** @return the next 16 bytes as a UUID */
  public UUID uuid(String what) {
    need(16, what);
    return new UUID(u64(what), u64(what));
  }

  /** @return an unsigned LEB128 number of at most 32 bits that fits an int */
  public int varint(String what) {
    long n = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw new MalformedFrameException("bad varint in " + what);
      }
      int b = u8(what);
      n |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (n > Integer.MAX_VALUE) {
      throw new MalformedFrameException("varint out of range in " + what);
    }
    return (int) n;
  }

  /** @return a varint-length-prefixed UTF-8 string */
  public String string(String what) {
    int n = varint(what);
    need(n, what);
    String s = new String(a, pos, n, StandardCharsets.UTF_8);
    pos += n;
    return s;
  }
}
