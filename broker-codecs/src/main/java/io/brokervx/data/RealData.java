package io.brokervx.data;

import io.brokervx.data.impl.RealText;

/**
 * Broker's {@code real}: an IEEE-754 double. Equality and order follow {@link Double#compare}, so every
 * NaN is the same value and {@code -0.0} sorts before {@code 0.0}. Rendered as C's {@code %f}
 * ({@code 1.500000}, {@code -inf}, {@code nan}).
 *
 * @param value the number
 */
public record RealData(double value) implements Data {
  @Override
  public DataType type() {
    return DataType.REAL;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof RealData r ? Double.compare(value, r.value) : DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return RealText.format(value);
  }
}
