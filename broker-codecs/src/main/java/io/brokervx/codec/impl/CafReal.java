package io.brokervx.codec.impl;

/**
 * Broker's binary encoding of reals, which is CAF's {@code pack754}/{@code unpack754} rather than plain
 * IEEE-754. For normal numbers and zeros the bits are IEEE's; the differences, copied so that we
 * interoperate byte for byte:
 * <ul>
 *   <li>+inf is written {@code FFF0000000000000} and -inf {@code 7FF0000000000000} (swapped);</li>
 *   <li>every NaN is written {@code FFFFFFFFFFFFFFFF}; only that pattern reads back as NaN;</li>
 *   <li>any other pattern with an all-ones exponent reads as ±infinity (IEEE NaN {@code 7FF8…} is +inf);</li>
 *   <li>subnormals are written with a negative exponent that spills into the sign bits and read back as
 *       large numbers of the opposite magnitude (Broker itself does not round-trip them);</li>
 *   <li>patterns with a zero exponent (IEEE subnormal bits) read as {@code (1+f)·2^-1023}.</li>
 * </ul>
 */
public final class CafReal {
  private static final long PACKED_NAN = 0xFFFFFFFFFFFFFFFFL;
  private static final long PACKED_PINF = 0xFFF0000000000000L;
  private static final long PACKED_NINF = 0x7FF0000000000000L;
  private static final long PACKED_NZERO = 0x8000000000000000L;
  private static final long FRACTION_MASK = (1L << 52) - 1;

  private CafReal() {
  }

  /** @return the 64 bits Broker writes for {@code v} */
  public static long pack(double v) {
    long bits = Double.doubleToRawLongBits(v);
    int exponent = (int) (bits >>> 52) & 0x7ff;
    if (exponent != 0 && exponent != 0x7ff) {
      return bits;
    }
    if (Double.isNaN(v)) {
      return PACKED_NAN;
    }
    if (Double.isInfinite(v)) {
      return v < 0 ? PACKED_NINF : PACKED_PINF;
    }
    long fraction = bits & FRACTION_MASK;
    if (fraction == 0) {
      return bits; // +0 or -0
    }
    // subnormal: normalise the fraction and let the (negative) biased exponent wrap as CAF's does
    int top = 63 - Long.numberOfLeadingZeros(fraction);
    long biasedExponent = (top - 1074) + 1023;
    long significand = (fraction ^ (1L << top)) << (52 - top);
    long sign = bits & PACKED_NZERO;
    return sign | (biasedExponent << 52) | significand;
  }

  /** @return the real Broker reads from the 64 bits {@code packed} */
  public static double unpack(long packed) {
    if (packed == PACKED_PINF) {
      return Double.POSITIVE_INFINITY;
    }
    if (packed == PACKED_NINF) {
      return Double.NEGATIVE_INFINITY;
    }
    if (packed == PACKED_NAN) {
      return Double.NaN;
    }
    int exponent = (int) (packed >>> 52) & 0x7ff;
    if (exponent != 0 && exponent != 0x7ff) {
      return Double.longBitsToDouble(packed);
    }
    if (packed == 0 || packed == PACKED_NZERO) {
      return Double.longBitsToDouble(packed);
    }
    double sign = packed < 0 ? -1.0 : 1.0;
    if (exponent == 0x7ff) {
      return sign * Double.POSITIVE_INFINITY;
    }
    // exponent 0: (1 + f) * 2^-1023, rounded once as CAF's halving loop rounds
    double mantissa = 1.0 + (packed & FRACTION_MASK) / (double) (1L << 52);
    return sign * (mantissa * 0x1.0p-1022 / 2.0);
  }
}
