package io.brokervx.endpoint;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.PlainEndpoints.plaintext;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.VectorData;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.test.Inbox;
import io.brokervx.test.RawClient;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lossless {@code backpressure} policy: a relay whose buffer toward a slow or stuck subscriber fills stops
 * reading its publisher, whose {@code publisher(topic)} then waits; nothing is dropped anywhere and everything
 * arrives, in order, once the subscriber reads again. A chain at full speed delivers 100 %. A peer that keeps
 * the buffer full for longer than the heartbeat timeout is dropped, and the paused publisher goes on.
 */
@ExtendWith(VertxExtension.class)
class BackpressurePolicyTest {
  private static final UUID STUCK = UUID.fromString("00000000-0000-4000-8000-0000000000b2");
  private static final int PEER_BUFFER = 64;
  private static final String PAD = "x".repeat(1000);

  /** A message numbered {@code i}, padded to its size with {@code pad}. */
  private static Data message(long i, String pad) {
    return Data.vector(Data.count(i), Data.string(pad));
  }

  private static long seq(Data d) {
    return ((CountData) ((VectorData) d).get(0)).bits();
  }

  private static EndpointOptions relayOptions() {
    return plaintext().setPeerBufferSize(PEER_BUFFER).setPeerOverflowPolicy(OverflowPolicy.BACKPRESSURE)
        .setHeartbeatTimeout(Duration.ofSeconds(30));
  }

  /** @return a publishing endpoint living on {@code ctx}, so that its publisher is paced synchronously */
  private static Endpoint publisherOn(Context ctx, Vertx vertx, EndpointOptions options) {
    Promise<Endpoint> p = Promise.promise();
    ctx.runOnContext(v -> p.complete(Endpoint.create(vertx, options)));
    return await(p.future());
  }

  /**
   * Publishes {@code n} messages on {@code topic} through {@code publisher(topic)} as fast as it lets, on the
   * publisher's context {@code ctx}; {@code sawFull} turns true whenever the publisher said its queue was full.
   *
   * @return the count sent so far
   */
  private static AtomicLong pump(Context ctx, Endpoint p, String topic, long n, String pad, AtomicBoolean sawFull) {
    WriteStream<Data> publisher = p.publisher(topic);
    AtomicLong sent = new AtomicLong();
    Runnable[] step = new Runnable[1];
    step[0] = () -> {
      for (int i = 0; i < 256 && sent.get() < n && !publisher.writeQueueFull(); i++) {
        publisher.write(message(sent.getAndIncrement(), pad));
      }
      if (sent.get() >= n) {
        return;
      }
      if (publisher.writeQueueFull()) {
        sawFull.set(true);
        publisher.drainHandler(v -> ctx.runOnContext(x -> step[0].run()));
      } else {
        ctx.runOnContext(x -> step[0].run());
      }
    };
    ctx.runOnContext(v -> step[0].run());
    return sent;
  }

  /**
   * A publisher on a context of its own, peered with a relay, and a raw Broker peer subscribed to {@code topic}
   * behind the relay, once the publisher sees it.
   */
  private record Chain(Endpoint relay, Context ctx, Endpoint publisher, RawClient subscriber) {
    static Chain of(Vertx vertx, EndpointOptions relayOptions, EndpointOptions publisherOptions, String topic) {
      Endpoint relay = Endpoint.create(vertx, relayOptions);
      int relayPort = await(relay.listen("127.0.0.1", 0));
      Context ctx = vertx.getOrCreateContext();
      Endpoint publisher = publisherOn(ctx, vertx, publisherOptions);
      await(publisher.peer("127.0.0.1", relayPort));
      RawClient subscriber = new RawClient(vertx, relayPort, STUCK).handshakeAsOriginator(List.of(topic));
      eventually(vertx, "the publisher sees the subscriber behind the relay",
          () -> publisher.subscribersOf(topic + "/x").map(Set.of(STUCK)::equals));
      return new Chain(relay, ctx, publisher, subscriber);
    }
  }

  /** {@code c} received the data messages 0 to {@code n - 1}, each once, in order. */
  private static void assertEverythingInOrder(RawClient c, int n) {
    DecodeLimits limits = new DecodeLimits();
    List<Long> got = c.envelopes().items().stream().filter(e -> e.type() == Envelope.DATA)
        .map(e -> seq(BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), limits))).toList();
    assertEquals(n, got.size());
    for (int i = 0; i < n; i++) {
      assertEquals(i, got.get(i), "every message once, in order");
    }
  }

  private static PeerInfo info(Endpoint e, UUID peer) {
    return await(e.peers()).stream().filter(p -> p.id().equals(peer)).findFirst().orElseThrow();
  }

  @Test
  void aStuckSubscriberPausesTheRelayAndThePublisherAndNothingIsLost(Vertx vertx) {
    final int n = 60_000; // 60 MB: more than the sockets' buffers on both hops hold
    Chain c = Chain.of(vertx, relayOptions(), plaintext().setPeerBufferSize(PEER_BUFFER)
        .setHeartbeatTimeout(Duration.ofSeconds(30)), "/bp");
    Endpoint relay = c.relay();
    Endpoint publisher = c.publisher();
    RawClient stuck = c.subscriber();
    Inbox<StatusEvent> relayStatus = Inbox.of(relay.statuses());
    stuck.socket().pause();

    AtomicBoolean sawFull = new AtomicBoolean();
    AtomicLong sent = pump(c.ctx(), publisher, "/bp/x", n, PAD, sawFull);
    eventually(vertx, "the pause reached the publisher, hop by hop", sawFull::get);
    assertTrue(sent.get() < n, "the publisher waits: " + sent.get() + " of " + n + " sent");
    PeerInfo toStuck = info(relay, STUCK);
    assertTrue(toStuck.queued() <= PEER_BUFFER / 2 + 1, "the relay's buffer stays at about half: " + toStuck);

    stuck.socket().resume();
    stuck.envelopes().await("the subscriber gets everything", n, e -> e.type() == Envelope.DATA);
    assertEverythingInOrder(stuck, n);
    assertEquals(0, info(relay, STUCK).dropped());
    assertEquals(0, info(relay, publisher.id()).dropped());
    assertEquals(0, info(publisher, relay.id()).dropped());
    assertTrue(relayStatus.items().stream().noneMatch(e -> e.code() == StatusCode.PEER_LOST),
        relayStatus.items().toString());
  }

  @Test
  void aChainAtFullSpeedToAnIntermittentReaderDeliversEverything(Vertx vertx) {
    final int n = 30_000; // 30 MB
    // a buffer of 4 frames: the relay pauses its publisher at 3 and would disconnect at 4 if the pause let
    // more than the frame being handled through
    Chain c = Chain.of(vertx, relayOptions().setPeerBufferSize(4), plaintext().setPeerBufferSize(PEER_BUFFER),
        "/chain");
    Endpoint relay = c.relay();
    Endpoint publisher = c.publisher();
    RawClient subscriber = c.subscriber();
    // the subscriber reads in bursts: it starts paused until the relay's buffer is full (so the policy surely
    // acts), then reads 150 ms, pauses 150 ms, and so on
    subscriber.socket().pause();
    pump(c.ctx(), publisher, "/chain/x", n, PAD, new AtomicBoolean());
    eventually(vertx, "the relay's buffer filled to half", () -> relay.peers()
        .map(ps -> ps.stream().anyMatch(p -> p.id().equals(STUCK) && p.queued() >= 3)));
    subscriber.socket().resume();
    AtomicBoolean reading = new AtomicBoolean(true);
    long toggler = vertx.setPeriodic(150, t -> {
      if (reading.getAndSet(!reading.get())) {
        subscriber.socket().pause();
      } else {
        subscriber.socket().resume();
      }
    });
    subscriber.envelopes().await("all " + n + " messages arrived", n, e -> e.type() == Envelope.DATA);
    vertx.cancelTimer(toggler);
    assertEverythingInOrder(subscriber, n);
    PeerInfo toSubscriber = info(relay, STUCK);
    assertEquals(0, toSubscriber.dropped());
    assertEquals(0, info(publisher, relay.id()).dropped());
    assertTrue(toSubscriber.maxQueuedRecently() <= 3, "paused at half, the buffer never held more: " + toSubscriber);
  }

  @Test
  void aPeerThatKeepsItsBufferFullIsDroppedAndItsUpstreamGoesOn(Vertx vertx) {
    Chain c = Chain.of(vertx, relayOptions().setHeartbeatInterval(Duration.ofMillis(100))
        .setHeartbeatTimeout(Duration.ofMillis(1500)), plaintext().setPeerBufferSize(PEER_BUFFER), "/bp");
    Endpoint relay = c.relay();
    Endpoint publisher = c.publisher();
    RawClient stuck = c.subscriber();
    Inbox<StatusEvent> relayStatus = Inbox.of(relay.statuses());
    // the stuck peer reads nothing but stays alive: it pings the relay ten times a second
    stuck.socket().pause();
    Buffer ping = Envelope.encodeV1(Envelope.PING, STUCK, relay.id(), Envelope.CONTROL_TOPIC.getBytes(
        StandardCharsets.UTF_8), new byte[8], 0, 8).toBuffer();
    long pinger = vertx.setPeriodic(100, t -> stuck.send(ping));

    final int n = 60_000;
    AtomicLong sent = pump(c.ctx(), publisher, "/bp/x", n, PAD, new AtomicBoolean());
    StatusEvent lost = relayStatus.await("the relay drops the peer that stalls it",
        e -> STUCK.equals(e.endpoint()) && e.code() == StatusCode.PEER_LOST);
    vertx.cancelTimer(pinger);
    stuck.socket().resume(); // it reads the rest and the close
    assertTrue(lost.message().contains("does not keep up (backpressure)"), lost.toString());
    eventually(vertx, "the publisher goes on", () -> sent.get() == n);
    assertTrue(relayStatus.items().stream().noneMatch(e -> publisher.id().equals(e.endpoint())
        && e.code() == StatusCode.PEER_LOST), "the paused publisher was not timed out: " + relayStatus.items());
  }

  @Test
  void backpressureIsForPeerBuffersOnly() {
    assertEquals(OverflowPolicy.BACKPRESSURE, new EndpointOptions(new JsonObject().put("peerOverflowPolicy",
        "backpressure")).getPeerOverflowPolicy());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new EndpointOptions(new JsonObject().put("subscriberOverflowPolicy", "backpressure")));
    assertTrue(e.getMessage().contains("backpressure applies to peer buffers only"), e.getMessage());
  }
}
