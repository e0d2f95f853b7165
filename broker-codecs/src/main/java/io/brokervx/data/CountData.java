package io.brokervx.data;

import java.math.BigInteger;

/**
 * Broker's {@code count}: an unsigned 64-bit number. The 64 bits are kept in a {@code long} and read as
 * unsigned everywhere (order, rendering, arithmetic), so 2^64-1 is {@code -1L} here and prints as
 * {@code 18446744073709551615}.
 *
 * @param bits the number's 64 bits
 */
public record CountData(long bits) implements Data {
  private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final CountData[] SMALL = new CountData[256];

  static {
    for (int i = 0; i < SMALL.length; i++) {
      SMALL[i] = new CountData(i);
    }
  }

  /** @return the count whose 64 bits are {@code bits}; shared instances for 0–255 */
  public static CountData of(long bits) {
    return bits >= 0 && bits < SMALL.length ? SMALL[(int) bits] : new CountData(bits);
  }

  /**
   * @param value a number in 0 … 2^64-1
   * @return that count
   * @throws IllegalArgumentException when the number is out of range
   */
  public static CountData of(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("count out of range 0..2^64-1: " + value);
    }
    return new CountData(value.longValue());
  }

  /** @return the value as a non-negative {@link BigInteger} */
  public BigInteger toBigInteger() {
    return bits >= 0 ? BigInteger.valueOf(bits) : BigInteger.valueOf(bits).and(MAX);
  }

  @Override
  public DataType type() {
    return DataType.COUNT;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof CountData c ? Long.compareUnsigned(bits, c.bits) : DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return Long.toUnsignedString(bits);
  }
}
