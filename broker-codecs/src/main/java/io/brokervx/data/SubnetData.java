package io.brokervx.data;

/**
 * Broker's {@code subnet}: a network address and a prefix length. As in Broker, the length is held in
 * IPv6 terms ({@link #rawLength()}: an IPv4 {@code /8} is 104) and host bits are masked off on
 * construction. Ordered by network, then raw length; rendered as {@code 10.0.0.0/8}.
 */
public final class SubnetData implements Data {
  private final AddressData network;
  private final int rawLength;

  private SubnetData(AddressData network, int rawLength) {
    this.network = network;
    this.rawLength = rawLength;
  }

  /**
   * @param address any address in the subnet
   * @param length the prefix length: 0–32 for an IPv4 address, 0–128 otherwise
   * @return the subnet, host bits masked
   * @throws IllegalArgumentException when the length is out of range
   */
  public static SubnetData of(AddressData address, int length) {
    int max = address.isV4() ? 32 : 128;
    if (length < 0 || length > max) {
      throw new IllegalArgumentException("prefix length " + length + " out of range 0.." + max);
    }
    return ofRaw(address, address.isV4() ? length + 96 : length);
  }

  /**
   * @param address any address in the subnet
   * @param rawLength the prefix length in IPv6 terms, 0–128 (as Broker's binary format carries it)
   * @return the subnet, host bits masked
   * @throws IllegalArgumentException when the length is out of range
   */
  public static SubnetData ofRaw(AddressData address, int rawLength) {
    if (rawLength < 0 || rawLength > 128) {
      throw new IllegalArgumentException("raw prefix length " + rawLength + " out of range 0..128");
    }
    return new SubnetData(address.masked(rawLength), rawLength);
  }

  /**
   * @param text {@code addr/len}
   * @return the subnet
   * @throws IllegalArgumentException when the text is not a subnet
   */
  public static SubnetData parse(String text) {
    int slash = text.lastIndexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a subnet (no '/'): '" + text + "'");
    }
    String len = text.substring(slash + 1);
    if (len.isEmpty() || len.length() > 3 || !len.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new IllegalArgumentException("not a subnet prefix length: '" + text + "'");
    }
    return of(AddressData.parse(text.substring(0, slash)), Integer.parseInt(len));
  }

  /** @return the network address (host bits cleared) */
  public AddressData network() {
    return network;
  }

  /** @return the prefix length as written: 0–32 for an IPv4 network, 0–128 otherwise */
  public int length() {
    return network.isV4() ? rawLength - 96 : rawLength;
  }

  /** @return the prefix length in IPv6 terms (0–128) */
  public int rawLength() {
    return rawLength;
  }

  /** @return whether {@code address} lies in this subnet */
  public boolean contains(AddressData address) {
    return address.masked(rawLength).equals(network);
  }

  @Override
  public DataType type() {
    return DataType.SUBNET;
  }

  @Override
  public int compareTo(Data o) {
    if (!(o instanceof SubnetData s)) {
      return DataOrder.compareTypes(this, o);
    }
    int c = network.compareTo(s.network);
    return c != 0 ? c : Integer.compare(rawLength, s.rawLength);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SubnetData s && rawLength == s.rawLength && network.equals(s.network);
  }

  @Override
  public int hashCode() {
    return network.hashCode() * 31 + rawLength;
  }

  @Override
  public String toString() {
    return network + "/" + length();
  }
}
