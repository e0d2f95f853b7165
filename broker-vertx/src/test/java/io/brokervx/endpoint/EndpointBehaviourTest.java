package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;
import static io.brokervx.endpoint.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forwarding, own messages, unsubscription, re-routing, reconnection, simultaneous peering, options. */
class EndpointBehaviourTest {
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private void pause(long ms) {
    Promise<Void> p = Promise.promise();
    vertx.setTimer(ms, t -> p.complete());
    await(p.future());
  }

  @Test
  void withForwardingOffOnlyDirectPeersAreReached() {
    try (TestNetwork net = new TestNetwork(vertx, 3, i -> new EndpointOptions().setForwarding(i != 1))) {
      net.peer(0, 1);
      net.peer(1, 2);
      for (int i = 0; i < 3; i++) {
        net.subscribe(i, "/f");
      }
      net.awaitSubscribers("/f", List.of(1), List.of(0, 2));
      eventually(vertx, "0 sees 1", () -> net.nodes.get(0).subscribersOf("/f").map(s -> s.contains(net.nodes.get(1).id())));
      net.nodes.get(0).publish("/f", Data.string("from 0"));
      net.awaitReceived(1, 1);
      net.nodes.get(1).publish("/f", Data.string("marker from 1"));
      net.awaitReceived(2, 1);
      pause(200);
      assertEquals(List.of(new DataMessage("/f", Data.string("marker from 1"))), net.received.get(2),
          "the relay with forwarding off passed nothing on");
    }
  }

  @Test
  void ownPublicationsAreDeliveredLocallyOnlyWhenAsked() {
    Endpoint quiet = Endpoint.create(vertx);
    Endpoint loud = Endpoint.create(vertx, new EndpointOptions().setDeliverOwnMessages(true));
    List<DataMessage> q = new CopyOnWriteArrayList<>();
    List<DataMessage> l = new CopyOnWriteArrayList<>();
    quiet.subscribe("/own").handler(q::add);
    loud.subscribe("/own").handler(l::add);
    pause(50);
    quiet.publish("/own", Data.count(1));
    loud.publish("/own", Data.count(2));
    eventually(vertx, "loud hears itself", () -> Future.succeededFuture(l.size() == 1));
    assertEquals(0, q.size());
    await(quiet.close());
    await(loud.close());
  }

  @Test
  void unsubscribingStopsTrafficCrossingTheLink() {
    try (TestNetwork net = new TestNetwork(vertx, 2, i -> new EndpointOptions())) {
      net.peer(0, 1);
      Subscription s = net.subscribe(1, "/u");
      net.subscribe(1, "/marker");
      net.awaitSubscribers("/u", List.of(0), List.of(1));
      net.nodes.get(0).publish("/u", Data.count(1));
      net.awaitReceived(1, 1);
      await(s.close());
      eventually(vertx, "the subscription is withdrawn", () -> net.nodes.get(0).subscribersOf("/u").map(x -> x.isEmpty()));
      long before = await(net.nodes.get(0).peers()).get(0).dataSent();
      for (int i = 0; i < 10; i++) {
        net.nodes.get(0).publish("/u", Data.count(i));
      }
      net.nodes.get(0).publish("/marker", Data.none());
      net.awaitReceived(1, 2);
      assertEquals(before + 1, await(net.nodes.get(0).peers()).get(0).dataSent(), "only the marker crossed");
    }
  }

  @Test
  void aBrokenRingLinkReroutes() {
    try (TestNetwork net = new TestNetwork(vertx, 4, i -> new EndpointOptions())) {
      net.peer(0, 1);
      net.peer(1, 2);
      net.peer(2, 3);
      net.peer(3, 0);
      List<Integer> all = List.of(0, 1, 2, 3);
      for (int i : all) {
        net.subscribe(i, "/r");
      }
      net.awaitSubscribers("/r", all, all);
      await(net.nodes.get(0).unpeer("127.0.0.1", net.ports.get(1)));
      eventually(vertx, "0 has one peer left", () -> net.nodes.get(0).peers().map(p -> p.size() == 1));
      net.awaitSubscribers("/r", all, all);
      for (int k = 0; k < 20; k++) {
        net.nodes.get(0).publish("/r", Data.count(k));
      }
      for (int i = 1; i < 4; i++) {
        net.awaitReceived(i, 20);
      }
      net.nodes.get(1).publish("/r", Data.string("marker"));
      net.awaitReceived(0, 1);
      net.awaitReceived(2, 21);
      pause(100);
      for (int i = 1; i < 4; i++) {
        assertEquals(i == 1 ? 20 : 21, net.received.get(i).size(), "node " + i + " got each message once");
      }
    }
  }

  @Test
  void theInitiatorReconnectsAfterThePeerRestarts() {
    Endpoint a = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(100));
    List<StatusEvent> statuses = new CopyOnWriteArrayList<>();
    a.statuses().handler(statuses::add);
    Endpoint b = Endpoint.create(vertx);
    int port = await(b.listen("127.0.0.1", 0));
    await(a.peer("127.0.0.1", port));
    await(b.close());
    eventually(vertx, "peer lost or removed", () -> Future.succeededFuture(statuses.stream().anyMatch(
        e -> e.endpoint() != null && e.endpoint().equals(b.id())
            && (e.code() == StatusCode.PEER_LOST || e.code() == StatusCode.PEER_REMOVED))));
    Endpoint b2 = Endpoint.create(vertx);
    List<DataMessage> got = new CopyOnWriteArrayList<>();
    b2.subscribe("/again").handler(got::add);
    await(b2.listen("127.0.0.1", port));
    eventually(vertx, "peer added again", () -> Future.succeededFuture(statuses.stream().anyMatch(
        e -> e.code() == StatusCode.PEER_ADDED && b2.id().equals(e.endpoint()))));
    eventually(vertx, "b2 subscribed", () -> a.subscribersOf("/again").map(s -> s.contains(b2.id())));
    a.publish("/again", Data.count(1));
    eventually(vertx, "message flows again", () -> Future.succeededFuture(got.size() == 1));
    await(a.close());
    await(b2.close());
  }

  @Test
  void simultaneousPeeringEndsWithOneConnectionAndNoDuplicates() {
    Endpoint a = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(100).setHeartbeatInterval(100));
    Endpoint b = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(100).setHeartbeatInterval(100));
    int pa = await(a.listen("127.0.0.1", 0));
    int pb = await(b.listen("127.0.0.1", 0));
    List<DataMessage> got = new CopyOnWriteArrayList<>();
    b.subscribe("/sim").handler(got::add);
    Future<Void> ab = a.peer("127.0.0.1", pb);
    Future<Void> ba = b.peer("127.0.0.1", pa);
    await(Future.all(ab, ba));
    eventually(vertx, "one connection each", () -> Future.all(a.peers(), b.peers())
        .map(c -> c.<List<PeerInfo>>resultAt(0).size() == 1 && c.<List<PeerInfo>>resultAt(1).size() == 1));
    pause(600);
    assertEquals(1, await(a.peers()).size(), "stable");
    assertEquals(1, await(b.peers()).size(), "stable");
    eventually(vertx, "subscribed", () -> a.subscribersOf("/sim").map(s -> s.contains(b.id())));
    for (int i = 0; i < 100; i++) {
      a.publish("/sim", Data.count(i));
    }
    eventually(vertx, "all delivered", () -> Future.succeededFuture(got.size() >= 100));
    pause(100);
    assertEquals(100, got.size(), "no duplicate delivery");
    await(a.close());
    await(b.close());
  }

  @Test
  void optionsRoundTripThroughJsonAndRejectBadValues() {
    EndpointOptions o = new EndpointOptions().setId("aaaaaaaa-0000-4000-8000-000000000001").setForwarding(false)
        .setPeerBufferSize(10).setPeerOverflowPolicy(OverflowPolicy.DROP_NEWEST).setTtl(7).setHeartbeatTimeout(1234);
    assertEquals(o.toJson(), new EndpointOptions(o.toJson()).toJson());
    assertEquals("drop_newest", o.toJson().getString("peerOverflowPolicy"));
    assertThrows(IllegalArgumentException.class, () -> new EndpointOptions(new JsonObject().put("bogus", 1)));
    assertThrows(IllegalArgumentException.class, () -> new EndpointOptions(new JsonObject().put("ttl", "many")));
    assertThrows(IllegalArgumentException.class, () -> new EndpointOptions(new JsonObject().put("ttl", 0)));
    assertThrows(IllegalArgumentException.class,
        () -> new EndpointOptions(new JsonObject().put("peerOverflowPolicy", "explode")));
    assertThrows(IllegalArgumentException.class, () -> new EndpointOptions(new JsonObject().put("id", "not-a-uuid")));
    assertTrue(new EndpointOptions().isForwarding());
  }
}
