package io.brokervx.data;

/**
 * Broker's {@code integer}: a signed 64-bit number.
 *
 * @param value the number
 */
public record IntegerData(long value) implements Data {
  @Override
  public DataType type() {
    return DataType.INTEGER;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof IntegerData i ? Long.compare(value, i.value) : DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
