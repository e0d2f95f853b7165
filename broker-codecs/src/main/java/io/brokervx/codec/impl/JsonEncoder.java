package io.brokervx.codec.impl;

import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimespanData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;
import io.brokervx.data.BooleanData;
import io.brokervx.data.IntegerData;
import io.brokervx.data.RealData;
import io.brokervx.data.impl.TimeText;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Builds the JSON v1 form of a value: {@code {"@data-type": T, "data": D}}, fields in that order. */
public final class JsonEncoder {
  /** The field naming the type. */
  public static final String TYPE_FIELD = "@data-type";
  /** The field holding the value. */
  public static final String DATA_FIELD = "data";

  private JsonEncoder() {
  }

  /**
   * @param d the value
   * @param nanosecondTimestamps whether timestamps get nine fraction digits instead of Broker's three
   * @return the JSON v1 object
   */
  public static JsonObject encode(Data d, boolean nanosecondTimestamps) {
    return into(new JsonObject(), d, nanosecondTimestamps);
  }

  /** Puts the {@code @data-type} and {@code data} fields of {@code d} into {@code o}; @return {@code o} */
  public static JsonObject into(JsonObject o, Data d, boolean nanosecondTimestamps) {
    return o.put(TYPE_FIELD, d.type().jsonName()).put(DATA_FIELD, payload(d, nanosecondTimestamps));
  }

  private static Object payload(Data d, boolean ns) {
    switch (d.type()) {
      case NONE:
        return new JsonObject();
      case BOOLEAN:
        return ((BooleanData) d).value();
      case COUNT: {
        CountData c = (CountData) d;
        return c.bits() >= 0 ? (Object) c.bits() : c.toBigInteger();
      }
      case INTEGER:
        return ((IntegerData) d).value();
      case REAL:
        return ((RealData) d).value();
      case TIMESTAMP:
        return TimeText.formatTimestamp(((TimestampData) d).nanos(), ns);
      case TIMESPAN:
        return TimeText.formatTimespan(((TimespanData) d).nanos());
      case STRING, ENUM_VALUE, ADDRESS, SUBNET, PORT:
        return d.toString();
      case SET: {
        SetData s = (SetData) d;
        JsonArray a = new JsonArray();
        for (int i = 0; i < s.size(); i++) {
          a.add(encode(s.get(i), ns));
        }
        return a;
      }
      case TABLE: {
        TableData t = (TableData) d;
        JsonArray a = new JsonArray();
        for (int i = 0; i < t.size(); i++) {
          a.add(new JsonObject().put("key", encode(t.keyAt(i), ns)).put("value", encode(t.valueAt(i), ns)));
        }
        return a;
      }
      case VECTOR: {
        VectorData v = (VectorData) d;
        JsonArray a = new JsonArray();
        for (int i = 0; i < v.size(); i++) {
          a.add(encode(v.get(i), ns));
        }
        return a;
      }
      default:
        throw new IllegalStateException("unhandled type " + d.type());
    }
  }
}
