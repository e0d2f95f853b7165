package io.brokervx.codec;

import io.vertx.core.json.JsonObject;

/**
 * Bounds that decoding enforces so that hostile input fails fast with a {@link DecodeException} instead of
 * exhausting the stack or the heap. JSON form: {@code {"maxDepth":64,"maxContainerSize":…,"maxStringLength":…}}.
 */
public class DecodeLimits {
  /** Default maximum nesting of containers: 64. */
  public static final int DEFAULT_MAX_DEPTH = 64;
  /** The largest nesting limit that may be set: 1024. */
  public static final int MAX_DEPTH_CEILING = 1024;
  /** Default maximum number of elements (or table entries) in one container: 4,194,304. */
  public static final int DEFAULT_MAX_CONTAINER_SIZE = 1 << 22;
  /** Default maximum length of one string or enum name, in bytes: 16 MiB. */
  public static final int DEFAULT_MAX_STRING_LENGTH = 1 << 24;

  private int maxDepth = DEFAULT_MAX_DEPTH;
  private int maxContainerSize = DEFAULT_MAX_CONTAINER_SIZE;
  private int maxStringLength = DEFAULT_MAX_STRING_LENGTH;

  /** Creates limits with the defaults. */
  public DecodeLimits() {
  }

  /** Creates a copy of {@code other}. */
  public DecodeLimits(DecodeLimits other) {
    this.maxDepth = other.maxDepth;
    this.maxContainerSize = other.maxContainerSize;
    this.maxStringLength = other.maxStringLength;
  }

  /**
   * Creates limits from JSON; absent keys keep their defaults.
   *
   * @throws IllegalArgumentException for a value that is not a positive integer
   */
  public DecodeLimits(JsonObject json) {
    setMaxDepth(json.getInteger("maxDepth", DEFAULT_MAX_DEPTH));
    setMaxContainerSize(json.getInteger("maxContainerSize", DEFAULT_MAX_CONTAINER_SIZE));
    setMaxStringLength(json.getInteger("maxStringLength", DEFAULT_MAX_STRING_LENGTH));
  }

  /** @return these limits as JSON */
  public JsonObject toJson() {
    return new JsonObject().put("maxDepth", maxDepth).put("maxContainerSize", maxContainerSize)
        .put("maxStringLength", maxStringLength);
  }

  /** @return the maximum nesting of containers (a top-level scalar has depth 0, a vector of scalars 1) */
  public int getMaxDepth() {
    return maxDepth;
  }

  /**
   * Sets the maximum nesting of containers: 1 to {@value #MAX_DEPTH_CEILING} (decoding recurses once per
   * level, so the ceiling keeps the stack safe).
   */
  public DecodeLimits setMaxDepth(int maxDepth) {
    if (maxDepth > MAX_DEPTH_CEILING) {
      throw new IllegalArgumentException("maxDepth must be at most " + MAX_DEPTH_CEILING + ", not " + maxDepth);
    }
    this.maxDepth = positive("maxDepth", maxDepth);
    return this;
  }

  /** @return the maximum number of elements or entries in one container */
  public int getMaxContainerSize() {
    return maxContainerSize;
  }

  /** Sets the maximum number of elements or entries in one container; must be at least 1. */
  public DecodeLimits setMaxContainerSize(int maxContainerSize) {
    this.maxContainerSize = positive("maxContainerSize", maxContainerSize);
    return this;
  }

  /** @return the maximum length of a string or enum name, in bytes */
  public int getMaxStringLength() {
    return maxStringLength;
  }

  /** Sets the maximum length of a string or enum name, in bytes; must be at least 1. */
  public DecodeLimits setMaxStringLength(int maxStringLength) {
    this.maxStringLength = positive("maxStringLength", maxStringLength);
    return this;
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
