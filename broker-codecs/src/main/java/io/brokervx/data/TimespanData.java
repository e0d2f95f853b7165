package io.brokervx.data;

import java.time.Duration;

/**
 * Broker's {@code timespan}: a signed 64-bit number of nanoseconds. Rendered as {@code <n>ns}, as Broker
 * does.
 *
 * @param nanos the length in nanoseconds
 */
public record TimespanData(long nanos) implements Data {
  /**
   * @return the timespan of {@code duration}
   * @throws ArithmeticException when the duration does not fit in 64-bit nanoseconds (about 292 years)
   */
  public static TimespanData of(Duration duration) {
    return new TimespanData(duration.toNanos());
  }

  /** @return this timespan as a {@link Duration} */
  public Duration toDuration() {
    return Duration.ofNanos(nanos);
  }

  @Override
  public DataType type() {
    return DataType.TIMESPAN;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof TimespanData t ? Long.compare(nanos, t.nanos) : DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return nanos + "ns";
  }
}
