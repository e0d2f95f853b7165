package io.brokervx.data;

import io.brokervx.data.impl.AddressText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * Broker's {@code address}: 16 bytes, with IPv4 addresses held IPv4-mapped ({@code ::ffff:a.b.c.d}).
 * Ordered bytewise; rendered as a dotted quad for IPv4 and in compressed form for IPv6.
 */
public final class AddressData implements Data {
  private final byte[] bytes;

  private AddressData(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * @param bytes 4 (IPv4) or 16 (IPv6) bytes in network order; copied
   * @return the address
   * @throws IllegalArgumentException for any other length
   */
  public static AddressData of(byte[] bytes) {
    if (bytes.length == 16) {
      return new AddressData(bytes.clone());
    }
    if (bytes.length == 4) {
      byte[] b = new byte[16];
      b[10] = (byte) 0xff;
      b[11] = (byte) 0xff;
      System.arraycopy(bytes, 0, b, 12, 4);
      return new AddressData(b);
    }
    throw new IllegalArgumentException("an address has 4 or 16 bytes, not " + bytes.length);
  }

  /** @return the address held in the 16 bytes of {@code src} from {@code offset} (copied) */
  public static AddressData of16(byte[] src, int offset) {
    return new AddressData(Arrays.copyOfRange(src, offset, offset + 16));
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
    return new AddressData(b);
  }

  /** @return whether this is an IPv4 address (held IPv4-mapped) */
  public boolean isV4() {
    return AddressText.isV4Mapped(bytes);
  }

  /** @return a copy of the 16 bytes */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Copies the 16 bytes into {@code dst} at {@code offset}; @return the offset after them */
  public int copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, 16);
    return offset + 16;
  }

  /** @return the byte at {@code index} (0–15) */
  public byte byteAt(int index) {
    return bytes[index];
  }

  /** @return this address with every bit after the first {@code rawLength} (0–128) cleared */
  AddressData masked(int rawLength) {
    byte[] b = bytes.clone();
    for (int i = 0; i < 16; i++) {
      int keep = Math.max(0, Math.min(8, rawLength - 8 * i));
      b[i] &= (byte) (0xff00 >> keep);
    }
    return Arrays.equals(b, bytes) ? this : new AddressData(b);
  }

  /** @return this address as an {@link InetAddress} (an {@code Inet4Address} for IPv4) */
  public InetAddress toInetAddress() {
    try {
      return InetAddress.getByAddress(isV4() ? Arrays.copyOfRange(bytes, 12, 16) : bytes.clone());
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
    return o instanceof AddressData a ? Arrays.compareUnsigned(bytes, a.bytes) : DataOrder.compareTypes(this, o);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressData a && Arrays.equals(bytes, a.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return AddressText.format(bytes);
  }
}
