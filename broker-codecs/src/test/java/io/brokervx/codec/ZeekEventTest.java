package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.PortData;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ZeekEvent} against the events of {@code vectors/zeek-event-v1.json} captured from Broker. */
class ZeekEventTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final List<JsonObject> VECTORS = BrokerVectors.load("zeek-event-v1.json");
  private static final ZeekEvent DEMO =
      ZeekEvent.of("demo_event", Data.count(42), Data.string("hi"), Data.address("10.0.0.1"));

  @Test
  void plainEventIsBrokersBytesRenderingAndJson() {
    JsonObject v = VECTORS.get(0);
    Data data = DEMO.toData();
    assertEquals(v.getString("hex"), HEX.formatHex(BinaryFormat.encode(data).getBytes()));
    assertEquals(v.getString("str"), data.toString());
    BrokerVectorsTest.assertJsonEquivalent(JsonFormat.parse(v.getString("json_v1_v6_2_0")), JsonFormat.encode(data), "$");
    assertEquals(DEMO, ZeekEvent.fromData(BinaryFormat.decode(Buffer.buffer(HEX.parseHex(v.getString("hex"))))));
    assertEquals(DEMO, ZeekEvent.fromData(JsonFormat.decode(v.getString("json_v1"))));
    assertTrue(DEMO.metadata().isEmpty());
    assertTrue(DEMO.networkTimestamp().isEmpty());
  }

  @Test
  void dataMessageEnvelopeIsBrokers() {
    JsonObject v = VECTORS.get(1);
    JsonObject ours = JsonFormat.encodeMessage(v.getString("topic"), DEMO.toData());
    assertEquals(v.getString("json_v1_v6_2_0"), ours.encode(), "byte-exact with Broker 6.2's compact rendering");
    for (String rendering : List.of("json_v1", "json_v1_v6_2_0")) {
      DataMessage m = JsonFormat.decodeMessage(v.getString(rendering));
      assertEquals("/zeek/demo", m.topic());
      assertEquals(DEMO, ZeekEvent.fromData(m.data()));
    }
  }

  @Test
  void eventWithNetworkTimestampIsBrokers() {
    JsonObject v = VECTORS.get(2);
    ZeekEvent withTs = DEMO.withNetworkTimestamp(1_700_000_000_000_000_000L);
    Data data = withTs.toData();
    assertEquals(v.getString("hex"), HEX.formatHex(BinaryFormat.encode(data).getBytes()));
    assertEquals(v.getString("str"), data.toString());
    assertEquals(v.getString("json_v1_v6_2_0"), JsonFormat.encode(data).encode());
    ZeekEvent back = ZeekEvent.fromData(BinaryFormat.decode(Buffer.buffer(HEX.parseHex(v.getString("hex")))));
    assertEquals(withTs, back);
    assertEquals(1_700_000_000_000_000_000L, back.networkTimestamp().orElseThrow().nanos());
  }

  @Test
  void emptyMetadataVectorAsZeek8SendsItSurvivesTheRoundTrip() {
    Data zeek8 = Data.vector(Data.count(1), Data.count(1),
        Data.vector(Data.string("ping"), Data.vector(Data.port(22, PortData.Protocol.TCP)), Data.vector()));
    ZeekEvent e = ZeekEvent.fromData(zeek8);
    assertEquals("ping", e.name());
    assertEquals(List.of(Data.port(22, PortData.Protocol.TCP)), e.args());
    assertEquals(zeek8, e.toData());
  }

  @Test
  void userMetadataKeepsItsOrder() {
    ZeekEvent e = DEMO.withMetadata(200, Data.string("a")).withNetworkTimestamp(5).withMetadata(201, Data.none());
    ZeekEvent back = ZeekEvent.fromData(BinaryFormat.decode(BinaryFormat.encode(e.toData())));
    assertEquals(List.of(200L, 1L, 201L), back.metadata().stream().map(ZeekEvent.Metadata::key).toList());
    assertEquals(5, back.networkTimestamp().orElseThrow().nanos());
  }

  @Test
  void notAnEventIsRejectedWithThePath() {
    assertFalse(ZeekEvent.isEvent(Data.count(1)));
    DecodeException wrongType = assertThrows(DecodeException.class, () -> ZeekEvent.fromData(
        Data.vector(Data.count(1), Data.count(3), Data.vector(Data.string("x"), Data.vector()))));
    assertEquals("$[1]", wrongType.path());
    DecodeException badName = assertThrows(DecodeException.class, () -> ZeekEvent.fromData(
        Data.vector(Data.count(1), Data.count(1), Data.vector(Data.count(7), Data.vector()))));
    assertEquals("$[2][0]", badName.path());
    DecodeException badTs = assertThrows(DecodeException.class, () -> ZeekEvent.fromData(
        Data.vector(Data.count(1), Data.count(1), Data.vector(Data.string("x"), Data.vector(),
            Data.vector(Data.vector(Data.count(1), Data.string("noon")))))));
    assertEquals("$[2][2][0][1]", badTs.path());
    assertThrows(IllegalArgumentException.class, () -> DEMO.withMetadata(1, Data.count(5)));
  }
}
