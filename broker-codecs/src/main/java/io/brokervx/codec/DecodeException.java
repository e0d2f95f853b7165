package io.brokervx.codec;

/**
 * Input that is not a valid Broker value in the binary v1 or JSON v1 format. It says what went wrong
 * ({@link #kind()}) and where: a byte offset into the binary input, or a JSON path such as
 * {@code $.data[2].key}.
 */
public final class DecodeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the input. */
  public enum Kind {
    /** The input ends inside a value. */
    TRUNCATED,
    /** A binary tag byte, JSON {@code @data-type} or port protocol that does not exist. */
    UNKNOWN_TAG,
    /** A length or element count that runs past the end of the input or is not a valid varint. */
    BAD_LENGTH,
    /** Containers nested deeper than {@link DecodeLimits#getMaxDepth()}. */
    TOO_DEEP,
    /** A string or container larger than {@link DecodeLimits}, or a frame larger than allowed. */
    TOO_LARGE,
    /** A well-formed value that is out of range or of the wrong kind (e.g. a real where a count belongs). */
    INVALID_VALUE,
    /** Text that is not JSON, even leniently read. */
    MALFORMED_JSON,
    /** Bytes left over after the value. */
    TRAILING_BYTES
  }

  private final Kind kind;
  private final long offset;
  private final String path;

  private DecodeException(Kind kind, String message, long offset, String path) {
    super(message, null, false, false);
    this.kind = kind;
    this.offset = offset;
    this.path = path;
  }

  /** @return an exception for binary input, at {@code offset} bytes from the start of the value */
  public static DecodeException atOffset(Kind kind, long offset, String what) {
    return new DecodeException(kind, what + " at byte offset " + offset, offset, null);
  }

  /** @return an exception for JSON text, at character {@code index} (counted from 0) */
  public static DecodeException inText(Kind kind, long index, String what) {
    return new DecodeException(kind, what + " at character " + index, index, null);
  }

  /** @return an exception for JSON input, at the JSON path {@code path} */
  public static DecodeException atPath(Kind kind, String path, String what) {
    return new DecodeException(kind, what + " at " + path, -1, path);
  }

  /** @return what is wrong */
  public Kind kind() {
    return kind;
  }

  /** @return the byte offset (binary input) or character index (JSON text), or -1 for a JSON path */
  public long offset() {
    return offset;
  }

  /** @return the JSON path (e.g. {@code $.data[0]}), or {@code null} when {@link #offset()} says where */
  public String path() {
    return path;
  }
}
