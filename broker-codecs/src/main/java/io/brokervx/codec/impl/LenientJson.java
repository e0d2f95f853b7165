package io.brokervx.codec.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeException.Kind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;

/**
 * A JSON reader that also accepts what Zeek and Broker write but strict JSON forbids: bare {@code nan},
 * {@code inf}, {@code -inf} (and {@code NaN}, {@code Infinity}, {@code -Infinity}), the escape {@code \v}
 * and raw control characters inside strings. Objects keep their field order. Nesting is bounded, so deep
 * input fails with a {@link DecodeException} rather than a stack overflow.
 *
 * <p>Values: {@link JsonObject}, {@link JsonArray}, {@link String}, {@link Boolean}, {@code null},
 * {@link Long} or {@link BigInteger} for integers, {@link Double} for numbers with a fraction or exponent.
 */
public final class LenientJson {
  /** Longer than any real Broker prints with %f (DBL_MAX takes 316 characters), short enough to parse fast. */
  private static final int MAX_NUMBER_LENGTH = 1100;

  private final String s;
  private final int maxDepth;
  private int i;

  private LenientJson(String s, int maxDepth) {
    this.s = s;
    this.maxDepth = maxDepth;
  }

  /**
   * @param text the JSON text
   * @param maxDepth the deepest nesting of objects and arrays allowed
   * @return the value the text holds
   * @throws DecodeException ({@link Kind#MALFORMED_JSON} or {@link Kind#TOO_DEEP}) with a character index
   */
  public static Object parse(String text, int maxDepth) {
    LenientJson p = new LenientJson(text, maxDepth);
    Object v = p.value(0);
    p.skipSpace();
    if (p.i != text.length()) {
      throw p.error("unexpected text after the JSON value");
    }
    return v;
  }

  private DecodeException error(String what) {
    return DecodeException.inText(Kind.MALFORMED_JSON, i, what);
  }

  private void skipSpace() {
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      i++;
    }
  }

  private Object value(int depth) {
    skipSpace();
    if (i >= s.length()) {
      throw error("input ends where a value was expected");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return s.startsWith("nan", i) ? word("nan", Double.NaN) : word("null", null);
      case 'N':
        return word("NaN", Double.NaN);
      case 'i':
        return word("inf", Double.POSITIVE_INFINITY);
      case 'I':
        return word("Infinity", Double.POSITIVE_INFINITY);
      default:
        if (c == '-' && (s.startsWith("-inf", i) || s.startsWith("-Infinity", i))) {
          return word(s.startsWith("-inf", i) ? "-inf" : "-Infinity", Double.NEGATIVE_INFINITY);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private Object word(String w, Object v) {
    if (!s.startsWith(w, i)) {
      throw error("expected '" + w + "'");
    }
    i += w.length();
    return v;
  }

  private void enter(int depth) {
    if (depth > maxDepth) {
      throw DecodeException.inText(Kind.TOO_DEEP, i, "JSON nested deeper than " + maxDepth);
    }
    i++;
  }

  private JsonObject object(int depth) {
    enter(depth);
    JsonObject o = new JsonObject();
    skipSpace();
    if (i < s.length() && s.charAt(i) == '}') {
      i++;
      return o;
    }
    while (true) {
      skipSpace();
      if (i >= s.length() || s.charAt(i) != '"') {
        throw error("expected a field name");
      }
      String key = string();
      skipSpace();
      expect(':');
      o.put(key, value(depth));
      skipSpace();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect('}');
      return o;
    }
  }

  private JsonArray array(int depth) {
    enter(depth);
    JsonArray a = new JsonArray();
    skipSpace();
    if (i < s.length() && s.charAt(i) == ']') {
      i++;
      return a;
    }
    while (true) {
      a.add(value(depth));
      skipSpace();
      if (i < s.length() && s.charAt(i) == ',') {
        i++;
        continue;
      }
      expect(']');
      return a;
    }
  }

  private void expect(char c) {
    if (i >= s.length() || s.charAt(i) != c) {
      throw error("expected '" + c + "'");
    }
    i++;
  }

  private String string() {
    i++; // opening quote
    StringBuilder sb = null;
    int start = i;
    while (true) {
      if (i >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(i);
      if (c == '"') {
        String r = sb == null ? s.substring(start, i) : sb.append(s, start, i).toString();
        i++;
        return r;
      }
      if (c != '\\') {
        i++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(s, start, i);
      if (i + 1 >= s.length()) {
        throw error("unterminated escape");
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case '"', '\\', '/' -> sb.append(e);
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000b');
        case 'u' -> {
          if (i + 4 > s.length()) {
            throw error("truncated \\u escape");
          }
          int cp = 0;
          for (int k = 0; k < 4; k++) {
            int d = Character.digit(s.charAt(i + k), 16);
            if (d < 0) {
              throw error("bad \\u escape");
            }
            cp = (cp << 4) | d;
          }
          sb.append((char) cp);
          i += 4;
        }
        default -> {
          i -= 2;
          throw error("unknown escape '\\" + e + "'");
        }
      }
      start = i;
    }
  }

  private Object number() {
    int start = i;
    if (s.charAt(i) == '-') {
      i++;
    }
    int digits = i;
    while (i < s.length() && Character.isDigit(s.charAt(i))) {
      i++;
    }
    if (i == digits) {
      throw error("expected a digit");
    }
    boolean integral = true;
    if (i < s.length() && s.charAt(i) == '.') {
      integral = false;
      i++;
      int frac = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == frac) {
        throw error("expected a digit after '.'");
      }
    }
    if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      integral = false;
      i++;
      if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exp = i;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i == exp) {
        throw error("expected a digit in the exponent");
      }
    }
    if (i - start > MAX_NUMBER_LENGTH) {
      i = start;
      throw error("number longer than " + MAX_NUMBER_LENGTH + " characters");
    }
    String text = s.substring(start, i);
    if (!integral) {
      return Double.parseDouble(text);
    }
    if (text.length() < 19) {
      return Long.parseLong(text);
    }
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }
}
