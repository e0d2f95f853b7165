package io.brokervx.endpoint;

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
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An endpoint walks its own collections (peers, status streams, peering intents) while it calls out: to a
 * connection that may close itself, to status handlers and to peering callbacks, which may call the endpoint
 * again. None of that may throw a {@link java.util.ConcurrentModificationException} at the endpoint (an
 * "Unhandled exception" that aborts the walk half way), and the endpoint's state stays on its context. Each
 * test here failed before the walks went over snapshots; each watches the Vert.x exception handler too.
 */
@ExtendWith(VertxExtension.class)
class ReentrancyTest {
  private static final UUID PUBLISHER = UUID.fromString("ffffffff-0000-4000-8000-000000000001");
  /** Ids chosen so that the stuck peer comes first both in insertion order and in a HashMap's order. */
  private static final UUID STUCK = UUID.fromString("00000000-0000-4000-8000-000000000000");
  private static final UUID SENDER = UUID.fromString("00000000-0000-4000-8000-000000000007");
  private static final UUID HEALTHY = UUID.fromString("00000000-0000-4000-8000-00000000000f");
  private static final String TOPIC = "/cme/x";
  private static final String PAD = "x".repeat(32 * 1024);
  private static final int CHUNK = 4;

  private Vertx vertx;
  private final Inbox<Throwable> unhandled = new Inbox<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    vertx.exceptionHandler(unhandled);
  }

  private void assertNothingUnhandled() {
    assertEquals(List.of(), unhandled.items(), "exceptions escaped to the Vert.x context");
  }

  /** Where the messages that the publisher passes to its Broker peers come from. */
  enum Source {
    /** published by the endpoint itself */
    LOCAL,
    /** published by a routed (broker-vertx) peer, relayed */
    ROUTED_PEER,
    /** sent by another Broker peer, relayed */
    BROKER_PEER
  }

  /**
   * A Broker peer that stops reading is dropped for overflow (policy disconnect) while the endpoint passes a
   * message to all its Broker peers: the peers after it in the walk still get that message, and every other.
   */
  @ParameterizedTest
  @EnumSource(Source.class)
  void aBrokerPeerDroppedForOverflowCostsTheOtherBrokerPeersNothing(Source source) {
    Map<UUID, Integer> order = new HashMap<>();
    order.put(STUCK, 0);
    order.put(HEALTHY, 1);
    assertEquals(List.of(STUCK, HEALTHY), List.copyOf(order.keySet()), "precondition: the stuck peer is walked first");

    Endpoint publisher = Endpoint.create(vertx, plaintext().setId(PUBLISHER.toString())
        .setPeerBufferSize(8).setPeerOverflowPolicy(OverflowPolicy.DISCONNECT).setHeartbeatTimeout(60_000));
    Inbox<StatusEvent> statuses = Inbox.of(publisher.statuses());
    int port = await(publisher.listen("127.0.0.1", 0));
    RawClient stuck = new RawClient(vertx, port, STUCK).handshakeAsOriginator(List.of("/cme"));
    RawClient healthy = new RawClient(vertx, port, HEALTHY).handshakeAsOriginator(List.of("/cme"));
    RawClient sender = source == Source.BROKER_PEER
        ? new RawClient(vertx, port, SENDER).handshakeAsOriginator(List.of("/elsewhere")) : null;
    Endpoint routed = source == Source.ROUTED_PEER ? Endpoint.create(vertx, plaintext()) : null;
    if (routed != null) {
      await(routed.peer("127.0.0.1", port));
      eventually(vertx, "the routed peer sees the publisher's Broker peers (nodes of its graph)",
          () -> routed.subscribersOf(TOPIC).map(s -> s.containsAll(List.of(STUCK, HEALTHY))));
    }
    eventually(vertx, "the publisher sees both Broker peers' filters",
        () -> publisher.subscribersOf(TOPIC).map(s -> s.containsAll(List.of(STUCK, HEALTHY))));
    stuck.socket().pause();

    int sent = 0;
    int afterLoss = -1;
    while (afterLoss < 3) {
      assertTrue(sent < 4000, "the stuck peer never overflowed");
      for (int k = 0; k < CHUNK; k++, sent++) {
        Data d = Data.vector(Data.count(sent), Data.string(PAD));
        switch (source) {
          case LOCAL -> publisher.publish(TOPIC, d);
          case ROUTED_PEER -> routed.publish(TOPIC, d);
          case BROKER_PEER -> sender.send(brokerData(d));
        }
      }
      int expected = sent;
      // paced by the healthy peer, so that only the stuck one fills its buffer
      healthy.envelopes().await("the healthy Broker peer got message " + (expected - 1), expected,
          e -> e.type() == Envelope.DATA);
      if (afterLoss >= 0 || statuses.items().stream().anyMatch(e -> STUCK.equals(e.endpoint())
          && e.code() == StatusCode.PEER_LOST)) {
        afterLoss++;
      }
    }
    List<Long> got = healthy.envelopes().items().stream().filter(e -> e.type() == Envelope.DATA)
        .map(ReentrancyTest::seq).toList();
    assertEquals(sent, got.size());
    for (int i = 0; i < sent; i++) {
      assertEquals(i, got.get(i), "the healthy peer got every message once, in order");
    }
    StatusEvent lost = statuses.await("peer_lost", e -> STUCK.equals(e.endpoint()) && e.code() == StatusCode.PEER_LOST);
    assertTrue(lost.message().contains("overflow"), lost.toString());
    if (routed != null) {
      await(routed.close());
    }
    await(publisher.close());
    stuck.socket().resume();
    await(stuck.closed());
    assertNothingUnhandled();
  }

  private static io.vertx.core.buffer.Buffer brokerData(Data d) {
    byte[] payload = BinaryFormat.encode(d).getBytes();
    return Envelope.encodeV1(Envelope.DATA, SENDER, null, TOPIC.getBytes(StandardCharsets.UTF_8), payload, 0,
        payload.length).toBuffer();
  }

  private static long seq(Envelope e) {
    Data d = BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), new DecodeLimits());
    return ((CountData) ((VectorData) d).get(0)).bits();
  }

  /**
   * Closing ends the status streams and subscriptions on the endpoint's context, like everything else the
   * endpoint does. (The last step of close used to run where the server's close completed, the acceptor
   * thread, and cleared the status streams there while the context was still emitting: the
   * ConcurrentModificationException in {@code emit} during cluster node undeployment.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"listening", "peered", "listening and peered"})
  void closingEndsTheStreamsOnTheEndpointsContext(String setup) {
    Context context = vertx.getOrCreateContext();
    Endpoint e = await(onContext(context, () -> Endpoint.create(vertx, plaintext())));
    Endpoint peer = Endpoint.create(vertx, plaintext());
    if (setup.contains("peered")) {
      await(e.peer("127.0.0.1", await(peer.listen("127.0.0.1", 0))));
    }
    if (setup.contains("listening")) {
      await(e.listen("127.0.0.1", 0));
    }
    Inbox<String> endedOn = new Inbox<>();
    e.statuses().endHandler(v -> endedOn.handle("statuses on " + where(context)));
    e.subscribe("/x").endHandler(v -> endedOn.handle("subscription on " + where(context)));
    await(e.close());
    assertEquals(List.of("statuses on the endpoint's context", "subscription on the endpoint's context"),
        endedOn.awaitSize(2).stream().sorted().toList());
    await(peer.close());
    assertNothingUnhandled();
  }

  /** @return the value {@code create} makes on {@code context} */
  private static <T> Future<T> onContext(Context context, Supplier<T> create) {
    Promise<T> made = Promise.promise();
    context.runOnContext(v -> made.complete(create.get()));
    return made.future();
  }

  private static String where(Context expected) {
    return Vertx.currentContext() == expected ? "the endpoint's context" : Thread.currentThread().getName();
  }

  /** A status handler may open another status stream; the peering it is told about still works. */
  @Test
  void aStatusHandlerMayOpenAnotherStatusStream() {
    Endpoint a = Endpoint.create(vertx, plaintext());
    Endpoint b = Endpoint.create(vertx, plaintext());
    int port = await(b.listen("127.0.0.1", 0));
    Inbox<DataMessage> atB = Inbox.of(b.subscribe("/s"));
    Inbox<StatusEvent> second = new Inbox<>();
    boolean[] opened = new boolean[1];
    a.statuses().handler(ev -> {
      if (!opened[0]) {
        opened[0] = true; // on the endpoint's context: the stream is added while the first one is served
        a.statuses().handler(second);
      }
    });
    await(a.peer("127.0.0.1", port));
    eventually(vertx, "a sees b's subscription", () -> a.subscribersOf("/s").map(s -> s.contains(b.id())));
    a.publish("/s", Data.count(1));
    assertEquals(List.of(new DataMessage("/s", Data.count(1))), atB.awaitSize(1));
    await(b.close());
    second.await("the second stream hears about the end of the peering",
        e -> e.code() == StatusCode.PEER_REMOVED && b.id().equals(e.endpoint()));
    await(a.close());
    assertNothingUnhandled();
  }

  /**
   * A peering's completion callback may start another peering: the endpoint that completes it walks its
   * peering intents, and the callback adds one. Every peering works afterwards.
   */
  @Test
  void aPeeringCallbackMayStartAnotherPeering() {
    Context context = vertx.getOrCreateContext();
    Endpoint a = await(onContext(context, () -> Endpoint.create(vertx, plaintext())));
    Endpoint f = Endpoint.create(vertx, plaintext());
    Endpoint g = Endpoint.create(vertx, plaintext());
    Endpoint h = Endpoint.create(vertx, plaintext());
    int pf = await(f.listen("127.0.0.1", 0));
    int pg = await(g.listen("127.0.0.1", 0));
    int ph = await(h.listen("127.0.0.1", 0));
    List<Inbox<DataMessage>> got = List.of(Inbox.of(f.subscribe("/p")), Inbox.of(g.subscribe("/p")),
        Inbox.of(h.subscribe("/p")));
    // the callback goes on the intent the endpoint walks first, so that another one follows it in the walk;
    // it is registered on the endpoint's context, so before the peering can complete
    boolean fFirst = firstInHashOrder("127.0.0.1:" + pf, "127.0.0.1:" + pg);
    Promise<Void> third = Promise.promise();
    List<Future<Void>> first = await(onContext(context, () -> {
      Future<Void> toF = a.peer("127.0.0.1", pf);
      Future<Void> toG = a.peer("127.0.0.1", pg);
      (fFirst ? toF : toG).onSuccess(v -> a.peer("127.0.0.1", ph).onComplete(third));
      return List.of(toF, toG);
    }));
    first.forEach(peering -> await(peering));
    await(third.future());
    for (Endpoint p : List.of(f, g, h)) {
      eventually(vertx, "a sees " + p.id() + " subscribe", () -> a.subscribersOf("/p").map(s -> s.contains(p.id())));
    }
    a.publish("/p", Data.string("to all three"));
    for (Inbox<DataMessage> in : got) {
      assertEquals(List.of(new DataMessage("/p", Data.string("to all three"))), in.awaitSize(1));
    }
    for (Endpoint e : List.of(a, f, g, h)) {
      await(e.close());
    }
    assertNothingUnhandled();
  }

  /** @return whether {@code a} comes before {@code b} in a HashMap that got them in this order */
  private static boolean firstInHashOrder(String a, String b) {
    Map<String, Boolean> m = new HashMap<>();
    m.put(a, true);
    m.put(b, false);
    return m.values().iterator().next();
  }
}
