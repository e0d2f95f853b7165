package io.brokervx.data.impl;

/**
 * Parses and renders IP addresses in the 16-byte form Broker uses (IPv4 as {@code ::ffff:a.b.c.d}), without
 * any name resolution. Rendering follows glibc's {@code inet_ntop}, which Broker uses.
 */
public final class AddressText {
  private AddressText() {
  }

  /** @return whether {@code a} (16 bytes) is an IPv4-mapped address */
  public static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  /**
   * @param text an IPv4 dotted quad or an IPv6 address (RFC 4291 text forms, embedded IPv4 allowed)
   * @return the 16-byte form, or {@code null} when the text is not an address
   */
  public static byte[] parse(String text) {
    byte[] out = new byte[16];
    if (text.indexOf(':') < 0) {
      if (!parseV4(text, 0, text.length(), out, 12)) {
        return null;
      }
      out[10] = (byte) 0xff;
      out[11] = (byte) 0xff;
      return out;
    }
    return parseV6(text, out) ? out : null;
  }

  private static boolean parseV4(String s, int from, int to, byte[] out, int at) {
    int part = 0;
    int i = from;
    while (part < 4) {
      int start = i;
      int v = 0;
      while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start || v > 255 || (i - start > 1 && s.charAt(start) == '0')) {
        return false;
      }
      out[at + part++] = (byte) v;
      if (part < 4) {
        if (i >= to || s.charAt(i) != '.') {
          return false;
        }
        i++;
      }
    }
    return i == to;
  }

  private static boolean parseV6(String s, byte[] out) {
    int n = s.length();
    int[] groups = new int[8];
    int count = 0;
    int gap = -1;
    int i = 0;
    if (s.startsWith("::")) {
      gap = 0;
      i = 2;
      if (n == 2) {
        return true;
      }
    } else if (s.startsWith(":")) {
      return false;
    }
    while (i < n) {
      int start = i;
      int v = 0;
      while (i < n && i - start < 4 && Character.digit(s.charAt(i), 16) >= 0) {
        v = (v << 4) | Character.digit(s.charAt(i), 16);
        i++;
      }
      if (i < n && s.charAt(i) == '.') {
        // embedded IPv4 in the last 32 bits
        if (count > 6 || !parseV4(s, start, n, out, 0)) {
          return false;
        }
        groups[count++] = ((out[0] & 0xff) << 8) | (out[1] & 0xff);
        groups[count++] = ((out[2] & 0xff) << 8) | (out[3] & 0xff);
        i = n;
        break;
      }
      if (i == start || count == 8) {
        return false;
      }
      groups[count++] = v;
      if (i == n) {
        break;
      }
      if (s.charAt(i) != ':') {
        return false;
      }
      i++;
      if (i < n && s.charAt(i) == ':') {
        if (gap >= 0) {
          return false;
        }
        gap = count;
        i++;
        if (i == n) {
          break;
        }
      } else if (i == n) {
        return false;
      }
    }
    if (gap < 0 ? count != 8 : count > 7) {
      return false;
    }
    int[] full = new int[8];
    if (gap < 0) {
      full = groups;
    } else {
      int tail = count - gap;
      System.arraycopy(groups, 0, full, 0, gap);
      System.arraycopy(groups, gap, full, 8 - tail, tail);
    }
    for (int g = 0; g < 8; g++) {
      out[2 * g] = (byte) (full[g] >> 8);
      out[2 * g + 1] = (byte) full[g];
    }
    return true;
  }

  /** @return {@code a} (16 bytes) rendered as Broker does: dotted quad for IPv4, inet_ntop for IPv6 */
  public static String format(byte[] a) {
    if (isV4Mapped(a)) {
      return formatV4(a, 12, new StringBuilder(15)).toString();
    }
    int[] w = new int[8];
    for (int i = 0; i < 8; i++) {
      w[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    // the longest run of zero groups (at least two), the first one on a tie
    int bestBase = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (w[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && w[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestBase = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) {
      bestBase = -1;
    }
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
        if (i == bestBase) {
          sb.append(':');
        }
        continue;
      }
      if (i != 0) {
        sb.append(':');
      }
      // glibc writes an IPv4-compatible (::a.b.c.d) address with a dotted tail
      if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff))) {
        formatV4(a, 12, sb);
        break;
      }
      sb.append(Integer.toHexString(w[i]));
    }
    if (bestBase >= 0 && bestBase + bestLen == 8) {
      sb.append(':');
    }
    return sb.toString();
  }

  private static StringBuilder formatV4(byte[] a, int at, StringBuilder sb) {
    return sb.append(a[at] & 0xff).append('.').append(a[at + 1] & 0xff).append('.')
        .append(a[at + 2] & 0xff).append('.').append(a[at + 3] & 0xff);
  }
}
