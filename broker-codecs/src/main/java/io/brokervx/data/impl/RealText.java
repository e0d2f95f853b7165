package io.brokervx.data.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Renders reals as C's {@code printf("%f")} does (glibc: exact value, six decimals, ties to even). */
public final class RealText {
  private RealText() {
  }

  /**
   * @param v a double
   * @return {@code v} with exactly six decimals, or {@code nan}, {@code inf}, {@code -inf}
   */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    String s = new BigDecimal(v).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = v < 0 || (v == 0 && Double.doubleToRawLongBits(v) != 0);
    return negative && s.charAt(0) != '-' ? "-" + s : s;
  }
}
