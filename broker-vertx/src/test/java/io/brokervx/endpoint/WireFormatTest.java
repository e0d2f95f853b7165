package io.brokervx.endpoint;

import io.brokervx.error.ErrorCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.endpoint.impl.wire.ByteReader;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.ByteBudget;
import io.brokervx.endpoint.impl.wire.FrameReader;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire classes against {@code vectors/handshake-frames-v1.json}, frames written by Broker's own encoders
 * (identical in v2.7.0 and v6.2.0): every handshake message and the phase-3 envelopes byte for byte, both
 * ways; malformed bodies; and the framing of a byte stream.
 */
class WireFormatTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final UUID A = UUID.fromString("10111213-1415-1617-1819-1a1b1c1d1e1f");
  private static final UUID B = UUID.fromString("20212223-2425-2627-2829-2a2b2c2d2e2f");
  private static final JsonArray VECTORS = load();

  private static JsonArray load() {
    try (InputStream in = WireFormatTest.class.getResourceAsStream("/vectors/handshake-frames-v1.json")) {
      return new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the frame (length prefix included) of the vector whose description starts with {@code desc} */
  private static byte[] frame(String desc) {
    List<byte[]> found = new ArrayList<>();
    for (int i = 0; i < VECTORS.size(); i++) {
      JsonObject v = VECTORS.getJsonObject(i);
      if (v.getString("desc").startsWith(desc)) {
        found.add(HEX.parseHex(v.getString("frame_hex")));
      }
    }
    assertEquals(1, found.size(), "vectors described as '" + desc + "…'");
    return found.get(0);
  }

  static Stream<Arguments> handshakeFrames() {
    return Stream.of(
        Arguments.of("hello", new Handshake.Hello(Handshake.MAGIC, A, 1, 1)),
        Arguments.of("probe", new Handshake.Probe(Handshake.MAGIC)),
        Arguments.of("version_select", new Handshake.VersionSelect(Handshake.MAGIC, B, 1)),
        Arguments.of("drop_conn", new Handshake.DropConn(Handshake.MAGIC, B, ErrorCode.PEER_INCOMPATIBLE.code(),
            "version range not supported")),
        Arguments.of("originator_syn", new Handshake.OriginatorSyn(List.of("/zeek/event", "/demo"))),
        Arguments.of("responder_syn_ack", new Handshake.ResponderSynAck(List.of())),
        Arguments.of("originator_ack", new Handshake.OriginatorAck()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handshakeFrames")
  void handshakeMessageEncodesToBrokersFrameAndDecodesBack(String desc, Handshake.Message message) {
    byte[] expected = frame(desc);
    assertEquals(HEX.formatHex(expected), HEX.formatHex(Handshake.encode(message).getBytes()));
    assertEquals(message, Handshake.decode(expected, 4, expected.length));
  }

  @Test
  void dataEnvelope() {
    byte[] payload = BinaryFormat.encode(Data.string("hello")).getBytes();
    byte[] expected = frame("node_message data sender");
    assertEncodes(expected, Envelope.encodeV1(Envelope.DATA, A, null, utf8("/demo"), payload, 0, payload.length));
    Envelope e = decode(expected);
    assertEnvelope(e, Envelope.DATA, A, null, "/demo");
    assertEquals(Data.string("hello"), payloadData(e));
  }

  @Test
  void routingUpdateEnvelopeCarriesAFilter() {
    List<String> topics = List.of("/zeek/event", "/demo");
    byte[] payload = Handshake.filter(new ByteWriter(32), topics).toByteArray();
    byte[] expected = frame("node_message routing_update");
    assertEncodes(expected, Envelope.encodeV1(Envelope.ROUTING_UPDATE, A, B, utf8(Envelope.CONTROL_TOPIC), payload, 0,
        payload.length));
    Envelope e = decode(expected);
    assertEnvelope(e, Envelope.ROUTING_UPDATE, A, B, "<$>");
    assertEquals(topics, Handshake.readFilter(new ByteReader(e.array(), e.payloadFrom(), e.payloadTo())));
  }

  @Test
  void zeekEventEnvelope() {
    Data event = ZeekEvent.of("demo_event", Data.count(42), Data.string("hi"), Data.address("10.0.0.1")).toData();
    byte[] payload = BinaryFormat.encode(event).getBytes();
    byte[] expected = frame("node_message data topic=/zeek/demo");
    assertEncodes(expected, Envelope.encodeV1(Envelope.DATA, A, null, utf8("/zeek/demo"), payload, 0,
        payload.length));
    Envelope e = decode(expected);
    assertEnvelope(e, Envelope.DATA, A, null, "/zeek/demo");
    assertEquals(event, payloadData(e));
    assertEquals("demo_event", ZeekEvent.fromData(payloadData(e)).name());
  }

  @Test
  void byePing() {
    byte[] payload = HEX.parseHex("4259450100000000000010");
    byte[] expected = frame("ping sender");
    assertEncodes(expected, Envelope.encodeV1(Envelope.PING, A, B, utf8(Envelope.CONTROL_TOPIC), payload, 0,
        payload.length));
    Envelope e = decode(expected);
    assertEnvelope(e, Envelope.PING, A, B, "<$>");
    assertArrayEquals(payload, Arrays.copyOfRange(e.array(), e.payloadFrom(), e.payloadTo()));
  }

  @Test
  void version2EnvelopeRoundTrips() {
    Data d = Data.vector(Data.count(1), Data.string("x"));
    byte[] f = Envelope.encodeV2(Envelope.DATA, 9, A, B, 1234, utf8("/t"), d).toByteArray();
    assertEquals(f.length - 4, ((f[0] & 0xff) << 24) | ((f[1] & 0xff) << 16) | ((f[2] & 0xff) << 8) | (f[3] & 0xff));
    Envelope e = Envelope.decodeV2(f, 4, f.length);
    assertEquals(List.of(Envelope.DATA, 9, A, B, 1234L, "/t"),
        List.of(e.type(), e.ttl(), e.origin(), e.receiver(), e.seq(), e.topic()));
    assertEquals(d, payloadData(e));
    byte[] nil = Envelope.encodeV2(Envelope.PING, 1, A, null, 0, utf8("<$>"), new byte[] {7}, 0, 1).toByteArray();
    assertNull(Envelope.decodeV2(nil, 4, nil.length).receiver());
    for (int end = 4; end < 4 + Envelope.V2_HEADER + 2; end += 3) {
      int to = end;
      assertThrows(MalformedFrameException.class, () -> Envelope.decodeV2(f, 4, to), "v2 envelope cut at " + end);
    }
  }

  @Test
  void truncatedHelloIsMalformed() {
    byte[] hello = frame("hello");
    for (int end = 5; end < hello.length; end++) {
      int to = end;
      assertThrows(MalformedFrameException.class, () -> Handshake.decode(hello, 4, to), "hello cut at " + end);
    }
  }

  @Test
  void filterCountPastTheEndIsMalformed() {
    // originator_syn announcing 5 topics but holding one
    byte[] body = HEX.parseHex("0a05052f64656d6f");
    assertThrows(MalformedFrameException.class, () -> Handshake.decode(body, 0, body.length));
    // a topic length running past the end
    byte[] shortTopic = HEX.parseHex("0b01092f64656d6f");
    assertThrows(MalformedFrameException.class, () -> Handshake.decode(shortTopic, 0, shortTopic.length));
  }

  @Test
  void bytesLeftOverAreMalformed() {
    for (String desc : List.of("hello", "probe", "version_select", "drop_conn", "originator_syn", "originator_ack")) {
      byte[] f = frame(desc);
      byte[] longer = Arrays.copyOfRange(f, 4, f.length + 1);
      assertThrows(MalformedFrameException.class, () -> Handshake.decode(longer, 0, longer.length), desc + " + 1 byte");
    }
  }

  @Test
  void unknownTypeByteIsNotAHandshakeMessage() {
    byte[] body = HEX.parseHex("4200000000000000ff");
    assertNull(Handshake.decode(body, 0, body.length));
  }

  @Test
  void truncatedEnvelopeIsMalformed() {
    byte[] f = frame("node_message data sender");
    // cut inside the sender, the receiver, the type, the ttl, the topic length and the topic
    for (int end : new int[] {10, 30, 36, 38, 40, 43}) {
      assertThrows(MalformedFrameException.class, () -> Envelope.decodeV1(f, 4, end), "envelope cut at " + end);
    }
  }

  /** A frame reader that records the body of every frame it is fed. */
  private static final class Splitter {
    final List<String> bodies = new ArrayList<>();
    final FrameReader reader = new FrameReader(1024, new ByteBudget(Long.MAX_VALUE), (a, from, to) -> bodies.add(HEX.formatHex(a, from, to)));

    Splitter feed(List<Buffer> chunks) {
      for (Buffer b : chunks) {
        assertTrue(reader.feed(b));
      }
      return this;
    }
  }

  @Test
  void frameReaderSplitsAStreamTheSameWayWhateverTheChunking() {
    Buffer stream = Buffer.buffer();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < VECTORS.size(); i++) {
      byte[] f = HEX.parseHex(VECTORS.getJsonObject(i).getString("frame_hex"));
      stream.appendBytes(f);
      expected.add(HEX.formatHex(f, 4, f.length));
    }
    Splitter whole = new Splitter().feed(List.of(stream));
    assertEquals(expected, whole.bodies);
    assertFalse(whole.reader.hasPartialFrame());

    List<Buffer> bytes = new ArrayList<>();
    for (byte b : stream.getBytes()) {
      bytes.add(Buffer.buffer(new byte[] {b}));
    }
    Splitter byByte = new Splitter().feed(bytes);
    assertEquals(expected, byByte.bodies);
    assertFalse(byByte.reader.hasPartialFrame());

    // uneven chunks that cut length prefixes and bodies alike
    List<Buffer> uneven = new ArrayList<>();
    for (int at = 0, n = 1; at < stream.length(); at += n, n = n % 7 + 2) {
      uneven.add(stream.getBuffer(at, Math.min(stream.length(), at + n)));
    }
    assertEquals(expected, new Splitter().feed(uneven).bodies);

    // all but the last byte: every frame but the last, which stays partial
    Splitter cut = new Splitter().feed(List.of(stream.getBuffer(0, stream.length() - 1)));
    assertEquals(expected.subList(0, expected.size() - 1), cut.bodies);
    assertTrue(cut.reader.hasPartialFrame());
  }

  @Test
  void frameReaderRejectsAZeroLengthFrame() {
    List<String> bodies = new ArrayList<>();
    FrameReader r = new FrameReader(1024, new ByteBudget(Long.MAX_VALUE), (a, from, to) -> bodies.add(HEX.formatHex(a, from, to)));
    assertTrue(r.feed(Buffer.buffer(frame("probe"))));
    assertFalse(r.feed(Buffer.buffer(HEX.parseHex("00000000" + "000000010c"))));
    assertEquals(List.of("075a45454b"), bodies);
    assertEquals("zero-length frame", r.error());
    assertFalse(r.feed(Buffer.buffer(frame("originator_ack"))), "a stopped reader stays stopped");
    assertEquals(1, bodies.size());
  }

  @Test
  void frameReaderRejectsAFrameAboveItsLimit() {
    List<Integer> sizes = new ArrayList<>();
    FrameReader r = new FrameReader(1024, new ByteBudget(Long.MAX_VALUE), (a, from, to) -> sizes.add(to - from));
    Buffer atLimit = Buffer.buffer().appendInt(1024).appendBytes(new byte[1024]);
    assertTrue(r.feed(atLimit));
    assertEquals(List.of(1024), sizes);
    // only the length prefix of the oversized frame has arrived: it is refused before its body is read
    assertFalse(r.feed(Buffer.buffer().appendInt(1025)));
    assertTrue(r.error().contains("1025") && r.error().contains("1024"), r.error());
    assertEquals(List.of(1024), sizes);

    // a length with the top bit set is not a negative number
    FrameReader huge = new FrameReader(1024, new ByteBudget(Long.MAX_VALUE), (a, from, to) -> true);
    assertFalse(huge.feed(Buffer.buffer(HEX.parseHex("ffffffff00"))));
    assertTrue(huge.error().contains("4294967295"), huge.error());
  }

  private static void assertEncodes(byte[] expected, ByteWriter w) {
    assertEquals(HEX.formatHex(expected), HEX.formatHex(w.toByteArray()));
  }

  private static Envelope decode(byte[] frame) {
    return Envelope.decodeV1(frame, 4, frame.length);
  }

  private static void assertEnvelope(Envelope e, int type, UUID sender, UUID receiver, String topic) {
    assertEquals(type, e.type());
    assertEquals(16, e.ttl());
    assertEquals(sender, e.origin());
    assertEquals(receiver, e.receiver());
    assertEquals(topic, e.topic());
    assertEquals(0, e.seq());
  }

  private static Data payloadData(Envelope e) {
    return BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), new DecodeLimits());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
