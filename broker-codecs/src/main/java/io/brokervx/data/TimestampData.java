package io.brokervx.data;

import java.time.Instant;

/**
 * Broker's {@code timestamp}: nanoseconds since the Unix epoch (UTC), signed 64-bit. Rendered as
 * {@code <n>ns}, as Broker does.
 *
 * @param nanos nanoseconds since 1970-01-01T00:00:00Z
 */
public record TimestampData(long nanos) implements Data {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /**
   * @return the timestamp of {@code instant}
   * @throws ArithmeticException when the instant lies outside the 64-bit nanosecond range (years 1677–2262)
   */
  public static TimestampData of(Instant instant) {
    return new TimestampData(
        Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano()));
  }

  /** @return this timestamp as an {@link Instant} */
  public Instant toInstant() {
    return Instant.ofEpochSecond(Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  @Override
  public DataType type() {
    return DataType.TIMESTAMP;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof TimestampData t ? Long.compare(nanos, t.nanos) : DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return nanos + "ns";
  }
}
