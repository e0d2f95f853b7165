package io.brokervx.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Text held as the UTF-8 bytes Broker carries. Broker strings are byte strings: bytes that are not valid
 * UTF-8 are kept as they are (so they survive a round trip), and only {@link #value()} replaces them.
 */
abstract sealed class Utf8Text permits StringData, EnumData {
  private final byte[] utf8;
  private String text;
  private int hash;

  Utf8Text(byte[] utf8, String text) {
    this.utf8 = utf8;
    this.text = text;
  }

  /** @return the text, with U+FFFD for every byte sequence that is not valid UTF-8 */
  public final String value() {
    String t = text;
    if (t == null) {
      t = new String(utf8, StandardCharsets.UTF_8);
      text = t;
    }
    return t;
  }

  /** @return the number of UTF-8 bytes */
  public final int utf8Length() {
    return utf8.length;
  }

  /** @return a copy of the UTF-8 bytes */
  public final byte[] utf8() {
    return utf8.clone();
  }

  /**
   * Copies the UTF-8 bytes into {@code dst} at {@code offset}.
   *
   * @return the offset after the last byte copied
   */
  public final int copyUtf8(byte[] dst, int offset) {
    System.arraycopy(utf8, 0, dst, offset, utf8.length);
    return offset + utf8.length;
  }

  final int compareUtf8(Utf8Text other) {
    return Arrays.compareUnsigned(utf8, other.utf8);
  }

  @Override
  public final boolean equals(Object o) {
    return o != null && o.getClass() == getClass() && Arrays.equals(utf8, ((Utf8Text) o).utf8);
  }

  @Override
  public final int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(utf8);
      hash = h;
    }
    return h;
  }

  @Override
  public final String toString() {
    return value();
  }
}
