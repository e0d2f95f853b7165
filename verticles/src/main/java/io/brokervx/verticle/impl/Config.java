package io.brokervx.verticle.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** Reads verticle configuration with errors that name the key and what was expected. */
public final class Config {
  private final JsonObject json;
  private final String where;

  /** Reads {@code json}, described as {@code where} in errors (e.g. {@code "endpoint config"}). */
  public Config(JsonObject json, String where) {
    this.json = json == null ? new JsonObject() : json;
    this.where = where;
  }

  private IllegalArgumentException bad(String key, String expected) {
    return new IllegalArgumentException(where + ": '" + key + "' must be " + expected + ", found " + json.getValue(key));
  }

  /** Fails on a key outside {@code allowed}. */
  public Config only(Set<String> allowed) {
    for (String k : json.fieldNames()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "' (known: " + allowed + ")");
      }
    }
    return this;
  }

  /** @return the string at {@code key}, which must be present and non-blank */
  public String requireString(String key) {
    Object v = json.getValue(key);
    if (!(v instanceof String s) || s.isBlank()) {
      throw bad(key, "a non-empty string");
    }
    return s;
  }

  /** @return the string at {@code key}, or {@code otherwise} when absent */
  public String string(String key, String otherwise) {
    return json.containsKey(key) ? requireString(key) : otherwise;
  }

  /** @return the integer at {@code key} in {@code [min, max]}, or {@code otherwise} when absent */
  public int integer(String key, int min, int max, int otherwise) {
    if (!json.containsKey(key)) {
      return otherwise;
    }
    Object v = json.getValue(key);
    if (!(v instanceof Number n) || n.longValue() < min || n.longValue() > max || n.doubleValue() != n.longValue()) {
      throw bad(key, "an integer in " + min + ".." + max);
    }
    return n.intValue();
  }

  /** @return the object at {@code key}, or an empty one when absent */
  public JsonObject object(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return new JsonObject();
    }
    if (!(v instanceof JsonObject o)) {
      throw bad(key, "an object");
    }
    return o;
  }

  /** @return the array at {@code key}, or an empty one when absent */
  public JsonArray array(String key) {
    Object v = json.getValue(key);
    if (v == null) {
      return new JsonArray();
    }
    if (!(v instanceof JsonArray a)) {
      throw bad(key, "an array");
    }
    return a;
  }

  /** @return the string at {@code key}, which must be one of {@code choices} */
  public String choice(String key, Set<String> choices, String otherwise) {
    String v = string(key, otherwise);
    if (!choices.contains(v)) {
      throw bad(key, "one of " + choices);
    }
    return v;
  }

  /** @return {@code host:port} split, checked */
  public static String[] hostPort(String text, String where) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not host:port");
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' has no valid port");
    }
    return new String[] {text.substring(0, colon), text.substring(colon + 1)};
  }
}
