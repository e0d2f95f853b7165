package io.brokervx.codec.impl;

import io.brokervx.data.AddressData;
import io.brokervx.data.BooleanData;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.EnumData;
import io.brokervx.data.IntegerData;
import io.brokervx.data.NoneData;
import io.brokervx.data.PortData;
import io.brokervx.data.RealData;
import io.brokervx.data.SetData;
import io.brokervx.data.StringData;
import io.brokervx.data.SubnetData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimespanData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;

/**
 * Writes Broker's binary v1 format. Two passes without allocation: {@link #sizeOf} computes the exact
 * length, {@link #write} fills a caller-provided array.
 */
public final class BinaryEncoder {
  private BinaryEncoder() {
  }

  /**
   * @return the number of bytes {@code d} takes in binary v1. Dispatches with {@code instanceof} on the
   *     final value classes: a megamorphic {@code type()} call per node costs more than the encoding itself.
   */
  public static int sizeOf(Data d) {
    if (d instanceof CountData || d instanceof IntegerData || d instanceof TimestampData
        || d instanceof RealData || d instanceof TimespanData) {
      return 9;
    }
    if (d instanceof StringData s) {
      int n = s.utf8Length();
      return 1 + varintSize(n) + n;
    }
    if (d instanceof VectorData v) {
      int n = 1 + varintSize(v.size());
      for (int i = 0; i < v.size(); i++) {
        n += sizeOf(v.get(i));
      }
      return n;
    }
    if (d instanceof AddressData) {
      return 17;
    }
    if (d instanceof PortData) {
      return 4;
    }
    if (d instanceof BooleanData) {
      return 2;
    }
    if (d instanceof NoneData) {
      return 1;
    }
    if (d instanceof SubnetData) {
      return 18;
    }
    if (d instanceof EnumData e) {
      int n = e.utf8Length();
      return 1 + varintSize(n) + n;
    }
    if (d instanceof SetData s) {
      int n = 1 + varintSize(s.size());
      for (int i = 0; i < s.size(); i++) {
        n += sizeOf(s.get(i));
      }
      return n;
    }
    TableData t = (TableData) d;
    int n = 1 + varintSize(t.size());
    for (int i = 0; i < t.size(); i++) {
      n += sizeOf(t.keyAt(i)) + sizeOf(t.valueAt(i));
    }
    return n;
  }

  /** @return the number of bytes of the LEB128 encoding of {@code n} (non-negative) */
  public static int varintSize(int n) {
    return n < 0x80 ? 1 : n < 0x4000 ? 2 : n < 0x200000 ? 3 : n < 0x10000000 ? 4 : 5;
  }

  /**
   * Writes {@code d} into {@code dst} from {@code at}, which must have room for {@link #sizeOf}(d) bytes.
   *
   * @return the offset after the last byte written
   */
  public static int write(Data d, byte[] dst, int at) {
    if (d instanceof CountData c) {
      dst[at] = 2;
      return putLong(dst, at + 1, c.bits());
    }
    if (d instanceof StringData s) {
      dst[at] = 5;
      return s.copyUtf8(dst, putVarint(dst, at + 1, s.utf8Length()));
    }
    if (d instanceof VectorData v) {
      dst[at] = 14;
      at = putVarint(dst, at + 1, v.size());
      for (int i = 0; i < v.size(); i++) {
        at = write(v.get(i), dst, at);
      }
      return at;
    }
    if (d instanceof IntegerData i) {
      dst[at] = 3;
      return putLong(dst, at + 1, i.value());
    }
    if (d instanceof TimestampData t) {
      dst[at] = 9;
      return putLong(dst, at + 1, t.nanos());
    }
    if (d instanceof AddressData a) {
      dst[at] = 6;
      return putAddress(dst, at + 1, a);
    }
    if (d instanceof PortData p) {
      dst[at] = 8;
      dst[at + 1] = (byte) (p.number() >> 8);
      dst[at + 2] = (byte) p.number();
      dst[at + 3] = (byte) p.protocol().code();
      return at + 4;
    }
    if (d instanceof RealData r) {
      dst[at] = 4;
      return putLong(dst, at + 1, CafReal.pack(r.value()));
    }
    if (d instanceof TimespanData t) {
      dst[at] = 10;
      return putLong(dst, at + 1, t.nanos());
    }
    if (d instanceof BooleanData b) {
      dst[at] = 1;
      dst[at + 1] = (byte) (b.value() ? 1 : 0);
      return at + 2;
    }
    if (d instanceof NoneData) {
      dst[at] = 0;
      return at + 1;
    }
    if (d instanceof SubnetData s) {
      dst[at] = 7;
      at = putAddress(dst, at + 1, s.network());
      dst[at] = (byte) s.rawLength();
      return at + 1;
    }
    if (d instanceof EnumData e) {
      dst[at] = 11;
      return e.copyUtf8(dst, putVarint(dst, at + 1, e.utf8Length()));
    }
    if (d instanceof SetData s) {
      dst[at] = 12;
      at = putVarint(dst, at + 1, s.size());
      for (int i = 0; i < s.size(); i++) {
        at = write(s.get(i), dst, at);
      }
      return at;
    }
    TableData t = (TableData) d;
    dst[at] = 13;
    at = putVarint(dst, at + 1, t.size());
    for (int i = 0; i < t.size(); i++) {
      at = write(t.keyAt(i), dst, at);
      at = write(t.valueAt(i), dst, at);
    }
    return at;
  }

  private static int putAddress(byte[] dst, int at, AddressData a) {
    return a.copyTo(dst, at);
  }

  /** Writes {@code v} big-endian; @return the offset after it */
  public static int putLong(byte[] dst, int at, long v) {
    for (int i = 7; i >= 0; i--) {
      dst[at + i] = (byte) v;
      v >>>= 8;
    }
    return at + 8;
  }

  /** Writes {@code n} (non-negative) as LEB128; @return the offset after it */
  public static int putVarint(byte[] dst, int at, int n) {
    while ((n & ~0x7f) != 0) {
      dst[at++] = (byte) ((n & 0x7f) | 0x80);
      n >>>= 7;
    }
    dst[at++] = (byte) n;
    return at;
  }
}
