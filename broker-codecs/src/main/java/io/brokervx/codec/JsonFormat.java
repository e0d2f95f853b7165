package io.brokervx.codec;

import io.brokervx.codec.impl.JsonDecoder;
import io.brokervx.codec.impl.JsonEncoder;
import io.brokervx.codec.impl.LenientJson;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.vertx.core.json.JsonObject;

/**
 * Broker's WebSocket JSON v1 format, as Zeek 8+ still speaks it: every value is
 * {@code {"@data-type": T, "data": D}} and a published message is
 * {@code {"type":"data-message","topic":…,"@data-type":…,"data":…}}, fields in exactly that order.
 *
 * <p>Output follows Broker 6's {@code format::json::v1}: counts and integers as JSON integers
 * (up to 2^64-1), timespans in the largest exact unit ({@code "1500ms"}), timestamps as
 * {@code YYYY-MM-DDThh:mm:ss.mmm} in UTC, addresses, subnets and ports as strings, sets and vectors as
 * arrays, tables as arrays of {@code {"key":…,"value":…}}. Where Broker's rendering loses information we
 * emit the exact value instead, which Broker reads back alike:
 * <ul>
 *   <li>reals: the exact double (shortest round-trip form, e.g. {@code 1.0E-7}) instead of {@code %f}'s six
 *       decimals; a non-finite real becomes the string {@code "NaN"}, {@code "Infinity"} or
 *       {@code "-Infinity"} when the object is serialised (Broker writes invalid bare {@code nan}/{@code inf});</li>
 *   <li>timestamps before 1970 are rendered as the true date, truncated toward the epoch to the
 *       millisecond (Broker prints the epoch itself);</li>
 *   <li>with {@link TimestampPrecision#NANOSECONDS}, timestamps keep nine fraction digits.</li>
 * </ul>
 *
 * <p>Input is lenient where Zeek's own output is not strict JSON ({@link #parse(String)}: bare
 * {@code nan}/{@code inf}, {@code \v}, raw control characters; integers in real slots; every CAF timespan
 * unit) and strict elsewhere; every failure is a {@link DecodeException} naming the JSON path or the
 * character index.
 */
public final class JsonFormat {
  /** The value of the {@code type} field of a data message. */
  public static final String DATA_MESSAGE_TYPE = "data-message";

  private static final DecodeLimits DEFAULT_LIMITS = new DecodeLimits();

  /** How many fraction digits timestamps get on output. */
  public enum TimestampPrecision {
    /** Three digits, truncated, exactly as Broker and Zeek write them (the default). */
    MILLISECONDS,
    /** Nine digits: lossless, and still read by our decoder (Zeek's reader takes fractions too). */
    NANOSECONDS
  }

  private JsonFormat() {
  }

  /** @return the JSON v1 object for {@code data}, timestamps in milliseconds as Broker writes them */
  public static JsonObject encode(Data data) {
    return JsonEncoder.encode(data, false);
  }

  /** @return the JSON v1 object for {@code data}, timestamps with {@code precision} */
  public static JsonObject encode(Data data, TimestampPrecision precision) {
    return JsonEncoder.encode(data, precision == TimestampPrecision.NANOSECONDS);
  }

  /** @return the data-message envelope {@code {"type":"data-message","topic":…,"@data-type":…,"data":…}} */
  public static JsonObject encodeMessage(String topic, Data data) {
    JsonObject o = new JsonObject().put("type", DATA_MESSAGE_TYPE).put("topic", topic);
    return JsonEncoder.into(o, data, false);
  }

  /** @return the data-message envelope of {@code message} */
  public static JsonObject encodeMessage(DataMessage message) {
    return encodeMessage(message.topic(), message.data());
  }

  /**
   * @param json a {@code {"@data-type": …, "data": …}} object (or an envelope holding those fields)
   * @return the value
   * @throws DecodeException when it is not a valid value
   */
  public static Data decode(JsonObject json) {
    return JsonDecoder.decode(json, "$", DEFAULT_LIMITS);
  }

  /**
   * @return the value held by {@code json}, decoded within {@code limits}
   * @throws DecodeException when it is not a valid value or exceeds the limits
   */
  public static Data decode(JsonObject json, DecodeLimits limits) {
    return JsonDecoder.decode(json, "$", limits);
  }

  /**
   * @param text JSON v1 text of a value, read leniently
   * @return the value
   * @throws DecodeException when the text is not JSON or not a valid value
   */
  public static Data decode(String text) {
    return decode(parseObject(text, DEFAULT_LIMITS), DEFAULT_LIMITS);
  }

  /**
   * Reads a data-message envelope. {@code topic} is required; {@code type}, when present, must be
   * {@value #DATA_MESSAGE_TYPE}.
   *
   * @throws DecodeException when it is not a valid data message
   */
  public static DataMessage decodeMessage(JsonObject json) {
    return decodeMessage(json, DEFAULT_LIMITS);
  }

  /**
   * Reads a data-message envelope within {@code limits}.
   *
   * @throws DecodeException when it is not a valid data message or exceeds the limits
   */
  public static DataMessage decodeMessage(JsonObject json, DecodeLimits limits) {
    Object type = json.getValue("type");
    if (type != null && !DATA_MESSAGE_TYPE.equals(type)) {
      throw DecodeException.atPath(DecodeException.Kind.INVALID_VALUE, "$.type",
          "expected \"" + DATA_MESSAGE_TYPE + "\", found " + type);
    }
    if (!(json.getValue("topic") instanceof String topic)) {
      throw DecodeException.atPath(DecodeException.Kind.INVALID_VALUE, "$.topic",
          "no topic in top-level JSON object");
    }
    return new DataMessage(topic, JsonDecoder.decode(json, "$", limits));
  }

  /**
   * Reads a data-message envelope from text, leniently.
   *
   * @throws DecodeException when the text is not JSON or not a valid data message
   */
  public static DataMessage decodeMessage(String text) {
    return decodeMessage(parseObject(text, DEFAULT_LIMITS), DEFAULT_LIMITS);
  }

  /**
   * Parses JSON text leniently, accepting what Zeek writes beyond strict JSON (bare {@code nan},
   * {@code inf}, {@code -inf}, the {@code \v} escape, raw control characters in strings).
   *
   * @return a {@link JsonObject}, {@link io.vertx.core.json.JsonArray}, String, Boolean, Long, BigInteger,
   *     Double or null
   * @throws DecodeException when the text is not JSON even so
   */
  public static Object parse(String text) {
    return LenientJson.parse(text, 2 * DEFAULT_LIMITS.getMaxDepth() + 2);
  }

  private static JsonObject parseObject(String text, DecodeLimits limits) {
    Object v = LenientJson.parse(text, 2 * limits.getMaxDepth() + 2);
    if (!(v instanceof JsonObject o)) {
      throw DecodeException.inText(DecodeException.Kind.INVALID_VALUE, 0, "expected a JSON object");
    }
    return o;
  }
}
