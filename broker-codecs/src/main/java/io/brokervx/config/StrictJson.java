package io.brokervx.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The one way every options class and verticle reads its JSON: a key outside the known ones is an error that
 * names it and the known ones; a value of the wrong type or out of range is an error that names the key and
 * what was expected; absent keys keep the caller's default. Errors are {@link IllegalArgumentException}s
 * whose message starts with where the JSON came from ({@code "endpoint option"}, {@code "broker-node config"}).
 */
public final class StrictJson {
  private final JsonObject json;
  private final String where;

  private StrictJson(JsonObject json, String where) {
    this.json = json == null ? new JsonObject() : json;
    this.where = where;
  }

  /** @return a reader of {@code json} (null: empty) described as {@code where} in errors */
  public static StrictJson of(JsonObject json, String where) {
    return new StrictJson(json, where);
  }

  /** Refuses any key not in {@code known}. @return this reader */
  public StrictJson only(Collection<String> known) {
    for (String k : json.fieldNames()) {
      if (!known.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: "
            + String.join(", ", new TreeSet<>(known)) + ")");
      }
    }
    return this;
  }

  /** @return whether {@code key} is present */
  public boolean has(String key) {
    return json.containsKey(key);
  }

  private IllegalArgumentException bad(String key, String expected) {
    Object v = json.getValue(key);
    return new IllegalArgumentException(where + ": '" + key + "' must be " + expected + ", not "
        + (v instanceof String ? "\"" + v + "\"" : v));
  }

  /** @return the non-blank string at {@code key}, which must be present */
  public String requireString(String key) {
    if (!(json.getValue(key) instanceof String s) || s.isBlank()) {
      throw bad(key, "a non-empty string");
    }
    return s;
  }

  /** @return the non-blank string at {@code key}, or {@code otherwise} when absent */
  public String string(String key, String otherwise) {
    return has(key) ? requireString(key) : otherwise;
  }

  /** @return the boolean at {@code key}, or {@code otherwise} when absent */
  public boolean bool(String key, boolean otherwise) {
    if (!has(key)) {
      return otherwise;
    }
    if (!(json.getValue(key) instanceof Boolean b)) {
      throw bad(key, "true or false");
    }
    return b;
  }

  /** @return the whole number at {@code key} in {@code [min, max]}, or {@code otherwise} when absent */
  public long number(String key, long min, long max, long otherwise) {
    if (!has(key)) {
      return otherwise;
    }
    Object v = json.getValue(key);
    if (!(v instanceof Number n) || n.doubleValue() != n.longValue() || n.longValue() < min || n.longValue() > max) {
      throw bad(key, "a whole number in " + min + ".." + max);
    }
    return n.longValue();
  }

  /** @return the integer at {@code key} in {@code [min, max]}, or {@code otherwise} when absent */
  public int integer(String key, int min, int max, int otherwise) {
    return (int) number(key, min, max, otherwise);
  }

  /**
   * @return the duration at {@code key} (milliseconds, or a string such as {@code "3s"}; see {@link Durations})
   *     of at least {@code min}, or {@code otherwise} when absent
   */
  public Duration duration(String key, Duration min, Duration otherwise) {
    if (!has(key)) {
      return otherwise;
    }
    Duration d;
    try {
      d = Durations.parse(json.getValue(key));
    } catch (IllegalArgumentException e) {
      throw bad(key, "a duration (milliseconds, or \"1500ms\", \"3s\", \"2min\")");
    }
    if (d.compareTo(min) < 0) {
      throw bad(key, "at least " + Durations.format(min));
    }
    return d;
  }

  /** @return the string at {@code key}, which must be one of {@code choices}, or {@code otherwise} when absent */
  public String choice(String key, Collection<String> choices, String otherwise) {
    String v = string(key, otherwise);
    if (!choices.contains(v)) {
      throw bad(key, "one of " + new TreeSet<>(choices));
    }
    return v;
  }

  /** @return the object at {@code key}, or an empty one when absent */
  public JsonObject object(String key) {
    if (!has(key)) {
      return new JsonObject();
    }
    if (!(json.getValue(key) instanceof JsonObject o)) {
      throw bad(key, "a JSON object");
    }
    return o;
  }

  /** @return the array at {@code key}, or an empty one when absent */
  public JsonArray array(String key) {
    if (!has(key)) {
      return new JsonArray();
    }
    if (!(json.getValue(key) instanceof JsonArray a)) {
      throw bad(key, "a JSON array");
    }
    return a;
  }

  /** @return the value at {@code key} converted by {@code parse}, whose IllegalArgumentException names the key */
  public <T> T value(String key, T otherwise, java.util.function.Function<String, T> parse) {
    if (!has(key)) {
      return otherwise;
    }
    String text = requireString(key);
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": '" + key + "': " + e.getMessage(), e);
    }
  }
}
