package io.brokervx.data;

import java.nio.charset.StandardCharsets;

/**
 * Broker's {@code enum_value}: the name of a Zeek enum constant, such as {@code Log::WRITER_ASCII}.
 * Ordered by name (bytewise), rendered as the bare name.
 */
public final class EnumData extends Utf8Text implements Data {
  private EnumData(byte[] utf8, String text) {
    super(utf8, text);
  }

  /** @return the enum value named {@code name} */
  public static EnumData of(String name) {
    return new EnumData(name.getBytes(StandardCharsets.UTF_8), name);
  }

  /** @return the enum value whose name is a copy of {@code length} bytes of {@code utf8} from {@code offset} */
  public static EnumData ofUtf8(byte[] utf8, int offset, int length) {
    byte[] copy = new byte[length];
    System.arraycopy(utf8, offset, copy, 0, length);
    return new EnumData(copy, null);
  }

  /** @return the name (same as {@link #value()}) */
  public String name() {
    return value();
  }

  @Override
  public DataType type() {
    return DataType.ENUM_VALUE;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof EnumData e ? compareUtf8(e) : DataOrder.compareTypes(this, o);
  }
}
