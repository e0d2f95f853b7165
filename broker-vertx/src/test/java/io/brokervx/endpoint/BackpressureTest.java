package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;
import static io.brokervx.endpoint.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A peer or a subscriber that stops reading never stalls the others; each overflow policy does what it says. */
class BackpressureTest {
  private static final UUID PUBLISHER = UUID.fromString("ffffffff-0000-4000-8000-0000000000aa");
  private static final Data KILOBYTE = Data.string("x".repeat(1024));
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  /** Publishes {@code n} messages in rounds, each round once {@code reader} has everything so far. */
  private void publishPaced(Endpoint p, String topic, int n, List<?> reader, int already) {
    for (int sent = 0; sent < n; ) {
      int round = Math.min(100, n - sent);
      for (int i = 0; i < round; i++) {
        p.publish(topic, Data.vector(Data.count(sent + i), KILOBYTE));
      }
      sent += round;
      int expected = already + sent;
      eventually(vertx, "the reading subscriber keeps up (" + expected + ")",
          () -> Future.succeededFuture(reader.size() >= expected));
    }
  }

  @ParameterizedTest
  @EnumSource(OverflowPolicy.class)
  void aPeerThatStopsReadingDoesNotStallTheOthers(OverflowPolicy policy) {
    Endpoint p = Endpoint.create(vertx, new EndpointOptions().setId(PUBLISHER.toString()).setPeerBufferSize(64)
        .setPeerOverflowPolicy(policy).setHeartbeatTimeout(60_000));
    List<StatusEvent> statuses = new CopyOnWriteArrayList<>();
    p.statuses().handler(statuses::add);
    int port = await(p.listen("127.0.0.1", 0));
    Endpoint s = Endpoint.create(vertx);
    List<DataMessage> atS = new CopyOnWriteArrayList<>();
    s.subscribe("/bp").handler(atS::add);
    await(s.peer("127.0.0.1", port));
    UUID stuckId = UUID.fromString("00000000-0000-4000-8000-0000000000bb");
    RawPeer stuck = new RawPeer(vertx, port).handshakeAsBrokerOriginator(vertx, stuckId, List.of("/bp"));
    eventually(vertx, "both subscribers known", () -> p.subscribersOf("/bp/x").map(ids -> ids.size() == 2));
    stuck.socket.pause();
    publishPaced(p, "/bp/x", 20_000, atS, 0);
    assertEquals(20_000, atS.size(), "the reading peer got everything");
    if (policy == OverflowPolicy.DISCONNECT) {
      eventually(vertx, "the stuck peer is dropped", () -> Future.succeededFuture(statuses.stream().anyMatch(
          e -> e.code() == StatusCode.PEER_LOST && stuckId.equals(e.endpoint()) && e.message().contains("overflow"))));
    } else {
      PeerInfo info = await(p.peers()).stream().filter(i -> i.id().equals(stuckId)).findFirst().orElseThrow();
      assertTrue(info.dropped() > 0, "the overflow policy counted drops: " + info);
      assertTrue(info.dataSent() < 20_000 + 64, "the stuck peer's frames were bounded: " + info);
    }
    stuck.close();
    await(s.close());
    await(p.close());
  }

  @ParameterizedTest
  @EnumSource(value = OverflowPolicy.class, names = {"DROP_OLDEST", "DROP_NEWEST"})
  void aPausedSubscriptionDropsByItsPolicyWhileAnotherReceivesEverything(OverflowPolicy policy) {
    Endpoint p = Endpoint.create(vertx);
    Endpoint s = Endpoint.create(vertx, new EndpointOptions().setSubscriberQueueSize(10)
        .setSubscriberOverflowPolicy(policy));
    int port = await(s.listen("127.0.0.1", 0));
    List<DataMessage> slow = new CopyOnWriteArrayList<>();
    List<DataMessage> fast = new CopyOnWriteArrayList<>();
    Subscription paused = s.subscribe("/sub");
    paused.handler(slow::add);
    paused.pause();
    s.subscribe("/sub").handler(fast::add);
    await(p.peer("127.0.0.1", port));
    eventually(vertx, "subscribed", () -> p.subscribersOf("/sub").map(ids -> ids.contains(s.id())));
    publishPaced(p, "/sub", 100, fast, 0);
    assertEquals(100, fast.size());
    assertEquals(0, slow.size());
    assertEquals(90, paused.dropped());
    paused.resume();
    eventually(vertx, "the kept ten arrive", () -> Future.succeededFuture(slow.size() == 10));
    long first = ((io.brokervx.data.CountData) ((io.brokervx.data.VectorData) slow.get(0).data()).get(0)).bits();
    assertEquals(policy == OverflowPolicy.DROP_NEWEST ? 0 : 90, first, "which ten were kept");
    await(s.close());
    await(p.close());
  }
}
