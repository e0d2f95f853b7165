package io.brokervx.data;

/**
 * Broker's {@code boolean}, rendered {@code T} or {@code F}.
 *
 * @param value the truth value
 */
public record BooleanData(boolean value) implements Data {
  private static final BooleanData TRUE = new BooleanData(true);
  private static final BooleanData FALSE = new BooleanData(false);

  /** @return the shared instance for {@code value} */
  public static BooleanData of(boolean value) {
    return value ? TRUE : FALSE;
  }

  @Override
  public DataType type() {
    return DataType.BOOLEAN;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof BooleanData b ? Boolean.compare(value, b.value) : DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return value ? "T" : "F";
  }
}
