package io.brokervx.codec;

import io.brokervx.codec.impl.BinaryDecoder;
import io.brokervx.codec.impl.BinaryEncoder;
import io.brokervx.codec.impl.Buffers;
import io.brokervx.data.Data;
import io.netty.buffer.ByteBuf;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;

/**
 * Broker's binary data format v1, byte for byte: a tag byte (0–14) then the value; big-endian fixed-width
 * numbers; LEB128 lengths; IPv4 addresses IPv4-mapped; subnet lengths in IPv6 terms; reals as CAF's
 * {@code pack754} writes them (±inf swapped, a single NaN pattern, subnormals as Broker mangles them).
 * This is exactly the payload of a Broker data message.
 *
 * <p>Decoding is strict and bounded by {@link DecodeLimits}; every failure is a {@link DecodeException}.
 */
public final class BinaryFormat {
  private static final DecodeLimits DEFAULT_LIMITS = new DecodeLimits();

  private BinaryFormat() {
  }

  /** @return the binary v1 encoding of {@code data} in a new buffer of exactly that size */
  public static Buffer encode(Data data) {
    byte[] out = new byte[BinaryEncoder.sizeOf(data)];
    BinaryEncoder.write(data, out, 0);
    return Buffers.wrap(out);
  }

  /** Appends the binary v1 encoding of {@code data} to {@code out}; @return {@code out} */
  public static Buffer encode(Data data, Buffer out) {
    byte[] bytes = new byte[BinaryEncoder.sizeOf(data)];
    BinaryEncoder.write(data, bytes, 0);
    return out.appendBytes(bytes);
  }

  /** @return the number of bytes the binary v1 encoding of {@code data} takes */
  public static int encodedSize(Data data) {
    return BinaryEncoder.sizeOf(data);
  }

  /**
   * Writes the binary v1 encoding of {@code data} into {@code dst} from {@code offset}; the array must have
   * room for {@link #encodedSize(Data)} bytes.
   *
   * @return the offset after the last byte written
   */
  public static int encode(Data data, byte[] dst, int offset) {
    return BinaryEncoder.write(data, dst, offset);
  }

  /**
   * Decodes a buffer that holds exactly one value, with the default limits.
   *
   * @throws DecodeException when it does not
   */
  public static Data decode(Buffer in) {
    return decode(in, 0, in.length(), DEFAULT_LIMITS);
  }

  /**
   * Decodes a buffer that holds exactly one value.
   *
   * @throws DecodeException when it does not, or when the value exceeds {@code limits}
   */
  public static Data decode(Buffer in, DecodeLimits limits) {
    return decode(in, 0, in.length(), limits);
  }

  /**
   * Decodes the bytes {@code [from, to)} of {@code in}, which must hold exactly one value. Error offsets
   * count from {@code from}.
   *
   * @throws DecodeException when they do not, or when the value exceeds {@code limits}
   */
  public static Data decode(Buffer in, int from, int to, DecodeLimits limits) {
    Objects.checkFromToIndex(from, to, in.length());
    ByteBuf heap = Buffers.heap(in);
    if (heap != null) {
      int offset = heap.arrayOffset() + heap.readerIndex();
      return BinaryDecoder.decode(heap.array(), offset + from, offset + to, limits);
    }
    return BinaryDecoder.decode(in.getBytes(from, to), 0, to - from, limits);
  }

  /**
   * Decodes one value that starts at {@code at} inside {@code in[from, to)} and may be followed by other
   * bytes, as when a value is one field of a larger structure. Error offsets count from {@code from}.
   *
   * @return the value and the offset just after it
   * @throws DecodeException when no valid value within {@code limits} starts at {@code at}
   */
  public static Decoded decodeAt(byte[] in, int from, int at, int to, DecodeLimits limits) {
    Objects.checkFromToIndex(from, to, in.length);
    if (at < from || at > to) {
      throw new IndexOutOfBoundsException("at " + at + " is outside [" + from + ", " + to + "]");
    }
    Data[] value = new Data[1];
    int end = BinaryDecoder.decodeAt(in, from, at, to, limits, value);
    return new Decoded(value[0], end);
  }

  /**
   * A value decoded from inside a larger byte range.
   *
   * @param value the value
   * @param end the offset just after its last byte
   */
  public record Decoded(Data value, int end) {
  }

  /**
   * Decodes {@code in[from, to)}, which must hold exactly one value. Error offsets count from {@code from}.
   *
   * @throws DecodeException when it does not, or when the value exceeds {@code limits}
   */
  public static Data decode(byte[] in, int from, int to, DecodeLimits limits) {
    Objects.checkFromToIndex(from, to, in.length);
    return BinaryDecoder.decode(in, from, to, limits);
  }
}
