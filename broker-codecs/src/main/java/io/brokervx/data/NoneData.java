package io.brokervx.data;

/** Broker's {@code none}: the absence of a value, rendered {@code nil}. There is one instance. */
public final class NoneData implements Data {
  static final NoneData INSTANCE = new NoneData();

  private NoneData() {
  }

  @Override
  public DataType type() {
    return DataType.NONE;
  }

  @Override
  public int compareTo(Data o) {
    return DataOrder.compareTypes(this, o);
  }

  @Override
  public String toString() {
    return "nil";
  }
}
