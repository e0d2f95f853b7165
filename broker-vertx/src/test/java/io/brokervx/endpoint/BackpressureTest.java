package io.brokervx.endpoint;

import java.time.Duration;
import io.brokervx.error.ErrorCode;
import static io.brokervx.test.PlainEndpoints.plaintext;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.VectorData;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.test.Inbox;
import io.brokervx.test.RawClient;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One slow reader must not stall the others. At the peer level, a Broker peer (a raw socket) stops reading
 * while a publisher sends 20 MB: its bounded output buffer applies the overflow policy, and a normal
 * subscriber of the same publisher receives everything. At the subscriber level, a paused subscription
 * drops by its policy while another subscription of the same endpoint receives everything.
 */
@ExtendWith(VertxExtension.class)
class BackpressureTest {
  private static final UUID PUBLISHER = UUID.fromString("ffffffff-0000-4000-8000-000000000001");
  private static final UUID STUCK = UUID.fromString("00000000-0000-4000-8000-000000000002");
  private static final int MESSAGES = 20_000;
  /** Published between two waits for the subscriber: well under half the peer buffer. */
  private static final int CHUNK = 16;
  private static final int PEER_BUFFER = 64;
  private static final String PAD = "x".repeat(1000);

  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  private static Data message(long i) {
    return Data.vector(Data.count(i), Data.string(PAD));
  }

  private static long seq(Data d) {
    return ((CountData) ((VectorData) d).get(0)).bits();
  }

  /** Publishes {@link #MESSAGES} on {@code /bp/x}, in chunks that the well-behaved subscriber keeps up with. */
  private static void publishAll(Endpoint p, Inbox<DataMessage> subscriber) {
    for (int i = 0; i < MESSAGES; i += CHUNK) {
      for (int k = i; k < i + CHUNK; k++) {
        p.publish("/bp/x", message(k));
      }
      await(subscriber.atLeast(i + CHUNK), "the subscriber received " + (i + CHUNK) + " messages");
    }
  }

  /** The subscriber got every message, once, in order. */
  private static void assertEverything(Inbox<DataMessage> subscriber) {
    List<DataMessage> got = subscriber.items();
    assertEquals(MESSAGES, got.size());
    for (int i = 0; i < got.size(); i++) {
      assertEquals(i, seq(got.get(i).data()), "the subscriber got every message in order");
    }
  }

  private static PeerInfo info(Endpoint e, UUID peer) {
    return await(e.peers()).stream().filter(p -> p.id().equals(peer)).findFirst().orElseThrow();
  }

  /** @return the sequence numbers of the data messages {@code c} has received */
  private static List<Long> dataReceived(RawClient c) {
    List<Long> out = new ArrayList<>();
    DecodeLimits limits = new DecodeLimits();
    for (Envelope e : c.envelopes().items()) {
      if (e.type() == Envelope.DATA) {
        out.add(seq(BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), limits)));
      }
    }
    return out;
  }

  /** A publisher, a subscriber endpoint and a Broker peer that subscribes, then stops reading. */
  private final class Setup {
    final Endpoint publisher;
    final Inbox<StatusEvent> statuses;
    final Endpoint subscriber;
    final Inbox<DataMessage> received;
    final RawClient stuck;

    Setup(OverflowPolicy policy) {
      publisher = Endpoint.create(vertx, plaintext().setId(PUBLISHER.toString())
          .setPeerBufferSize(PEER_BUFFER).setPeerOverflowPolicy(policy).setHeartbeatTimeout(Duration.ofMillis(30_000)));
      statuses = Inbox.of(publisher.statuses());
      int port = await(publisher.listen("127.0.0.1", 0));
      subscriber = Endpoint.create(vertx, plaintext());
      received = Inbox.of(subscriber.subscribe("/bp"));
      await(subscriber.peer("127.0.0.1", port));
      stuck = new RawClient(vertx, port, STUCK).handshakeAsOriginator(List.of("/bp"));
      eventually(vertx, "the publisher sees both subscribers", () -> publisher.subscribersOf("/bp/x")
          .map(Set.of(subscriber.id(), STUCK)::equals));
      stuck.socket().pause();
    }
  }

  @ParameterizedTest
  @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
  void aStuckPeerLosesMessagesByItsPolicyAndTheOthersGetEverything(OverflowPolicy policy) {
    Setup s = new Setup(policy);
    publishAll(s.publisher, s.received);

    assertEverything(s.received);
    assertEquals(0, info(s.publisher, s.subscriber.id()).dropped());
    PeerInfo stuckInfo = info(s.publisher, STUCK);
    long dropped = stuckInfo.dropped();
    assertTrue(dropped > 0, "the stuck peer's buffer overflowed: " + stuckInfo);
    assertEquals(MESSAGES - dropped, stuckInfo.dataSent(), stuckInfo.toString());

    // the stuck peer reads again: it gets what was kept, in order, without duplicates
    s.stuck.socket().resume();
    s.stuck.envelopes().await("the stuck peer reads what was kept", (int) (MESSAGES - dropped),
        e -> e.type() == Envelope.DATA);
    List<Long> got = dataReceived(s.stuck);
    assertEquals(MESSAGES - dropped, got.size());
    for (int i = 1; i < got.size(); i++) {
      assertTrue(got.get(i - 1) < got.get(i), "in order: " + got.get(i - 1) + " then " + got.get(i));
    }
    assertEquals(0L, got.get(0), "the first message went out before the buffers filled");
    if (policy == OverflowPolicy.DROP_OLDEST) {
      // the buffer kept the newest messages
      assertEquals(List.of(MESSAGES - 2L, MESSAGES - 1L), got.subList(got.size() - 2, got.size()));
    } else {
      assertTrue(got.get(got.size() - 1) < MESSAGES - PEER_BUFFER, "the newest messages were dropped");
    }
    List<StatusEvent> news = s.statuses.items();
    assertTrue(news.stream().noneMatch(e -> e.code() == StatusCode.PEER_LOST), news.toString());
    await(s.publisher.close());
    await(s.subscriber.close());
  }

  @Test
  void aStuckPeerIsDisconnectedUnderTheDisconnectPolicyAndTheOthersGetEverything() {
    Setup s = new Setup(OverflowPolicy.DISCONNECT);
    publishAll(s.publisher, s.received);

    assertEverything(s.received);
    StatusEvent lost = s.statuses.items().stream()
        .filter(e -> STUCK.equals(e.endpoint()) && e.code() == StatusCode.PEER_LOST).findFirst()
        .orElseThrow(() -> new AssertionError("no peer_lost for the stuck peer: " + s.statuses.items()));
    assertTrue(lost.message().contains("overflow"), lost.toString());
    List<PeerInfo> peers = await(s.publisher.peers());
    assertEquals(List.of(s.subscriber.id()), peers.stream().map(PeerInfo::id).toList());
    assertEquals(0, peers.get(0).dropped());
    // what the stuck peer reads ends with the publisher's close
    s.stuck.socket().resume();
    await(s.stuck.closed());
    await(s.publisher.close());
    await(s.subscriber.close());
  }

  @Test
  void aPeerThatStopsReadingIsDroppedByTheHeartbeat() {
    Endpoint publisher = Endpoint.create(vertx, plaintext().setId(PUBLISHER.toString())
        .setPeerBufferSize(PEER_BUFFER).setHeartbeatInterval(Duration.ofMillis(100)).setHeartbeatTimeout(Duration.ofMillis(600)));
    Inbox<StatusEvent> statuses = Inbox.of(publisher.statuses());
    int port = await(publisher.listen("127.0.0.1", 0));
    RawClient stuck = new RawClient(vertx, port, STUCK).handshakeAsOriginator(List.of("/bp"));
    stuck.socket().pause();
    statuses.await("the silent peer is lost", e -> STUCK.equals(e.endpoint()) && e.code() == StatusCode.PEER_LOST);
    StatusEvent lost = statuses.items().stream().filter(e -> e.code() == StatusCode.PEER_LOST).findFirst()
        .orElseThrow();
    assertEquals(ErrorCode.PEER_TIMEOUT, lost.error(), lost.toString());
    assertEquals(List.of(), await(publisher.peers()));
    await(publisher.close());
  }

  @Test
  void closeDoesNotWaitForAPeerThatStoppedReading() {
    Setup s = new Setup(OverflowPolicy.DROP_OLDEST);
    publishAll(s.publisher, s.received);
    assertTrue(info(s.publisher, STUCK).dropped() > 0);
    long t = System.nanoTime();
    await(s.publisher.close());
    long ms = (System.nanoTime() - t) / 1_000_000;
    assertTrue(ms < 5000, "close took " + ms + " ms");
    // the connection is really gone: reading again, the stuck peer finds its end
    s.stuck.socket().resume();
    await(s.stuck.closed());
    await(s.subscriber.close());
  }

  @ParameterizedTest
  @EnumSource(value = OverflowPolicy.class, names = {"DISCONNECT", "DROP_OLDEST", "DROP_NEWEST"}) // backpressure: peers only
  void aPausedSubscriptionDropsByItsPolicyAndAnotherGetsEverything(OverflowPolicy policy) {
    int queue = 100;
    int n = 1000;
    Endpoint publisher = Endpoint.create(vertx, plaintext());
    int port = await(publisher.listen("127.0.0.1", 0));
    Endpoint subscriber = Endpoint.create(vertx, plaintext().setSubscriberQueueSize(queue)
        .setSubscriberOverflowPolicy(policy));
    Inbox<DataMessage> slowGot = new Inbox<>();
    Inbox<Throwable> slowErrors = new Inbox<>();
    Inbox<Void> slowEnded = new Inbox<>();
    Subscription slow = subscriber.subscribe("/sub");
    slow.handler(slowGot).exceptionHandler(slowErrors).endHandler(slowEnded);
    slow.pause();
    Subscription fast = subscriber.subscribe("/sub");
    Inbox<DataMessage> fastGot = Inbox.of(fast);
    await(subscriber.peer("127.0.0.1", port));
    eventually(vertx, "the publisher sees the subscriber",
        () -> publisher.subscribersOf("/sub/x").map(Set.of(subscriber.id())::equals));

    for (int i = 0; i < n; i++) {
      publisher.publish("/sub/x", Data.count(i));
    }
    // both subscriptions are offered each message in the same turn: once one has all, the other was offered all
    List<DataMessage> all = fastGot.awaitSize(n);
    assertEquals(n, all.size(), "the running subscription gets everything");
    for (int i = 0; i < n; i++) {
      assertEquals(Data.count(i), all.get(i).data());
    }
    assertEquals(List.of(), slowGot.items(), "a paused subscription delivers nothing");

    if (policy == OverflowPolicy.DISCONNECT) {
      slowEnded.awaitSize(1);
      assertEquals(1, slowErrors.size(), slowErrors.items().toString());
      assertTrue(slowErrors.items().get(0).getMessage().contains("overflow"), slowErrors.items().toString());
      assertEquals(1, slow.dropped());
      slow.resume();
    } else {
      assertEquals(n - queue, slow.dropped());
      slow.resume();
      List<DataMessage> kept = slowGot.awaitSize(queue);
      assertEquals(queue, kept.size(), "resuming delivers what was kept");
      int first = policy == OverflowPolicy.DROP_OLDEST ? n - queue : 0;
      for (int i = 0; i < queue; i++) {
        assertEquals(Data.count(first + i), kept.get(i).data());
      }
      assertEquals(0, fast.dropped());
    }
    // the other subscription is unaffected either way: the topic is still subscribed, and messages flow
    publisher.publish("/sub/x", Data.count(n));
    assertEquals(n + 1, fastGot.awaitSize(n + 1).size(), "the running subscription gets more");
    if (policy != OverflowPolicy.DISCONNECT) {
      assertEquals(queue + 1, slowGot.awaitSize(queue + 1).size(), "the resumed subscription gets more");
    } else {
      assertEquals(List.of(), slowGot.items());
    }
    await(publisher.close());
    await(subscriber.close());
  }
}
