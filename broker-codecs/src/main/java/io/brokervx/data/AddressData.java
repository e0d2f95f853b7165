package io.brokervx.data;

import io.brokervx.data.impl.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Broker's {@code address}: 16 bytes, with IPv4 addresses held IPv4-mapped ({@code ::ffff:a.b.c.d}).
 * Ordered bytewise; rendered as a dotted quad for IPv4 and in compressed form for IPv6. Held as two
 * 64-bit halves, so decoding an address allocates nothing but the value.
 */
public final class AddressData implements Data {
  private final long hi;
  private final long lo;

  private AddressData(long hi, long lo) {
    this.hi = hi;
    this.lo = lo;
  }

  private static long half(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[at + i] & 0xff);
    }
    return v;
  }

  /**
   * @param bytes 4 (IPv4) or 16 (IPv6) bytes in network order
   * @return the address
   * @throws IllegalArgumentException for any other length
   */
  public static AddressData of(byte[] bytes) {
    if (bytes.length == 16) {
      return new AddressData(half(bytes, 0), half(bytes, 8));
    }
    if (bytes.length == 4) {
      long v4 = ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xffL) << 16) | ((bytes[2] & 0xffL) << 8) | (bytes[3] & 0xffL);
      return new AddressData(0, 0xffff_0000_0000L | v4);
    }
    throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
  }

  /** @return the address held in the 16 bytes of {@code src} from {@code offset} */
  public static AddressData of16(byte[] src, int offset) {
    return new AddressData(half(src, offset), half(src, offset + 8));
  }

  /**
   * @param text an IPv4 dotted quad or an IPv6 address
   * @return the address
   * @throws IllegalArgumentException when the text is not an address (no name resolution is done)
   */
  public static AddressData parse(String text) {
    byte[] b = AddressText.parse(text);
    if (b == null) {
      throw new IllegalArgumentException("not an IP address: '" + text + "'");
    }
    return of(b);
  }

  /** @return whether this is an IPv4 address (held IPv4-mapped) */
  public boolean isV4() {
    return hi == 0 && (lo >>> 32) == 0xffff;
  }

  /** @return the 16 bytes, in network order */
  public byte[] bytes() {
    byte[] b = new byte[16];
    copyTo(b, 0);
    return b;
  }

  /** Copies the 16 bytes into {@code dst} at {@code offset}; @return the offset after them */
  public int copyTo(byte[] dst, int offset) {
    for (int i = 7; i >= 0; i--) {
      dst[offset + i] = (byte) (hi >>> (8 * (7 - i)));
      dst[offset + 8 + i] = (byte) (lo >>> (8 * (7 - i)));
    }
    return offset + 16;
  }

  /** @return this address with every bit after the first {@code rawLength} (0–128) cleared */
  AddressData masked(int rawLength) {
    long mh = rawLength >= 64 ? -1L : rawLength == 0 ? 0 : -1L << (64 - rawLength);
    long ml = rawLength <= 64 ? 0 : rawLength >= 128 ? -1L : -1L << (128 - rawLength);
    return (hi & mh) == hi && (lo & ml) == lo ? this : new AddressData(hi & mh, lo & ml);
  }

  /** @return this address as an {@link InetAddress} (an {@code Inet4Address} for IPv4) */
  public InetAddress toInetAddress() {
    try {
      byte[] b = bytes();
      return InetAddress.getByAddress(isV4() ? Arrays.copyOfRange(b, 12, 16) : b);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public DataType type() {
    return DataType.ADDRESS;
  }

  @Override
  public int compareTo(Data o) {
    if (!(o instanceof AddressData a)) {
      return DataOrder.compareTypes(this, o);
    }
    int c = Long.compareUnsigned(hi, a.hi);
    return c != 0 ? c : Long.compareUnsigned(lo, a.lo);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressData a && hi == a.hi && lo == a.lo;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(hi) * 31 + Long.hashCode(lo);
  }

  @Override
  public String toString() {
    return AddressText.format(bytes());
  }
}
