package io.brokervx.codec.impl;

import io.brokervx.data.AddressData;
import io.brokervx.data.BooleanData;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.EnumData;
import io.brokervx.data.IntegerData;
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

  /** @return the number of bytes {@code d} takes in binary v1 */
  public static int sizeOf(Data d) {
    return switch (d.type()) {
      case NONE -> 1;
      case BOOLEAN -> 2;
      case COUNT, INTEGER, REAL, TIMESTAMP, TIMESPAN -> 9;
      case STRING -> {
        int n = ((StringData) d).utf8Length();
        yield 1 + varintSize(n) + n;
      }
      case ENUM_VALUE -> {
        int n = ((EnumData) d).utf8Length();
        yield 1 + varintSize(n) + n;
      }
      case ADDRESS -> 17;
      case SUBNET -> 18;
      case PORT -> 4;
      case SET -> {
        SetData s = (SetData) d;
        int n = 1 + varintSize(s.size());
        for (int i = 0; i < s.size(); i++) {
          n += sizeOf(s.get(i));
        }
        yield n;
      }
      case TABLE -> {
        TableData t = (TableData) d;
        int n = 1 + varintSize(t.size());
        for (int i = 0; i < t.size(); i++) {
          n += sizeOf(t.keyAt(i)) + sizeOf(t.valueAt(i));
        }
        yield n;
      }
      case VECTOR -> {
        VectorData v = (VectorData) d;
        int n = 1 + varintSize(v.size());
        for (int i = 0; i < v.size(); i++) {
          n += sizeOf(v.get(i));
        }
        yield n;
      }
    };
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
    dst[at++] = (byte) d.type().tag();
    switch (d.type()) {
      case NONE -> {
      }
      case BOOLEAN -> dst[at++] = (byte) (((BooleanData) d).value() ? 1 : 0);
      case COUNT -> at = putLong(dst, at, ((CountData) d).bits());
      case INTEGER -> at = putLong(dst, at, ((IntegerData) d).value());
      case REAL -> at = putLong(dst, at, CafReal.pack(((RealData) d).value()));
      case TIMESTAMP -> at = putLong(dst, at, ((TimestampData) d).nanos());
      case TIMESPAN -> at = putLong(dst, at, ((TimespanData) d).nanos());
      case STRING -> {
        StringData s = (StringData) d;
        at = s.copyUtf8(dst, putVarint(dst, at, s.utf8Length()));
      }
      case ENUM_VALUE -> {
        EnumData e = (EnumData) d;
        at = e.copyUtf8(dst, putVarint(dst, at, e.utf8Length()));
      }
      case ADDRESS -> at = putAddress(dst, at, (AddressData) d);
      case SUBNET -> {
        SubnetData s = (SubnetData) d;
        at = putAddress(dst, at, s.network());
        dst[at++] = (byte) s.rawLength();
      }
      case PORT -> {
        PortData p = (PortData) d;
        dst[at++] = (byte) (p.number() >> 8);
        dst[at++] = (byte) p.number();
        dst[at++] = (byte) p.protocol().code();
      }
      case SET -> {
        SetData s = (SetData) d;
        at = putVarint(dst, at, s.size());
        for (int i = 0; i < s.size(); i++) {
          at = write(s.get(i), dst, at);
        }
      }
      case TABLE -> {
        TableData t = (TableData) d;
        at = putVarint(dst, at, t.size());
        for (int i = 0; i < t.size(); i++) {
          at = write(t.keyAt(i), dst, at);
          at = write(t.valueAt(i), dst, at);
        }
      }
      case VECTOR -> {
        VectorData v = (VectorData) d;
        at = putVarint(dst, at, v.size());
        for (int i = 0; i < v.size(); i++) {
          at = write(v.get(i), dst, at);
        }
      }
    }
    return at;
  }

  private static int putAddress(byte[] dst, int at, AddressData a) {
    for (int i = 0; i < 16; i++) {
      dst[at + i] = a.byteAt(i);
    }
    return at + 16;
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
