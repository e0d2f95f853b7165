package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.data.RealData;
import io.brokervx.data.SetData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;
import io.brokervx.data.impl.RealText;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every value of {@code vectors/data-bin-v1.json}, captured from real Broker builds, against our data
 * model and codecs: binary bytes, {@code to_string} rendering, JSON v1 output and JSON v1 input.
 */
class BrokerVectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final Map<String, Data> EXPECTED = BrokerVectors.expectedValues();

  static Stream<Arguments> vectors() {
    return BrokerVectors.load("data-bin-v1.json").stream().map(v -> Arguments.of(v.getString("desc"), v));
  }

  private static Data expected(JsonObject vector) {
    Data d = EXPECTED.get(vector.getString("desc"));
    if (d == null) {
      fail("no expected value written for vector '" + vector.getString("desc") + "'");
    }
    return d;
  }

  @Test
  void everyVectorHasAnExpectedValue() {
    List<String> descs = BrokerVectors.load("data-bin-v1.json").stream().map(v -> v.getString("desc")).toList();
    assertEquals(71, descs.size());
    assertEquals(EXPECTED.keySet().stream().sorted().toList(), descs.stream().sorted().toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void binaryEncodingIsBrokersBytes(String desc, JsonObject vector) {
    Data value = expected(vector);
    assertEquals(value.type().tag(), vector.getInteger("type_tag"));
    assertEquals(vector.getString("hex"), HEX.formatHex(BinaryFormat.encode(value).getBytes()));
    assertEquals(BinaryFormat.encodedSize(value), vector.getString("hex").length() / 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void binaryDecodingGivesTheValueBrokerReads(String desc, JsonObject vector) {
    Data decoded = BinaryFormat.decode(Buffer.buffer(HEX.parseHex(vector.getString("hex"))));
    if (vector.getBoolean("roundtrip_ok")) {
      assertBitwiseEqual(expected(vector), decoded);
    } else {
      // subnormals: Broker itself reads its bytes back as a large number, named in the note
      assertEquals(DataType.REAL, decoded.type());
      assertEquals(brokersReading(vector.getString("note")), ((RealData) decoded).value());
    }
  }

  private static double brokersReading(String note) {
    Matcher m = Pattern.compile("(-?\\d\\.\\d+e\\+\\d+)").matcher(note);
    assertTrue(m.find(), "note names Broker's decoded value: " + note);
    return Double.parseDouble(m.group(1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void toStringRendersAsBroker(String desc, JsonObject vector) {
    assertEquals(vector.getString("str"), expected(vector).toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void jsonOutputMatchesBroker6(String desc, JsonObject vector) {
    Data value = expected(vector);
    JsonObject ours = JsonFormat.encode(value);
    Object theirs = JsonFormat.parse(vector.getString("json_v1_v6_2_0"));
    assertJsonEquivalent(theirs, ours, "$");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void bothJsonRenderingsDecodeToTheValue(String desc, JsonObject vector) {
    Data rendered = asBrokerRendersIt(expected(vector));
    assertBitwiseEqual(rendered, JsonFormat.decode(vector.getString("json_v1_v6_2_0")));
    // Broker 2.7 trims -0.000000 to "-0", which JSON reads as the integer zero: the sign is gone
    Data v27 = desc.equals("real -0.0") ? Data.real(0.0) : rendered;
    assertBitwiseEqual(v27, JsonFormat.decode(vector.getString("json_v1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void ourJsonRoundTripsExactly(String desc, JsonObject vector) {
    Data value = expected(vector);
    Data viaText = JsonFormat.decode(JsonFormat.encode(value, JsonFormat.TimestampPrecision.NANOSECONDS).encode());
    assertBitwiseEqual(value, viaText);
  }

  /**
   * What Broker's JSON writers keep of a value: reals with six decimals ({@code %f}), timestamps truncated
   * to milliseconds and negative timestamps as the epoch.
   */
  static Data asBrokerRendersIt(Data d) {
    if (d instanceof RealData r) {
      double v = r.value();
      return Double.isFinite(v) ? Data.real(Double.parseDouble(RealText.format(v))) : r;
    }
    if (d instanceof TimestampData t) {
      return Data.timestamp(t.nanos() < 0 ? 0 : t.nanos() - t.nanos() % 1_000_000L);
    }
    if (d instanceof VectorData v) {
      return Data.vector(v.elements().stream().map(BrokerVectorsTest::asBrokerRendersIt).toList());
    }
    if (d instanceof SetData s) {
      return Data.set(s.elements().stream().map(BrokerVectorsTest::asBrokerRendersIt).toList());
    }
    if (d instanceof TableData t) {
      Data[] k = t.keys().stream().map(BrokerVectorsTest::asBrokerRendersIt).toArray(Data[]::new);
      Data[] v = t.values().stream().map(BrokerVectorsTest::asBrokerRendersIt).toArray(Data[]::new);
      return TableData.ofArrays(k, v);
    }
    return d;
  }

  /** Equality that also tells reals apart by bit pattern (e.g. -0.0 from 0.0) and names what differs. */
  static void assertBitwiseEqual(Data expected, Data actual) {
    assertEquals(expected, actual);
    assertEquals(HEX.formatHex(BinaryFormat.encode(expected).getBytes()),
        HEX.formatHex(BinaryFormat.encode(actual).getBytes()));
  }

  /**
   * Compares Broker's parsed JSON with ours: same fields in the same order, same strings and integers;
   * reals compared as Broker prints them ({@code %f}), since Broker's output keeps only six decimals.
   */
  static void assertJsonEquivalent(Object theirs, Object ours, String path) {
    if (theirs instanceof JsonObject t) {
      assertTrue(ours instanceof JsonObject, path + ": expected an object, got " + ours);
      JsonObject o = (JsonObject) ours;
      assertEquals(new ArrayList<>(t.fieldNames()), new ArrayList<>(o.fieldNames()), path + ": field order");
      for (String f : t.fieldNames()) {
        assertJsonEquivalent(t.getValue(f), o.getValue(f), path + "." + f);
      }
    } else if (theirs instanceof JsonArray t) {
      assertTrue(ours instanceof JsonArray, path + ": expected an array, got " + ours);
      JsonArray o = (JsonArray) ours;
      assertEquals(t.size(), o.size(), path + ": array size");
      for (int i = 0; i < t.size(); i++) {
        assertJsonEquivalent(t.getValue(i), o.getValue(i), path + "[" + i + "]");
      }
    } else if (theirs instanceof Double || ours instanceof Double) {
      assertEquals(RealText.format(((Number) theirs).doubleValue()), RealText.format(((Number) ours).doubleValue()),
          path + ": real");
    } else if (theirs instanceof Number t) {
      assertTrue(ours instanceof Number, path + ": expected a number, got " + ours);
      assertEquals(new BigInteger(t.toString()), new BigInteger(ours.toString()), path);
    } else {
      assertEquals(theirs, ours, path);
    }
  }
}
