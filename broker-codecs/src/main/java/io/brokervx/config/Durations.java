package io.brokervx.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in configuration: a JSON number is milliseconds; a string is a whole number and a unit —
 * {@code ns}, {@code us}, {@code ms}, {@code s}, {@code min}, {@code h} or {@code d} — as Broker writes
 * timespans ({@code "1500ms"}, {@code "3s"}). Written back as a string in the coarsest exact unit.
 */
public final class Durations {
  private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|min|h|d)");

  private Durations() {
  }

  /**
   * @return the duration {@code value} (a JSON number of milliseconds, or a string with a unit)
   * @throws IllegalArgumentException when it is neither, or negative
   */
  public static Duration parse(Object value) {
    if (value instanceof Number n) {
      if (n.doubleValue() != n.longValue() || n.longValue() < 0) {
        throw new IllegalArgumentException("a duration must be a whole, non-negative number of milliseconds, not " + n);
      }
      return Duration.ofMillis(n.longValue());
    }
    if (value instanceof String s) {
      Matcher m = TEXT.matcher(s.trim());
      if (m.matches()) {
        long amount;
        try {
          amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("duration out of range: " + s);
        }
        return switch (m.group(2)) {
          case "ns" -> Duration.ofNanos(amount);
          case "us" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "min" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
    }
    throw new IllegalArgumentException("a duration must be milliseconds or a string such as \"1500ms\" or \"3s\" "
        + "(units ns, us, ms, s, min, h, d), not " + value);
  }

  /** @return {@code d} as a string in the coarsest unit that holds it exactly ({@code "3s"}, {@code "1500ms"}) */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    long[] sizes = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    String[] units = {"d", "h", "min", "s", "ms", "us"};
    for (int i = 0; i < sizes.length; i++) {
      if (nanos != 0 && nanos % sizes[i] == 0) {
        return nanos / sizes[i] + units[i];
      }
    }
    return nanos == 0 ? "0s" : nanos + "ns";
  }
}
