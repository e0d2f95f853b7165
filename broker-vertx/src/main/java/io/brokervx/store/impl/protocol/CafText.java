package io.brokervx.store.impl.protocol;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * How CAF's {@code deep_to_string} renders the parts of an internal command that are not Broker data:
 * optional values ({@code null} or {@code *value}) and durations (the largest of h, min, s, ms, us that
 * is at least one unit, with up to six decimals and trailing zeros dropped; otherwise, and for negative
 * spans, whole nanoseconds). Also checks Broker's 16-bit tick counts.
 */
final class CafText {
  private static final long[] UNIT_NANOS = {3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
  private static final String[] UNIT_NAMES = {"h", "min", "s", "ms", "us"};

  private CafText() {
  }

  /** @return {@code null} for an absent expiry, else {@code *} and the duration as CAF prints it */
  static String optional(Duration expiry) {
    return expiry == null ? "null" : "*" + duration(expiry.toNanos());
  }

  /** @return {@code nanos} as CAF prints a {@code timespan} */
  static String duration(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    for (int i = 0; i < UNIT_NANOS.length; i++) {
      if (nanos >= UNIT_NANOS[i]) {
        // CAF divides in double precision and prints with std::to_string ("%f"): six decimals.
        BigDecimal units = new BigDecimal((double) nanos / UNIT_NANOS[i]).setScale(6, RoundingMode.HALF_EVEN);
        return units.stripTrailingZeros().toPlainString() + UNIT_NAMES[i];
      }
    }
    return nanos + "ns";
  }

  /** @throws IllegalArgumentException when {@code ticks} does not fit Broker's unsigned 16-bit tick count */
  static void checkTicks(int ticks) {
    if (ticks < 0 || ticks > 0xffff) {
      throw new IllegalArgumentException("tick interval " + ticks + " is not in [0, 65535]");
    }
  }
}
