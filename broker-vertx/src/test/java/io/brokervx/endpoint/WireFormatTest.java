package io.brokervx.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.FrameReader;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Our frame codecs against the frames Broker's own encoders produced ({@code handshake-frames-v1.json}). */
class WireFormatTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final UUID A = UUID.fromString("10111213-1415-1617-1819-1a1b1c1d1e1f");
  private static final UUID B = UUID.fromString("20212223-2425-2627-2829-2a2b2c2d2e2f");

  private static int frameCount() throws IOException {
    try (InputStream in = WireFormatTest.class.getResourceAsStream("/vectors/handshake-frames-v1.json")) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8)).size();
    }
  }

  private static String frame(String descPrefix) throws IOException {
    try (InputStream in = WireFormatTest.class.getResourceAsStream("/vectors/handshake-frames-v1.json")) {
      JsonArray a = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return a.stream().map(JsonObject.class::cast).filter(o -> o.getString("desc").startsWith(descPrefix))
          .findFirst().orElseThrow().getString("frame_hex");
    }
  }

  private static String hex(Buffer b) {
    return HEX.formatHex(b.getBytes());
  }

  @Test
  void handshakeMessagesAreBrokersBytes() throws IOException {
    assertEquals(7 + 4, frameCount(), "seven handshake messages and four envelopes");
    assertEquals(frame("hello"), hex(Handshake.encode(new Handshake.Hello(Handshake.MAGIC, A, 1, 1))));
    assertEquals(frame("probe"), hex(Handshake.encode(new Handshake.Probe(Handshake.MAGIC))));
    assertEquals(frame("version_select"), hex(Handshake.encode(new Handshake.VersionSelect(Handshake.MAGIC, B, 1))));
    assertEquals(frame("drop_conn"), hex(Handshake.encode(new Handshake.DropConn(Handshake.MAGIC, B,
        ErrorCode.PEER_INCOMPATIBLE.code(), "version range not supported"))));
    assertEquals(frame("originator_syn"), hex(Handshake.encode(new Handshake.OriginatorSyn(List.of("/zeek/event", "/demo")))));
    assertEquals(frame("responder_syn_ack"), hex(Handshake.encode(new Handshake.ResponderSynAck(List.of()))));
    assertEquals(frame("originator_ack"), hex(Handshake.encode(new Handshake.OriginatorAck())));
  }

  private static Handshake.Message decode(String frameHex) {
    byte[] f = HEX.parseHex(frameHex);
    return Handshake.decode(f, 4, f.length);
  }

  @Test
  void handshakeMessagesDecode() throws IOException {
    assertEquals(new Handshake.Hello(Handshake.MAGIC, A, 1, 1), decode(frame("hello")));
    assertEquals(new Handshake.DropConn(Handshake.MAGIC, B, 2, "version range not supported"), decode(frame("drop_conn")));
    assertEquals(new Handshake.OriginatorSyn(List.of("/zeek/event", "/demo")), decode(frame("originator_syn")));
    assertInstanceOf(Handshake.OriginatorAck.class, decode(frame("originator_ack")));
    assertNull(decode("0000000142"), "an unknown type byte is not a handshake message");
    assertThrows(MalformedFrameException.class, () -> decode("00000005065a45454b"));
    assertThrows(MalformedFrameException.class, () -> decode("000000030a0501"));
    assertThrows(MalformedFrameException.class, () -> decode("000000020c00"));
  }

  @Test
  void envelopesAreBrokersBytes() throws IOException {
    byte[] hello = BinaryFormat.encode(Data.string("hello")).getBytes();
    assertEquals(frame("node_message data sender=10111213-1415-1617-1819-1a1b1c1d1e1f receiver=nil ttl=16 topic=/demo"),
        HEX.formatHex(Envelope.encodeV1(Envelope.DATA, A, null, "/demo".getBytes(StandardCharsets.UTF_8), hello, 0,
            hello.length).toByteArray()));
    byte[] filter = Handshake.filter(new ByteWriter(32), List.of("/zeek/event", "/demo")).toByteArray();
    assertEquals(frame("node_message routing_update"), HEX.formatHex(Envelope.encodeV1(Envelope.ROUTING_UPDATE, A, B,
        "<$>".getBytes(StandardCharsets.UTF_8), filter, 0, filter.length).toByteArray()));
    byte[] event = BinaryFormat.encode(ZeekEvent.of("demo_event", Data.count(42), Data.string("hi"),
        Data.address("10.0.0.1")).toData()).getBytes();
    assertEquals(frame("node_message data topic=/zeek/demo"), HEX.formatHex(Envelope.encodeV1(Envelope.DATA, A, null,
        "/zeek/demo".getBytes(StandardCharsets.UTF_8), event, 0, event.length).toByteArray()));
    byte[] bye = HEX.parseHex("4259450100000000000010");
    assertEquals(frame("ping"), HEX.formatHex(Envelope.encodeV1(Envelope.PING, A, B, "<$>".getBytes(StandardCharsets.UTF_8),
        bye, 0, bye.length).toByteArray()));

    byte[] f = HEX.parseHex(frame("node_message data topic=/zeek/demo"));
    Envelope e = Envelope.decodeV1(f, 4, f.length);
    assertEquals(Envelope.DATA, e.type());
    assertEquals(16, e.ttl());
    assertEquals(A, e.origin());
    assertNull(e.receiver());
    assertEquals("/zeek/demo", e.topic());
    assertEquals(Buffer.buffer(event), Buffer.buffer(e.array()).getBuffer(e.payloadFrom(), e.payloadTo()));
  }

  @Test
  void version2EnvelopesRoundTrip() {
    Data d = Data.vector(Data.count(1), Data.string("x"));
    byte[] f = Envelope.encodeV2(Envelope.DATA, 9, A, B, 1234, "/t".getBytes(StandardCharsets.UTF_8), d).toByteArray();
    Envelope e = Envelope.decodeV2(f, 4, f.length);
    assertEquals(List.of(Envelope.DATA, 9, A, B, 1234L, "/t"), List.of(e.type(), e.ttl(), e.origin(), e.receiver(), e.seq(), e.topic()));
    assertEquals(d, BinaryFormat.decode(f, e.payloadFrom(), e.payloadTo(), new io.brokervx.codec.DecodeLimits()));
    assertThrows(MalformedFrameException.class, () -> Envelope.decodeV2(f, 4, 20));
  }

  @Test
  void framesSplitIdenticallyWhateverTheChunking() throws IOException {
    String stream = frame("hello") + frame("probe") + frame("originator_syn") + frame("originator_ack");
    byte[] all = HEX.parseHex(stream);
    List<String> whole = new ArrayList<>();
    List<String> bytewise = new ArrayList<>();
    new FrameReader(1024, (a, from, to) -> whole.add(HEX.formatHex(a, from, to))).feed(Buffer.buffer(all));
    FrameReader r = new FrameReader(1024, (a, from, to) -> bytewise.add(HEX.formatHex(a, from, to)));
    for (byte b : all) {
      r.feed(Buffer.buffer(new byte[] {b}));
    }
    assertEquals(4, whole.size());
    assertEquals(whole, bytewise);
    FrameReader zero = new FrameReader(1024, (a, from, to) -> true);
    assertEquals(false, zero.feed(Buffer.buffer(HEX.parseHex("00000000"))));
    assertEquals("zero-length frame", zero.error());
    FrameReader big = new FrameReader(1024, (a, from, to) -> true);
    assertEquals(false, big.feed(Buffer.buffer(HEX.parseHex("00000401"))));
  }
}
