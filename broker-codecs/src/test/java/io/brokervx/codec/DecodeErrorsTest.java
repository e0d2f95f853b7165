package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brokervx.codec.DecodeException.Kind;
import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.data.PortData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Bad input fails with a {@link DecodeException} that says what and where, and good lenient input passes. */
class DecodeErrorsTest {
  private static final HexFormat HEX = HexFormat.of();

  private static DecodeException binaryError(String hex, DecodeLimits limits) {
    return assertThrows(DecodeException.class, () -> BinaryFormat.decode(Buffer.buffer(HEX.parseHex(hex)), limits));
  }

  @ParameterizedTest(name = "{0}: {1} at {2}")
  @CsvSource({
      "'', TRUNCATED, 0",
      "0f, UNKNOWN_TAG, 0",
      "ff, UNKNOWN_TAG, 0",
      "02000000, TRUNCATED, 1",
      "0e0202000000000000000105, TRUNCATED, 12",
      "0e02020000000000000001ff, UNKNOWN_TAG, 11",
      "0505616263, BAD_LENGTH, 1",
      "05ffffffff7f, BAD_LENGTH, 1",
      "05ffffffffff01, BAD_LENGTH, 1",
      "0e8080808008, TOO_LARGE, 1",
      "0e80800100, BAD_LENGTH, 1",
      "0d0300, BAD_LENGTH, 1",
      "0102, INVALID_VALUE, 1",
      "08005009, UNKNOWN_TAG, 3",
      "070000000000000000000000000000000081, INVALID_VALUE, 17",
      "000000, TRAILING_BYTES, 1",
      "0e0100ff, TRAILING_BYTES, 3"})
  void binaryErrorsSayWhatAndWhere(String hex, Kind kind, long offset) {
    DecodeException e = binaryError(hex, new DecodeLimits());
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(offset, e.offset(), e.getMessage());
    assertNull(e.path());
  }

  @Test
  void binaryLimitsAreEnforced() {
    String depth3 = "0e01" + "0e01" + "0e01" + "00";
    assertEquals(Data.vector(Data.vector(Data.vector(Data.none()))),
        BinaryFormat.decode(Buffer.buffer(HEX.parseHex(depth3)), new DecodeLimits().setMaxDepth(3)));
    DecodeException deep = binaryError(depth3, new DecodeLimits().setMaxDepth(2));
    assertEquals(Kind.TOO_DEEP, deep.kind());
    assertEquals(4, deep.offset());
    assertEquals(Kind.TOO_LARGE, binaryError("0503616263", new DecodeLimits().setMaxStringLength(2)).kind());
    assertEquals(Kind.TOO_LARGE, binaryError("0b03616263", new DecodeLimits().setMaxStringLength(2)).kind());
    assertEquals(Kind.TOO_LARGE, binaryError("0c03000000", new DecodeLimits().setMaxContainerSize(2)).kind());
    StringBuilder sixtyFive = new StringBuilder();
    for (int i = 0; i < 65; i++) {
      sixtyFive.append("0e01");
    }
    assertEquals(Kind.TOO_DEEP, binaryError(sixtyFive + "00", new DecodeLimits()).kind());
    assertThrows(IllegalArgumentException.class, () -> new DecodeLimits().setMaxDepth(0));
    assertThrows(IllegalArgumentException.class, () -> new DecodeLimits().setMaxDepth(100_000));
    assertEquals(new DecodeLimits().setMaxDepth(7).toJson(), new DecodeLimits(new DecodeLimits().setMaxDepth(7).toJson()).toJson());
  }

  @Test
  void binaryDecodesAWindowOfABuffer() {
    Buffer b = Buffer.buffer(HEX.parseHex("ffff0e01000000ffff"));
    assertEquals(Data.vector(Data.none()), BinaryFormat.decode(b, 2, 5, new DecodeLimits()));
    DecodeException e = assertThrows(DecodeException.class, () -> BinaryFormat.decode(b, 2, 6, new DecodeLimits()));
    assertEquals(Kind.TRAILING_BYTES, e.kind());
    assertEquals(3, e.offset(), "offsets count from the start of the window");
  }

  private static DecodeException jsonError(String text) {
    return assertThrows(DecodeException.class, () -> JsonFormat.decode(text));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "{\"@data-type\":\"phone\",\"data\":1}                                       | UNKNOWN_TAG   | $.@data-type",
      "{\"@data-type\":\"count\",\"data\":1.0}                                     | INVALID_VALUE | $.data",
      "{\"@data-type\":\"count\",\"data\":-1}                                      | INVALID_VALUE | $.data",
      "{\"@data-type\":\"count\",\"data\":18446744073709551616}                    | INVALID_VALUE | $.data",
      "{\"@data-type\":\"integer\",\"data\":9223372036854775808}                   | INVALID_VALUE | $.data",
      "{\"@data-type\":\"count\"}                                                  | INVALID_VALUE | $",
      "{\"data\":1}                                                                | INVALID_VALUE | $",
      "{\"@data-type\":\"vector\",\"data\":[{\"@data-type\":\"none\"},{\"@data-type\":\"x\"}]} | UNKNOWN_TAG | $.data[1].@data-type",
      "{\"@data-type\":\"table\",\"data\":[{\"value\":{\"@data-type\":\"none\"}}]}  | INVALID_VALUE | $.data[0]",
      "{\"@data-type\":\"table\",\"data\":[{\"key\":{\"@data-type\":\"port\",\"data\":\"80\"},\"value\":{\"@data-type\":\"none\"}}]} | INVALID_VALUE | $.data[0].key.data",
      "{\"@data-type\":\"set\",\"data\":{}}                                        | INVALID_VALUE | $.data",
      "{\"@data-type\":\"address\",\"data\":\"example.com\"}                       | INVALID_VALUE | $.data",
      "{\"@data-type\":\"timestamp\",\"data\":\"yesterday\"}                       | INVALID_VALUE | $.data",
      "{\"@data-type\":\"timestamp\",\"data\":\"2024-02-30T00:00:00\"}             | INVALID_VALUE | $.data",
      "{\"@data-type\":\"timespan\",\"data\":\"5 parsecs\"}                        | INVALID_VALUE | $.data",
      "{\"@data-type\":\"timespan\",\"data\":\"999999999d\"}                       | INVALID_VALUE | $.data",
      "{\"@data-type\":\"string\",\"data\":5}                                      | INVALID_VALUE | $.data",
      "{\"@data-type\":\"real\",\"data\":\"fast\"}                                 | INVALID_VALUE | $.data",
      "{\"@data-type\":\"boolean\",\"data\":\"true\"}                              | INVALID_VALUE | $.data"})
  void jsonErrorsNameThePath(String text, Kind kind, String path) {
    DecodeException e = jsonError(text.strip());
    assertEquals(kind, e.kind(), e.getMessage());
    assertEquals(path, e.path(), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"@data-type\":\"count\",\"data\":1,}  | 31",
      "{\"@data-type\":\"count\" \"data\":1}   | 22",
      "[1,2                                   | 4",
      "{\"a\":\"\\q\"}                         | 6",
      "{\"a\":nul}                             | 5",
      "{} x                                   | 3"})
  void malformedJsonTextSaysWhere(String text, long index) {
    DecodeException e = jsonError(text.strip());
    assertEquals(Kind.MALFORMED_JSON, e.kind(), e.getMessage());
    assertEquals(index, e.offset(), e.getMessage());
  }

  @Test
  void jsonTextThatIsNotAnObjectIsRejected() {
    assertEquals(Kind.INVALID_VALUE, jsonError("[]").kind());
  }

  @Test
  void zeeksLooseJsonIsAccepted() {
    assertEquals(Data.real(Double.NaN), JsonFormat.decode("{\"@data-type\":\"real\",\"data\":nan}"));
    assertEquals(Data.real(Double.NEGATIVE_INFINITY), JsonFormat.decode("{\"@data-type\":\"real\",\"data\":-inf}"));
    assertEquals(Data.real(Double.POSITIVE_INFINITY), JsonFormat.decode("{\"@data-type\":\"real\",\"data\":\"Infinity\"}"));
    assertEquals(Data.real(3), JsonFormat.decode("{\"@data-type\":\"real\",\"data\":3}"));
    assertEquals(Data.string("a\u000bb\u0001c"), JsonFormat.decode("{\"@data-type\":\"string\",\"data\":\"a\\vb\u0001c\"}"));
    assertEquals(Data.timespan(120_000_000_000L), JsonFormat.decode("{\"@data-type\":\"timespan\",\"data\":\"2min\"}"));
    assertEquals(Data.timespan(86_400_000_000_000L), JsonFormat.decode("{\"@data-type\":\"timespan\",\"data\":\"1d\"}"));
    assertEquals(Data.timespan(1_001), JsonFormat.decode("{\"@data-type\":\"timespan\",\"data\":\"1.001us\"}"));
    assertEquals(Data.timestamp(1_700_000_000_123_456_789L),
        JsonFormat.decode("{\"@data-type\":\"timestamp\",\"data\":\"2023-11-14T22:13:20.123456789Z\"}"));
    assertEquals(Data.timestamp(1_700_000_000_000_000_000L),
        JsonFormat.decode("{\"@data-type\":\"timestamp\",\"data\":\"2023-11-15T00:13:20+02:00\"}"));
    assertEquals(Data.port(0, PortData.Protocol.UNKNOWN), JsonFormat.decode("{\"@data-type\":\"port\",\"data\":\"0/?\"}"));
    assertEquals(Data.none(), JsonFormat.decode(" { \"@data-type\" : \"none\" } "));
  }

  @Test
  void dataMessagesNeedATopicAndTheRightType() {
    DecodeException noTopic = assertThrows(DecodeException.class,
        () -> JsonFormat.decodeMessage("{\"type\":\"data-message\",\"@data-type\":\"none\",\"data\":{}}"));
    assertEquals("$.topic", noTopic.path());
    DecodeException wrongType = assertThrows(DecodeException.class, () -> JsonFormat.decodeMessage(
        new JsonObject().put("type", "error").put("topic", "t").put("@data-type", "none")));
    assertEquals("$.type", wrongType.path());
    assertEquals("t", JsonFormat.decodeMessage("{\"topic\":\"t\",\"@data-type\":\"count\",\"data\":7}").topic());
  }

  @Test
  void nonFiniteRealsSurviveStrictJsonSerialisation() {
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      String text = JsonFormat.encode(Data.real(v)).encode();
      assertEquals(Data.real(v), JsonFormat.decode(new JsonObject(text)), text);
    }
    assertEquals(DataType.REAL, JsonFormat.decode(JsonFormat.encode(Data.real(1e-7)).encode()).type());
    assertEquals("{\"@data-type\":\"real\",\"data\":1.0E-7}", JsonFormat.encode(Data.real(1e-7)).encode());
  }
}
