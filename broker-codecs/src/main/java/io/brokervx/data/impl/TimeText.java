package io.brokervx.data.impl;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON v1 text forms of timestamps and timespans. */
public final class TimeText {
  private static final long NS_PER_S = 1_000_000_000L;
  private static final Pattern TIMESPAN = Pattern.compile("([+-]?\\d+(?:\\.\\d+)?)(ns|us|ms|s|min|h|d)");
  private static final Pattern TIMESTAMP = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|[+-]\\d{2}:?\\d{2})?");

  private TimeText() {
  }

  /**
   * @return {@code nanos} in the largest exact unit among s, ms, us and ns, as Broker 6+ writes it
   *     ({@code "1500ms"}, {@code "0s"})
   */
  public static String formatTimespan(long nanos) {
    if (nanos % NS_PER_S == 0) {
      return nanos / NS_PER_S + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    if (nanos % 1_000L == 0) {
      return nanos / 1_000L + "us";
    }
    return nanos + "ns";
  }

  /**
   * Reads a timespan as Broker's JSON decoder does: a decimal number and a unit among ns, us, ms, s, min,
   * h and d ({@code "1500ms"}, {@code "1.5s"}, {@code "2min"}), rounded to the nearest nanosecond.
   *
   * @throws IllegalArgumentException when the text is not a timespan or does not fit in 64 bits
   */
  public static long parseTimespan(String text) {
    Matcher m = TIMESPAN.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a timespan (<number><ns|us|ms|s|min|h|d>): '" + text + "'");
    }
    long unit = switch (m.group(2)) {
      case "ns" -> 1L;
      case "us" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> NS_PER_S;
      case "min" -> 60 * NS_PER_S;
      case "h" -> 3600 * NS_PER_S;
      default -> 86400 * NS_PER_S;
    };
    try {
      return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit))
          .setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("timespan out of the 64-bit nanosecond range: '" + text + "'");
    }
  }

  /**
   * @param nanos nanoseconds since the epoch
   * @param nanosecondDigits whether to write nine fraction digits instead of Broker's three
   * @return {@code YYYY-MM-DDThh:mm:ss.mmm} (UTC, no zone suffix, truncated toward the epoch as Broker
   *     truncates), or with nine digits
   */
  public static String formatTimestamp(long nanos, boolean nanosecondDigits) {
    if (!nanosecondDigits) {
      nanos -= nanos % 1_000_000L; // truncated toward the epoch, so every rendering reads back in range
    }
    long seconds = Math.floorDiv(nanos, NS_PER_S);
    long fraction = Math.floorMod(nanos, NS_PER_S);
    LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(29);
    pad(sb, t.getYear(), 4).append('-');
    pad(sb, t.getMonthValue(), 2).append('-');
    pad(sb, t.getDayOfMonth(), 2).append('T');
    pad(sb, t.getHour(), 2).append(':');
    pad(sb, t.getMinute(), 2).append(':');
    pad(sb, t.getSecond(), 2).append('.');
    return (nanosecondDigits ? pad(sb, fraction, 9) : pad(sb, fraction / 1_000_000L, 3)).toString();
  }

  private static StringBuilder pad(StringBuilder sb, long v, int width) {
    String s = Long.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    return sb.append(s);
  }

  /**
   * Reads an ISO-8601 timestamp {@code YYYY-MM-DDThh:mm:ss[.f{1,9}][Z|±hh:mm]}; UTC when no zone is given.
   *
   * @return nanoseconds since the epoch
   * @throws IllegalArgumentException when the text is not such a timestamp or lies outside 1677–2262
   */
  public static long parseTimestamp(String text) {
    Matcher m = TIMESTAMP.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a timestamp (YYYY-MM-DDThh:mm:ss[.fff]): '" + text + "'");
    }
    try {
      LocalDateTime t = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5), num(m, 6));
      ZoneOffset zone = ZoneOffset.UTC;
      String z = m.group(8);
      if (z != null && !z.equals("Z")) {
        zone = ZoneOffset.of(z.length() == 5 ? z.substring(0, 3) + ":" + z.substring(3) : z);
      }
      long fraction = 0;
      String f = m.group(7);
      if (f != null) {
        fraction = Long.parseLong((f + "00000000").substring(0, 9));
      }
      long seconds = t.toEpochSecond(zone);
      if (seconds < 0 && fraction > 0) {
        // keep the intermediate product in range down to the very first representable nanosecond
        seconds++;
        fraction -= NS_PER_S;
      }
      return Math.addExact(Math.multiplyExact(seconds, NS_PER_S), fraction);
    } catch (DateTimeException | ArithmeticException e) {
      throw new IllegalArgumentException("invalid timestamp '" + text + "': " + e.getMessage());
    }
  }

  private static int num(Matcher m, int group) {
    return Integer.parseInt(m.group(group));
  }
}
