package io.brokervx.data;

import java.math.BigInteger;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An immutable Broker value: one of the fifteen types of {@link DataType}.
 *
 * <p>Values are compared by a total order that is consistent with {@code equals}: first by type (in tag
 * order), then by value as Broker orders them (counts unsigned, strings by their UTF-8 bytes, addresses
 * bytewise, containers lexicographically). Sets and tables iterate in that order. Reals are equal when
 * {@link Double#compare} says so (all NaNs are one value, {@code -0.0} differs from {@code 0.0}).
 *
 * <p>{@code toString()} renders exactly as Broker's {@code to_string}: {@code nil}, {@code T}/{@code F},
 * reals with six decimals, timestamps and timespans as {@code <n>ns}, {@code {a, b}} for sets,
 * {@code {k -> v}} for tables and {@code (a, b)} for vectors.
 */
public sealed interface Data extends Comparable<Data>
    permits NoneData, BooleanData, CountData, IntegerData, RealData, StringData, AddressData, SubnetData,
    PortData, TimestampData, TimespanData, EnumData, SetData, TableData, VectorData {

  /** @return the type of this value */
  DataType type();

  /** @return the none value ({@code nil}) */
  static NoneData none() {
    return NoneData.INSTANCE;
  }

  /** @return the boolean value {@code b} */
  static BooleanData bool(boolean b) {
    return BooleanData.of(b);
  }

  /** @return the count whose 64 bits are {@code bits}, read as an unsigned number */
  static CountData count(long bits) {
    return CountData.of(bits);
  }

  /**
   * @param value a number in 0 … 2^64-1
   * @return that count
   * @throws IllegalArgumentException when the number is out of range
   */
  static CountData count(BigInteger value) {
    return CountData.of(value);
  }

  /** @return the signed 64-bit integer {@code value} */
  static IntegerData integer(long value) {
    return new IntegerData(value);
  }

  /** @return the real {@code value} */
  static RealData real(double value) {
    return new RealData(value);
  }

  /** @return the string {@code value} (stored as UTF-8) */
  static StringData string(String value) {
    return StringData.of(value);
  }

  /**
   * @param text an IPv4 dotted quad or an IPv6 address
   * @return the address
   * @throws IllegalArgumentException when the text is not an address (no name resolution is done)
   */
  static AddressData address(String text) {
    return AddressData.parse(text);
  }

  /** @return the address of {@code address} */
  static AddressData address(InetAddress address) {
    return AddressData.of(address.getAddress());
  }

  /**
   * @param text {@code addr/len}
   * @return the subnet, with host bits masked as Broker masks them
   * @throws IllegalArgumentException when the text is not a subnet
   */
  static SubnetData subnet(String text) {
    return SubnetData.parse(text);
  }

  /** @return the subnet {@code network/length}, masked (length in IPv4 terms for an IPv4 network) */
  static SubnetData subnet(AddressData network, int length) {
    return SubnetData.of(network, length);
  }

  /** @return the port {@code number/protocol} */
  static PortData port(int number, PortData.Protocol protocol) {
    return PortData.of(number, protocol);
  }

  /** @return the timestamp {@code nanos} nanoseconds after the epoch */
  static TimestampData timestamp(long nanos) {
    return new TimestampData(nanos);
  }

  /** @return the timestamp of {@code instant} (nanosecond precision) */
  static TimestampData timestamp(Instant instant) {
    return TimestampData.of(instant);
  }

  /** @return the timespan of {@code nanos} nanoseconds */
  static TimespanData timespan(long nanos) {
    return new TimespanData(nanos);
  }

  /** @return the timespan of {@code duration} (nanosecond precision) */
  static TimespanData timespan(Duration duration) {
    return TimespanData.of(duration);
  }

  /** @return the enum value named {@code name}, e.g. {@code Log::WRITER_ASCII} */
  static EnumData enumValue(String name) {
    return EnumData.of(name);
  }

  /** @return the set of {@code elements} (duplicates collapse) */
  static SetData set(Data... elements) {
    return SetData.of(elements);
  }

  /** @return the set of {@code elements} (duplicates collapse) */
  static SetData set(Collection<? extends Data> elements) {
    return SetData.of(elements.toArray(new Data[0]));
  }

  /** @return the table holding the entries of {@code entries} */
  static TableData table(Map<? extends Data, ? extends Data> entries) {
    return TableData.of(entries);
  }

  /** @return the vector of {@code elements}, in order */
  static VectorData vector(Data... elements) {
    return VectorData.of(elements);
  }

  /** @return the vector of {@code elements}, in order */
  static VectorData vector(List<? extends Data> elements) {
    return VectorData.of(elements.toArray(new Data[0]));
  }
}
