package io.brokervx.codec.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeException.Kind;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.AddressData;
import io.brokervx.data.Data;
import io.brokervx.data.EnumData;
import io.brokervx.data.PortData;
import io.brokervx.data.SetData;
import io.brokervx.data.VectorData;
import io.brokervx.data.StringData;
import io.brokervx.data.SubnetData;
import io.brokervx.data.TableData;

/**
 * Reads Broker's binary v1 format from a byte array, strictly and within {@link DecodeLimits}: every
 * length is checked against the bytes that remain before anything is allocated, so hostile input fails
 * with a {@link DecodeException} and never with an index, stack or memory error.
 */
public final class BinaryDecoder {
  private final byte[] in;
  private final int base;
  private final int end;
  private final int maxDepth;
  private final int maxContainerSize;
  private final int maxStringLength;
  private int pos;

  private BinaryDecoder(byte[] in, int from, int to, DecodeLimits limits) {
    this.in = in;
    this.base = from;
    this.pos = from;
    this.end = to;
    this.maxDepth = limits.getMaxDepth();
    this.maxContainerSize = limits.getMaxContainerSize();
    this.maxStringLength = limits.getMaxStringLength();
  }

  /**
   * Decodes exactly one value that fills {@code in[from, to)}.
   *
   * @throws DecodeException when the bytes are not exactly one valid value
   */
  public static Data decode(byte[] in, int from, int to, DecodeLimits limits) {
    BinaryDecoder d = new BinaryDecoder(in, from, to, limits);
    Data value = d.read(0);
    if (d.pos != to) {
      throw d.error(Kind.TRAILING_BYTES, d.pos, (to - d.pos) + " bytes left after the value");
    }
    return value;
  }

  /**
   * Decodes one value that starts at {@code at} inside {@code in[from, to)} and may be followed by other
   * bytes. Error offsets count from {@code from}.
   *
   * @return the offset just after the value; the value is stored in {@code out[0]}
   * @throws DecodeException when no valid value starts at {@code at}
   */
  public static int decodeAt(byte[] in, int from, int at, int to, DecodeLimits limits, Data[] out) {
    BinaryDecoder d = new BinaryDecoder(in, from, to, limits);
    d.pos = at;
    out[0] = d.read(0);
    return d.pos;
  }

  private DecodeException error(Kind kind, int at, String what) {
    return DecodeException.atOffset(kind, at - base, what);
  }

  private void need(int n, String what) {
    if (end - pos < n) {
      throw error(Kind.TRUNCATED, pos, "input ends inside " + what + " (" + n + " bytes needed, "
          + (end - pos) + " left)");
    }
  }

  private Data read(int depth) {
    need(1, "a tag byte");
    int at = pos;
    int tag = in[pos++] & 0xff;
    switch (tag) {
      case 0:
        return Data.none();
      case 1: {
        need(1, "a boolean");
        int b = in[pos++];
        if (b != 0 && b != 1) {
          throw error(Kind.INVALID_VALUE, pos - 1, "boolean byte " + b + " is neither 0 nor 1");
        }
        return Data.bool(b == 1);
      }
      case 2:
        return Data.count(readLong("a count"));
      case 3:
        return Data.integer(readLong("an integer"));
      case 4:
        return Data.real(CafReal.unpack(readLong("a real")));
      case 5: {
        int n = readLength("string", maxStringLength, 1);
        StringData s = StringData.ofUtf8(in, pos, n);
        pos += n;
        return s;
      }
      case 6:
        need(16, "an address");
        pos += 16;
        return AddressData.of16(in, pos - 16);
      case 7: {
        need(17, "a subnet");
        AddressData net = AddressData.of16(in, pos);
        int raw = in[pos + 16] & 0xff;
        if (raw > 128) {
          throw error(Kind.INVALID_VALUE, pos + 16, "subnet prefix length " + raw + " exceeds 128");
        }
        pos += 17;
        return SubnetData.ofRaw(net, raw);
      }
      case 8: {
        need(3, "a port");
        int number = ((in[pos] & 0xff) << 8) | (in[pos + 1] & 0xff);
        PortData.Protocol p = PortData.Protocol.fromCode(in[pos + 2] & 0xff);
        if (p == null) {
          throw error(Kind.UNKNOWN_TAG, pos + 2, "unknown port protocol " + (in[pos + 2] & 0xff));
        }
        pos += 3;
        return PortData.of(number, p);
      }
      case 9:
        return Data.timestamp(readLong("a timestamp"));
      case 10:
        return Data.timespan(readLong("a timespan"));
      case 11: {
        int n = readLength("enum name", maxStringLength, 1);
        EnumData e = EnumData.ofUtf8(in, pos, n);
        pos += n;
        return e;
      }
      case 12:
        return SetData.wrap(readElements(depth, at, "set"));
      case 13: {
        checkDepth(depth, at);
        int n = readLength("table", maxContainerSize, 2);
        Data[] keys = new Data[n];
        Data[] values = new Data[n];
        for (int i = 0; i < n; i++) {
          keys[i] = read(depth + 1);
          values[i] = read(depth + 1);
        }
        return TableData.ofArrays(keys, values);
      }
      case 14:
        return VectorData.wrap(readElements(depth, at, "vector"));
      default:
        throw error(Kind.UNKNOWN_TAG, at, "unknown data tag " + tag);
    }
  }

  private Data[] readElements(int depth, int at, String what) {
    checkDepth(depth, at);
    int n = readLength(what, maxContainerSize, 1);
    Data[] elements = new Data[n];
    for (int i = 0; i < n; i++) {
      elements[i] = read(depth + 1);
    }
    return elements;
  }

  private void checkDepth(int depth, int at) {
    if (depth + 1 > maxDepth) {
      throw error(Kind.TOO_DEEP, at, "containers nested deeper than " + maxDepth);
    }
  }

  private long readLong(String what) {
    need(8, what);
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[pos + i] & 0xff);
    }
    pos += 8;
    return v;
  }

  /**
   * Reads a LEB128 length and checks it against {@code max} and against the bytes left, given that each
   * unit takes at least {@code minUnitBytes} bytes.
   */
  private int readLength(String what, int max, int minUnitBytes) {
    int at = pos;
    long n = 0;
    for (int shift = 0; ; shift += 7) {
      if (shift > 28) {
        throw error(Kind.BAD_LENGTH, at, "length of a " + what + " is not a 32-bit varint");
      }
      if (pos >= end) {
        throw error(Kind.TRUNCATED, pos, "input ends inside the length of a " + what);
      }
      int b = in[pos++];
      n |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    if (n > 0xffffffffL) {
      throw error(Kind.BAD_LENGTH, at, "length of a " + what + " exceeds 32 bits");
    }
    if (n > max) {
      throw error(Kind.TOO_LARGE, at, "length " + n + " of a " + what + " exceeds the limit " + max);
    }
    if (n * minUnitBytes > end - pos) {
      throw error(Kind.BAD_LENGTH, at, "length " + n + " of a " + what + " runs past the end ("
          + (end - pos) + " bytes left)");
    }
    return (int) n;
  }
}
