package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.PortData;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The event-bus codecs: instances pass locally, binary v1 crosses the wire. */
@ExtendWith(VertxExtension.class)
class EventBusCodecsTest {
  private static final Data SAMPLE = Data.vector(Data.count(-1), Data.string("h\u00e9"),
      Data.table(Map.of(Data.subnet("10.0.0.0/8"), Data.set(Data.port(53, PortData.Protocol.UDP)))),
      Data.real(Double.NaN), Data.timestamp(-5));

  @Test
  void localDeliveryPassesTheSameInstance(Vertx vertx, VertxTestContext ctx) {
    EventBusCodecs.register(vertx);
    EventBusCodecs.register(vertx); // idempotent
    DataMessage sent = new DataMessage("zeek/test", SAMPLE);
    vertx.eventBus().<DataMessage>consumer("t.msg", m -> m.reply(m.body().data()));
    vertx.eventBus().<Data>request("t.msg", sent).onComplete(ctx.succeeding(reply -> ctx.verify(() -> {
      assertSame(SAMPLE, reply.body());
      ctx.completeNow();
    })));
  }

  @Test
  void everyDataTypeIsSendableWithoutDeliveryOptions(Vertx vertx, VertxTestContext ctx) {
    EventBusCodecs.register(vertx);
    Data[] values = {Data.none(), Data.bool(true), Data.count(1), Data.integer(-1), Data.real(1.5),
        Data.string("s"), Data.address("::1"), Data.subnet("::/0"), Data.port(1, PortData.Protocol.ICMP),
        Data.timestamp(1), Data.timespan(1), Data.enumValue("E::X"), Data.set(), Data.table(Map.of()),
        Data.vector()};
    var checkpoint = ctx.checkpoint(values.length);
    vertx.eventBus().<Data>consumer("t.all", m -> m.reply(m.body()));
    for (Data v : values) {
      vertx.eventBus().<Data>request("t.all", v).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
        assertSame(v, r.body());
        checkpoint.flag();
      })));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void wireFormIsBinaryV1AndDecodesAtAnOffset(Vertx vertx) {
    EventBusCodecs.register(vertx);
    MessageCodec<DataMessage, DataMessage> codec = (MessageCodec<DataMessage, DataMessage>) (MessageCodec<?, ?>)
        new EventBusCodecs.DataMessageCodec();
    DataMessage m = new DataMessage("t\u00f6pic/x", SAMPLE);
    Buffer wire = Buffer.buffer().appendString("prefix");
    codec.encodeToWire(wire, m);
    DataMessage back = codec.decodeFromWire(6, wire);
    assertEquals(m, back);
    assertNotSame(m, back);
    int topicLength = wire.getInt(6);
    Buffer payload = wire.getBuffer(6 + 4 + topicLength + 4, wire.length());
    assertEquals(BinaryFormat.encode(SAMPLE), payload);

    EventBusCodecs.DataCodec dataCodec = new EventBusCodecs.DataCodec(EventBusCodecs.DATA_CODEC);
    Buffer dataWire = Buffer.buffer();
    dataCodec.encodeToWire(dataWire, SAMPLE);
    assertEquals(SAMPLE, dataCodec.decodeFromWire(0, dataWire));
  }
}
