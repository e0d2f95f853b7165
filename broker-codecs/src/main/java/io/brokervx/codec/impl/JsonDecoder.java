package io.brokervx.codec.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeException.Kind;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.AddressData;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.data.PortData;
import io.brokervx.data.SetData;
import io.brokervx.data.VectorData;
import io.brokervx.data.SubnetData;
import io.brokervx.data.TableData;
import io.brokervx.data.impl.TimeText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Reads the JSON v1 form of a value. Lenient where Zeek's own output is loose: reals may be integers or the
 * non-finite spellings ({@code nan}, {@code inf}, {@code NaN}, {@code Infinity}, as numbers or strings);
 * timespans take every CAF unit and decimals; timestamps take up to nine fraction digits and a zone.
 * Strict elsewhere: a count or integer with a fraction, an unknown {@code @data-type} or a value of the
 * wrong JSON kind fails with a {@link DecodeException} naming the JSON path.
 */
public final class JsonDecoder {
  private final int maxDepth;
  private final int maxContainerSize;
  private final int maxStringLength;

  private JsonDecoder(DecodeLimits limits) {
    this.maxDepth = limits.getMaxDepth();
    this.maxContainerSize = limits.getMaxContainerSize();
    this.maxStringLength = limits.getMaxStringLength();
  }

  /** A failure on its way up, collecting the path segments it passes through (innermost first). */
  private static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final Kind kind;
    final transient Deque<String> segments = new ArrayDeque<>();

    Failure(Kind kind, String what) {
      super(what, null, false, false);
      this.kind = kind;
    }

    Failure at(String segment) {
      segments.addFirst(segment);
      return this;
    }
  }

  /**
   * @param json a {@code {"@data-type": …, "data": …}} object
   * @param root the JSON path of {@code json}, e.g. {@code $}
   * @return the value
   * @throws DecodeException when the object is not a valid value
   */
  public static Data decode(JsonObject json, String root, DecodeLimits limits) {
    try {
      return new JsonDecoder(limits).value(json, 0);
    } catch (Failure f) {
      throw DecodeException.atPath(f.kind, root + String.join("", f.segments), f.getMessage());
    }
  }

  private Data value(Object node, int depth) {
    if (!(node instanceof JsonObject o)) {
      throw new Failure(Kind.INVALID_VALUE, "expected a {\"@data-type\":…,\"data\":…} object, found " + kind(node));
    }
    Object tag = o.getValue(JsonEncoder.TYPE_FIELD);
    if (!(tag instanceof String name)) {
      throw new Failure(Kind.INVALID_VALUE, "missing or non-string \"@data-type\"");
    }
    DataType type = DataType.fromJsonName(name);
    if (type == null) {
      throw new Failure(Kind.UNKNOWN_TAG, "unknown @data-type \"" + name + "\"").at(".@data-type");
    }
    if (type == DataType.NONE) {
      return Data.none();
    }
    if (!o.containsKey(JsonEncoder.DATA_FIELD)) {
      throw new Failure(Kind.INVALID_VALUE, "missing \"data\" for a " + name);
    }
    try {
      return payload(type, o.getValue(JsonEncoder.DATA_FIELD), depth);
    } catch (Failure f) {
      throw f.at(".data");
    } catch (IllegalArgumentException e) {
      throw new Failure(Kind.INVALID_VALUE, e.getMessage()).at(".data");
    }
  }

  private Data payload(DataType type, Object v, int depth) {
    switch (type) {
      case BOOLEAN:
        if (v instanceof Boolean b) {
          return Data.bool(b);
        }
        throw wrongKind("boolean", v);
      case COUNT:
        if ((v instanceof Long || v instanceof Integer) && ((Number) v).longValue() >= 0) {
          return Data.count(((Number) v).longValue());
        }
        return CountData.of(integral(v, "count"));
      case INTEGER: {
        if (v instanceof Long || v instanceof Integer) {
          return Data.integer(((Number) v).longValue());
        }
        BigInteger i = integral(v, "integer");
        if (i.bitLength() > 63) {
          throw new Failure(Kind.INVALID_VALUE, "integer out of the 64-bit range: " + i);
        }
        return Data.integer(i.longValue());
      }
      case REAL:
        return Data.real(real(v));
      case STRING:
        return Data.string(text(v, "string"));
      case ENUM_VALUE:
        return Data.enumValue(text(v, "enum-value"));
      case ADDRESS:
        return AddressData.parse(text(v, "address"));
      case SUBNET:
        return SubnetData.parse(text(v, "subnet"));
      case PORT:
        return PortData.parse(text(v, "port"));
      case TIMESTAMP:
        return Data.timestamp(TimeText.parseTimestamp(text(v, "timestamp")));
      case TIMESPAN:
        return Data.timespan(TimeText.parseTimespan(text(v, "timespan")));
      case SET:
        return SetData.wrap(elements(v, depth, "set"));
      case VECTOR:
        return VectorData.wrap(elements(v, depth, "vector"));
      case TABLE:
        return table(v, depth);
      default:
        throw new IllegalStateException("unhandled type " + type);
    }
  }

  private JsonArray container(Object v, int depth, String what) {
    if (!(v instanceof JsonArray a)) {
      throw wrongKind(what + " (an array)", v);
    }
    if (depth + 1 > maxDepth) {
      throw new Failure(Kind.TOO_DEEP, "containers nested deeper than " + maxDepth);
    }
    if (a.size() > maxContainerSize) {
      throw new Failure(Kind.TOO_LARGE, what + " of " + a.size() + " elements exceeds the limit " + maxContainerSize);
    }
    return a;
  }

  private Data[] elements(Object v, int depth, String what) {
    JsonArray a = container(v, depth, what);
    Data[] out = new Data[a.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = value(a.getValue(i), depth + 1);
      } catch (Failure f) {
        throw f.at("[" + i + "]");
      }
    }
    return out;
  }

  private Data table(Object v, int depth) {
    JsonArray a = container(v, depth, "table");
    Data[] keys = new Data[a.size()];
    Data[] values = new Data[a.size()];
    for (int i = 0; i < keys.length; i++) {
      try {
        if (!(a.getValue(i) instanceof JsonObject entry)) {
          throw wrongKind("table entry {\"key\":…,\"value\":…}", a.getValue(i));
        }
        keys[i] = field(entry, "key", depth);
        values[i] = field(entry, "value", depth);
      } catch (Failure f) {
        throw f.at("[" + i + "]");
      }
    }
    return TableData.ofArrays(keys, values);
  }

  private Data field(JsonObject entry, String name, int depth) {
    if (!entry.containsKey(name)) {
      throw new Failure(Kind.INVALID_VALUE, "table entry without \"" + name + "\"");
    }
    try {
      return value(entry.getValue(name), depth + 1);
    } catch (Failure f) {
      throw f.at("." + name);
    }
  }

  private String text(Object v, String what) {
    if (v instanceof String s) {
      if (s.length() > maxStringLength) {
        throw new Failure(Kind.TOO_LARGE, what + " longer than " + maxStringLength);
      }
      return s;
    }
    throw wrongKind(what + " (a string)", v);
  }

  private static BigInteger integral(Object v, String what) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return BigInteger.valueOf(((Number) v).longValue());
    }
    if (v instanceof BigInteger b) {
      return b;
    }
    if (v instanceof BigDecimal || v instanceof Double || v instanceof Float) {
      throw new Failure(Kind.INVALID_VALUE, what + " must be a whole JSON number without a fraction: " + v);
    }
    throw wrongKind(what + " (a whole number)", v);
  }

  private static double real(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      switch (s) {
        case "nan", "NaN", "-nan":
          return Double.NaN;
        case "inf", "Infinity", "+inf":
          return Double.POSITIVE_INFINITY;
        case "-inf", "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw wrongKind("real (a number)", v);
  }

  private static Failure wrongKind(String expected, Object found) {
    return new Failure(Kind.INVALID_VALUE, "expected a " + expected + ", found " + kind(found));
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof JsonObject) {
      return "an object";
    }
    if (v instanceof JsonArray) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    if (v instanceof Boolean) {
      return "a boolean";
    }
    return v instanceof Number ? "a number" : v.getClass().getSimpleName();
  }
}
