package io.brokervx.endpoint.impl;

import java.time.Duration;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.PlainEndpoints.plaintext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.error.ErrorCode;
import io.brokervx.test.Inbox;
import io.brokervx.test.RawClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A peer that forges routing or data, or misuses the wire to hold memory, harms nobody: forged
 * advertisements and data are refused, pings carry only tokens, frames must arrive whole in time and within
 * the endpoint's byte budget, and a stuck peer holds at most its byte bound.
 */
@ExtendWith(VertxExtension.class)
class ForgeryTest {
  private static final byte[] CONTROL = Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8);
  /** Sorts before every random id, so that the raw client originates its handshake. */
  private static final UUID ATTACKER = UUID.fromString("00000000-0000-4000-8000-00000000000a");
  /** A Broker (protocol version 1) peer, also sorting first. */
  private static final UUID BROKER_PEER = UUID.fromString("00000000-0000-4000-8000-00000000000b");

  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  private static Buffer linkState(UUID sender, LinkStateAd ad) {
    byte[] payload = ad.encode();
    return Envelope.encodeV2(Envelope.LINK_STATE, 1, sender, null, 0, CONTROL, payload, 0, payload.length).toBuffer();
  }

  private static Buffer data(UUID origin, long seq, String topic, Data value) {
    return Envelope.encodeV2(Envelope.DATA, 16, origin, null, seq, topic.getBytes(StandardCharsets.UTF_8), value)
        .toBuffer();
  }

  /** Publishes until the subscriber has {@code n} more messages, proving the route works. */
  private static void stillReceives(Endpoint publisher, Inbox<DataMessage> at, String topic) {
    int before = at.items().size();
    for (int i = 0; i < 5; i++) {
      publisher.publish(topic, Data.count(i));
    }
    at.awaitSize(before + 5);
  }

  /** A forged advertisement of a subscriber, wanting nothing, with a huge sequence number or a future restart. */
  @Test
  void aForgedAdvertisementCannotSilenceASubscriber() {
    Endpoint publisher = Endpoint.create(vertx, plaintext());
    Endpoint relay = Endpoint.create(vertx, plaintext());
    Endpoint victim = Endpoint.create(vertx, plaintext());
    int pubPort = await(publisher.listen("127.0.0.1", 0));
    int relayPort = await(relay.listen("127.0.0.1", 0));
    await(relay.peer("127.0.0.1", pubPort));
    await(victim.peer("127.0.0.1", relayPort));
    Inbox<DataMessage> got = Inbox.of(victim.subscribe("/f"));
    eventually(vertx, "the publisher sees the victim", () -> publisher.subscribersOf("/f/x")
        .map(s -> s.contains(victim.id())));
    stillReceives(publisher, got, "/f/x");

    RawClient attacker = new RawClient(vertx, pubPort, ATTACKER).handshakeAsOriginator(List.of(), 2);
    long now = System.currentTimeMillis();
    attacker.send(linkState(ATTACKER, new LinkStateAd(victim.id(), now, Long.MAX_VALUE, true,
        List.of(relay.id()), List.of(), List.of())));
    attacker.send(linkState(ATTACKER, new LinkStateAd(victim.id(), now + 60_000, 1, true,
        List.of(relay.id()), List.of(), List.of())));
    attacker.send(linkState(ATTACKER, new LinkStateAd(relay.id(), now + 60_000, 1, true,
        List.of(publisher.id()), List.of(), List.of())));
    stillReceives(publisher, got, "/f/x");
    await(vertx.timer(300));
    stillReceives(publisher, got, "/f/x");
  }

  /** Data in a publisher's name with a huge sequence number, from a peer that is not on its path. */
  @Test
  void forgedDataInAPublishersNameIsDroppedAndTheRealPublisherStillArrives() {
    Endpoint publisher = Endpoint.create(vertx, plaintext());
    Endpoint node = Endpoint.create(vertx, plaintext());
    Endpoint victim = Endpoint.create(vertx, plaintext());
    int nodePort = await(node.listen("127.0.0.1", 0));
    await(publisher.peer("127.0.0.1", nodePort));
    await(victim.peer("127.0.0.1", nodePort));
    Inbox<DataMessage> got = Inbox.of(victim.subscribe("/f"));
    eventually(vertx, "the publisher sees the victim", () -> publisher.subscribersOf("/f/x")
        .map(s -> s.contains(victim.id())));
    RawClient attacker = new RawClient(vertx, nodePort, ATTACKER).handshakeAsOriginator(List.of(), 2);
    attacker.send(data(publisher.id(), Long.MAX_VALUE, "/f/x", Data.string("forged")));
    attacker.send(data(publisher.id(), Long.MIN_VALUE + 3, "/f/x", Data.string("forged")));
    stillReceives(publisher, got, "/f/x");
    assertTrue(got.items().stream().noneMatch(m -> m.data().equals(Data.string("forged"))), got.items().toString());
  }

  /** Finding 6: a value that does not decode, relayed from a routing peer, never reaches a Broker peer. */
  @Test
  void anUndecodableValueIsNeverRelayedToABrokerPeer() {
    Endpoint node = Endpoint.create(vertx, plaintext());
    int port = await(node.listen("127.0.0.1", 0));
    RawClient broker = new RawClient(vertx, port, BROKER_PEER).handshakeAsOriginator(List.of("/u"));
    RawClient attacker = new RawClient(vertx, port, ATTACKER).handshakeAsOriginator(List.of(), 2);
    long now = System.currentTimeMillis();
    attacker.send(linkState(ATTACKER, new LinkStateAd(ATTACKER, now, 1, true, List.of(node.id()), List.of(), List.of())));
    eventually(vertx, "the node routes the attacker", () -> node.stats().map(s -> s.routing().endpoints().stream()
        .anyMatch(e -> e.id().equals(ATTACKER))));
    byte[] topic = "/u/x".getBytes(StandardCharsets.UTF_8);
    byte[] garbage = {(byte) 0x7f, 1, 2, 3};
    attacker.send(Envelope.encodeV2(Envelope.DATA, 16, ATTACKER, null, 1, topic, garbage, 0, garbage.length).toBuffer());
    attacker.send(data(ATTACKER, 2, "/u/x", Data.count(5)));
    broker.envelopes().await("the valid value", 1, e -> e.type() == Envelope.DATA);
    await(vertx.timer(200));
    assertEquals(1, broker.envelopes().items().stream().filter(e -> e.type() == Envelope.DATA).count());
    assertEquals(1, await(node.stats()).undecodableNotRelayed());
    assertEquals(1, await(node.peers()).stream().filter(p -> p.id().equals(BROKER_PEER)).count(), "the Broker peer stays");
  }

  /** Finding 7: data in the names of many made-up origins leaves no per-origin state behind. */
  @Test
  void madeUpOriginsLeaveNoPerOriginState() {
    Endpoint node = Endpoint.create(vertx, plaintext());
    int port = await(node.listen("127.0.0.1", 0));
    RawClient attacker = new RawClient(vertx, port, ATTACKER).handshakeAsOriginator(List.of(), 2);
    int n = 20_000;
    for (int i = 0; i < n; i++) {
      attacker.send(data(UUID.randomUUID(), Long.MAX_VALUE - i, "/o", Data.count(i)));
    }
    eventually(vertx, "every message was judged", () -> node.stats().map(s -> s.offPathDrops() == n));
    assertEquals(0, await(node.stats()).trackedOrigins());
  }

  @Test
  void aPingHeavierThanATokenIsAProtocolError() {
    Endpoint server = Endpoint.create(vertx, plaintext());
    Inbox<StatusEvent> statuses = Inbox.of(server.statuses());
    int port = await(server.listen("127.0.0.1", 0));
    RawClient attacker = new RawClient(vertx, port, ATTACKER).handshakeAsOriginator(List.of());
    byte[] big = new byte[1 << 20];
    attacker.send(Envelope.encodeV1(Envelope.PING, ATTACKER, server.id(), CONTROL, big, 0, big.length).toBuffer());
    await(attacker.closed());
    StatusEvent e = statuses.await("the peer lost", s -> s.code() == StatusCode.PEER_LOST);
    assertEquals(ErrorCode.INVALID_MESSAGE, e.error(), e.toString());
  }

  @Test
  void aTrickledFrameIsCutOff() {
    Endpoint server = Endpoint.create(vertx, plaintext().setFrameTimeout(Duration.ofMillis(500)).setHeartbeatInterval(Duration.ofMillis(100))
        .setHeartbeatTimeout(Duration.ofMillis(60_000)));
    Inbox<StatusEvent> statuses = Inbox.of(server.statuses());
    int port = await(server.listen("127.0.0.1", 0));
    RawClient attacker = new RawClient(vertx, port, ATTACKER).handshakeAsOriginator(List.of());
    attacker.send(Buffer.buffer(new ByteWriter(4).u32(100).toByteArray()));
    long timer = vertx.setPeriodic(100, t -> attacker.socket().write(Buffer.buffer(new byte[] {1})));
    StatusEvent e = statuses.await("the trickling peer dropped", s -> s.code() == StatusCode.PEER_LOST);
    vertx.cancelTimer(timer);
    assertEquals(ErrorCode.PEER_TIMEOUT, e.error(), e.toString());
    assertTrue(e.message().contains("did not arrive whole"), e.message());
    await(attacker.closed());
  }

  @Test
  void unfinishedFramesOfManyPeersStayWithinTheBudget() {
    int frame = 200 * 1024;
    Endpoint server = Endpoint.create(vertx, plaintext().setMaxFrameSize(256 * 1024)
        .setMaxPendingFrameBytes(512 * 1024));
    Inbox<StatusEvent> statuses = Inbox.of(server.statuses());
    int port = await(server.listen("127.0.0.1", 0));
    byte[] almost = new byte[frame - 16];
    int dropped = 0;
    for (int i = 0; i < 5; i++) {
      RawClient c = new RawClient(vertx, port, new UUID(0, i + 1)).handshakeAsOriginator(List.of());
      c.send(Buffer.buffer(new ByteWriter(4).u32(frame).toByteArray()).appendBytes(almost));
      if (i >= 3) {
        await(c.closed());
        dropped++;
      }
    }
    assertEquals(2, dropped);
    assertTrue(statuses.items().stream().anyMatch(s -> s.message().contains("unfinished frames of all peers")),
        statuses.items().toString());
  }

  @Test
  void aStuckPeerHoldsAtMostItsByteBound() {
    long bound = 256 * 1024;
    Endpoint publisher = Endpoint.create(vertx, plaintext().setPeerBufferBytes(bound).setPeerBufferSize(8192)
        .setHeartbeatTimeout(Duration.ofMillis(60_000)));
    int port = await(publisher.listen("127.0.0.1", 0));
    RawClient stuck = new RawClient(vertx, port, ATTACKER).handshakeAsOriginator(List.of("/big"));
    eventually(vertx, "the publisher sees the stuck subscriber", () -> publisher.subscribersOf("/big/x")
        .map(s -> !s.isEmpty()));
    stuck.socket().pause();
    Data payload = Data.string("x".repeat(64 * 1024));
    for (int i = 0; i < 400; i++) {
      publisher.publish("/big/x", payload);
    }
    eventually(vertx, "the buffer overflows", () -> publisher.peers().map(ps -> ps.get(0).dropped() > 0));
    PeerInfo info = await(publisher.peers()).get(0);
    assertTrue((long) info.queued() * 64 * 1024 <= bound + 64 * 1024, "queued " + info.queued() + " messages");
    await(publisher.close()); // a stuck socket: the endpoint closes it outright
    stuck.reset();
  }
}
