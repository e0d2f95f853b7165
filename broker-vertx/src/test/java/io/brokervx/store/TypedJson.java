package io.brokervx.store;

import io.brokervx.data.Data;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads the typed values of {@code vectors/store-ops.json}: {@code {"type": T, "value": V}} or {@code {"type": T, "ns": N}}. */
final class TypedJson {
  private TypedJson() {
  }

  static Data read(JsonObject o) {
    String type = o.getString("type");
    return switch (type) {
      case "string" -> Data.string(o.getString("value"));
      case "boolean" -> Data.bool(o.getBoolean("value"));
      case "count" -> Data.count(new BigInteger(o.getValue("value").toString()));
      case "integer" -> Data.integer(o.getLong("value"));
      case "real" -> Data.real(o.getDouble("value"));
      case "timestamp" -> Data.timestamp(o.getLong("ns"));
      case "timespan" -> Data.timespan(o.getLong("ns"));
      case "set" -> Data.set(list(o.getJsonArray("value")));
      case "vector" -> Data.vector(list(o.getJsonArray("value")));
      case "table" -> {
        JsonArray pairs = o.getJsonArray("value");
        Data[] k = new Data[pairs.size()];
        Data[] v = new Data[pairs.size()];
        for (int i = 0; i < pairs.size(); i++) {
          k[i] = read(pairs.getJsonArray(i).getJsonObject(0));
          v[i] = read(pairs.getJsonArray(i).getJsonObject(1));
        }
        yield io.brokervx.data.TableData.ofArrays(k, v);
      }
      default -> throw new IllegalArgumentException("unknown typed value " + o);
    };
  }

  private static List<Data> list(JsonArray a) {
    List<Data> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      out.add(read(a.getJsonObject(i)));
    }
    return out;
  }
}
