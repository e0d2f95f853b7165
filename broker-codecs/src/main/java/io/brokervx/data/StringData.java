package io.brokervx.data;

import java.nio.charset.StandardCharsets;

/**
 * Broker's {@code string}: a byte string, normally UTF-8. Ordered bytewise (unsigned), which is code-point
 * order for valid UTF-8. Rendered raw, without quotes.
 */
public final class StringData extends Utf8Text implements Data {
  private static final StringData EMPTY = new StringData(new byte[0], "");

  private StringData(byte[] utf8, String text) {
    super(utf8, text);
  }

  /**
   * @return the string {@code text}, stored as UTF-8 only: a store holding millions of values keeps one array
   *     per value instead of two (the Java string is made again, once, when {@link #value()} is asked for)
   */
  public static StringData of(String text) {
    return text.isEmpty() ? EMPTY : new StringData(text.getBytes(StandardCharsets.UTF_8), null);
  }

  /** @return the string made of a copy of {@code utf8}, which need not be valid UTF-8 */
  public static StringData ofUtf8(byte[] utf8) {
    return utf8.length == 0 ? EMPTY : new StringData(utf8.clone(), null);
  }

  /** @return the string made of a copy of {@code length} bytes of {@code utf8} from {@code offset} */
  public static StringData ofUtf8(byte[] utf8, int offset, int length) {
    if (length == 0) {
      return EMPTY;
    }
    byte[] copy = new byte[length];
    System.arraycopy(utf8, offset, copy, 0, length);
    return new StringData(copy, null);
  }

  @Override
  public DataType type() {
    return DataType.STRING;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof StringData s ? compareUtf8(s) : DataOrder.compareTypes(this, o);
  }
}
