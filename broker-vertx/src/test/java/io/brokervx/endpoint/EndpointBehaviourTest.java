package io.brokervx.endpoint;

import java.time.Duration;
import io.brokervx.error.ErrorCode;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.test.Inbox;
import io.brokervx.test.TestNetwork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Forwarding switched off, own messages, unsubscription, re-routing around an unpeered ring link, reconnection
 * to a restarted peer, simultaneous peering, closing a subscription from its own handler, and options.
 */
@ExtendWith(VertxExtension.class)
class EndpointBehaviourTest {
  private Vertx vertx;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  private static DataMessage msg(String topic, Data d) {
    return new DataMessage(topic, d);
  }

  private static long count(Inbox<StatusEvent> statuses, StatusCode code, UUID about) {
    return statuses.items().stream().filter(e -> e.code() == code && about.equals(e.endpoint())).count();
  }

  @Test
  void withForwardingOffARelayPassesNothingOn() {
    try (TestNetwork net = new TestNetwork(vertx, 3, i -> new EndpointOptions().setForwarding(i != 1))) {
      net.peer(0, 1);
      net.peer(1, 2);
      for (int i = 0; i < 3; i++) {
        net.subscribe(i, "/f");
      }
      net.awaitSubscribers("/f", List.of(0, 1, 2), List.of(0, 1, 2));
      for (int k = 0; k < 10; k++) {
        net.node(0).publish("/f", Data.count(k));
        net.node(2).publish("/f", Data.count(100 + k));
      }
      net.awaitReceived(1, 20);
      // the relay's own messages reach both direct peers, on the links A's and C's messages would have used
      net.node(1).publish("/f", Data.string("marker"));
      net.awaitReceived(0, 1);
      net.awaitReceived(2, 1);
      assertEquals(List.of(msg("/f", Data.string("marker"))), net.received(0).items(), "C's messages did not reach A");
      assertEquals(List.of(msg("/f", Data.string("marker"))), net.received(2).items(), "A's messages did not reach C");
      Map<String, Long> perLink = net.dataFramesPerLink();
      assertEquals(Map.of("0-1", 11L, "1-2", 11L), perLink, "ten messages and the marker on each link");
    }
  }

  @Test
  void ownPublicationsAreDeliveredLocallyOnlyWhenAsked() {
    try (TestNetwork net = new TestNetwork(vertx, 2, i -> new EndpointOptions().setDeliverOwnMessages(i == 1))) {
      net.peer(0, 1);
      net.subscribe(0, "/own");
      net.subscribe(1, "/own");
      net.awaitSubscribers("/own", List.of(0, 1), List.of(0, 1));
      net.node(0).publish("/own", Data.string("from 0"));
      net.node(1).publish("/own", Data.string("from 1"));
      net.awaitReceived(0, 1);
      net.awaitReceived(1, 2);
      // node 0 delivered its own message (if at all) before it could receive node 1's
      assertEquals(List.of(msg("/own", Data.string("from 1"))), net.received(0).items());
      assertEquals(Set.of(msg("/own", Data.string("from 0")), msg("/own", Data.string("from 1"))),
          Set.copyOf(net.received(1).items()));
      assertEquals(2, net.received(1).size());
    }
  }

  @Test
  void anEndpointAloneHearsItselfOnlyWhenAsked() {
    Endpoint loud = Endpoint.create(vertx, new EndpointOptions().setDeliverOwnMessages(true));
    Endpoint quiet = Endpoint.create(vertx);
    Inbox<DataMessage> l = Inbox.of(loud.subscribe("/own"));
    Subscription quietSub = quiet.subscribe("/own");
    Inbox<DataMessage> q = Inbox.of(quietSub);
    loud.publish("/own/x", Data.count(1));
    quiet.publish("/own/x", Data.count(2));
    assertEquals(List.of(msg("/own/x", Data.count(1))), l.awaitSize(1), "the loud endpoint hears itself");
    // publish and close are handled in order on the endpoint's context: nothing was delivered before the end
    await(quietSub.close());
    assertEquals(List.of(), q.items());
    assertEquals(1, l.size());
    await(loud.close());
    await(quiet.close());
  }

  @Test
  void closingTheOnlySubscriptionStopsTrafficCrossingTheLink() {
    try (TestNetwork net = new TestNetwork(vertx, 2, i -> new EndpointOptions())) {
      net.peer(0, 1);
      Endpoint publisher = net.node(0);
      Subscription only = net.subscribe(1, "/u");
      net.awaitSubscribers("/u/x", List.of(0), List.of(1));
      for (int k = 0; k < 5; k++) {
        publisher.publish("/u/x", Data.count(k));
      }
      net.awaitReceived(1, 5);
      assertEquals(5, await(publisher.peers()).get(0).dataSent());

      await(only.close());
      eventually(vertx, "the publisher sees no subscriber", () -> publisher.subscribersOf("/u/x").map(Set::isEmpty));
      for (int k = 0; k < 50; k++) {
        publisher.publish("/u/x", Data.count(k));
      }
      // publications and peers() run in order on the publisher's context: these 50 were all handled
      assertEquals(5, await(publisher.peers()).get(0).dataSent(), "nothing crossed the link");

      // subscribing again brings the traffic back
      net.subscribe(1, "/u");
      net.awaitSubscribers("/u/x", List.of(0), List.of(1));
      publisher.publish("/u/x", Data.string("again"));
      net.awaitReceived(1, 6);
      assertEquals(msg("/u/x", Data.string("again")), net.received(1).items().get(5));
      assertEquals(6, await(publisher.peers()).get(0).dataSent());
    }
  }

  /**
   * Waits until a probe published by each node reaches every other node: the delivery trees agree with the
   * current topology. Probes travel on a topic of their own.
   */
  private static void awaitConverged(TestNetwork net, List<Inbox<DataMessage>> probes) {
    for (int k = 0; k < net.size(); k++) {
      int origin = k;
      eventually(net.vertx(), "node " + k + "'s probes reach everyone", () -> {
        net.node(origin).publish("/probe", Data.count(origin));
        boolean all = true;
        for (int i = 0; i < probes.size(); i++) {
          all &= i == origin || probes.get(i).items().contains(msg("/probe", Data.count(origin)));
        }
        return all;
      });
    }
  }

  @Test
  void aRingWithOneLinkUnpeeredReroutesAndDeliversExactlyOnce() {
    int n = 4;
    int perNode = 25;
    try (TestNetwork net = new TestNetwork(vertx, n, i -> new EndpointOptions().setRetryInterval(Duration.ofMillis(100)))) {
      Inbox<StatusEvent> at0 = Inbox.of(net.node(0).statuses());
      for (int i = 0; i < n; i++) {
        net.peer(i, (i + 1) % n);
      }
      List<Integer> all = List.of(0, 1, 2, 3);
      List<Inbox<DataMessage>> probes = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        net.subscribe(i, "/r");
        probes.add(Inbox.of(net.node(i).subscribe("/probe")));
      }
      net.awaitSubscribers("/r", all, all);

      await(net.node(0).unpeer("127.0.0.1", net.port(1)));
      UUID id1 = net.node(1).id();
      at0.await("node 0 removed the peering with node 1",
          e -> e.code() == StatusCode.PEER_REMOVED && id1.equals(e.endpoint()));
      eventually(vertx, "nodes 0 and 1 have one peer each", () -> Future.all(net.node(0).peers(),
          net.node(1).peers()).map(c -> c.<List<PeerInfo>>resultAt(0).size() == 1
              && c.<List<PeerInfo>>resultAt(1).size() == 1));
      net.awaitSubscribers("/r", all, all);
      awaitConverged(net, probes);

      for (int m = 0; m < n; m++) {
        for (int k = 0; k < perNode; k++) {
          net.node(m).publish("/r", Data.vector(Data.count(m), Data.count(k)));
        }
      }
      for (int m = 0; m < n; m++) {
        net.node(m).publish("/r", Data.string("marker " + m));
      }
      int expected = (n - 1) * (perNode + 1);
      for (int m = 0; m < n; m++) {
        net.awaitReceived(m, expected);
      }
      for (int m = 0; m < n; m++) {
        Map<Data, Integer> copies = new HashMap<>();
        net.received(m).items().forEach(x -> copies.merge(x.data(), 1, Integer::sum));
        assertEquals(expected, net.received(m).size(), "node " + m + ": " + copies);
        int node = m;
        copies.forEach((d, c) -> assertEquals(1, c, "node " + node + " got " + d + " " + c + " times"));
      }
      // the unpeered link stays down: node 0 does not retry it
      assertEquals(List.of(net.node(3).id()), await(net.node(0).peers()).stream().map(PeerInfo::id)
          .toList());
      assertEquals(1, count(at0, StatusCode.PEER_ADDED, id1));
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"crash", "orderly close"})
  void theInitiatorReconnectsAfterThePeerRestartsOnTheSamePort(String how) {
    UUID bid = UUID.fromString("bbbbbbbb-0000-4000-8000-00000000000b");
    EndpointOptions bOptions = new EndpointOptions().setId(bid.toString());
    Endpoint a = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(Duration.ofMillis(100)));
    Inbox<StatusEvent> statuses = Inbox.of(a.statuses());
    Inbox<DataMessage> atA = Inbox.of(a.subscribe("/to-a"));

    Vertx vertxB = Vertx.vertx();
    Endpoint b = Endpoint.create(vertxB, bOptions);
    Inbox<DataMessage> atB = Inbox.of(b.subscribe("/to-b"));
    int port = await(b.listen("127.0.0.1", 0));
    await(a.peer("127.0.0.1", port));
    exchange(a, b, atA, atB, 1);

    if (how.equals("crash")) {
      await(vertxB.close()); // sockets close without a goodbye
      statuses.await("peer_lost", e -> e.code() == StatusCode.PEER_LOST && bid.equals(e.endpoint()));
    } else {
      await(b.close());
      await(vertxB.close());
      statuses.await("peer_removed", e -> e.code() == StatusCode.PEER_REMOVED && bid.equals(e.endpoint()));
    }
    assertEquals(List.of(), await(a.peers()));

    Vertx vertxB2 = Vertx.vertx();
    try {
      Endpoint b2 = Endpoint.create(vertxB2, bOptions);
      Inbox<DataMessage> atB2 = Inbox.of(b2.subscribe("/to-b"));
      assertEquals(port, await(b2.listen("127.0.0.1", port)));
      statuses.await("peer_added again", 2, e -> e.code() == StatusCode.PEER_ADDED && bid.equals(e.endpoint()));
      List<StatusCode> about = statuses.items().stream().filter(e -> bid.equals(e.endpoint())
          && (e.code() == StatusCode.PEER_ADDED || e.code() == StatusCode.PEER_LOST
              || e.code() == StatusCode.PEER_REMOVED)).map(StatusEvent::code).toList();
      StatusCode gone = how.equals("crash") ? StatusCode.PEER_LOST : StatusCode.PEER_REMOVED;
      assertEquals(List.of(StatusCode.PEER_ADDED, gone, StatusCode.PEER_ADDED), about);
      exchange(a, b2, atA, atB2, 2);
      await(a.close());
      await(b2.close());
    } finally {
      await(vertxB2.close());
    }
  }

  /** Once each sees the other's subscription, one message each way arrives; {@code a} has then got {@code n}. */
  private void exchange(Endpoint a, Endpoint b, Inbox<DataMessage> atA, Inbox<DataMessage> atB, int n) {
    eventually(vertx, "a sees b's subscription", () -> a.subscribersOf("/to-b").map(s -> s.contains(b.id())));
    eventually(vertx, "b sees a's subscription", () -> b.subscribersOf("/to-a").map(s -> s.contains(a.id())));
    a.publish("/to-b", Data.count(n));
    b.publish("/to-a", Data.count(n));
    assertEquals(List.of(msg("/to-b", Data.count(n))), atB.awaitSize(1), "b hears a");
    assertEquals(msg("/to-a", Data.count(n)), atA.awaitSize(n).get(n - 1), "a hears b");
    assertEquals(n, atA.size());
  }

  /** @return the events that change a peering (a late refusal of the redundant connection does not) */
  private static List<StatusEvent> peeringNews(List<StatusEvent> events) {
    return events.stream().filter(e -> e.code() != StatusCode.ENDPOINT_DISCOVERED
        && !(e.code() == StatusCode.ERROR && e.error() == ErrorCode.REDUNDANT_CONNECTION)).toList();
  }

  @Test
  void simultaneousPeeringEndsWithOneConnectionEachAndNoDuplicates() {
    for (int round = 0; round < 8; round++) {
      EndpointOptions o = new EndpointOptions().setRetryInterval(Duration.ofMillis(100)).setHeartbeatInterval(Duration.ofMillis(100))
          .setHeartbeatTimeout(Duration.ofMillis(600));
      Endpoint a = Endpoint.create(vertx, o);
      Endpoint b = Endpoint.create(vertx, o);
      Inbox<StatusEvent> atA = Inbox.of(a.statuses());
      Inbox<StatusEvent> atB = Inbox.of(b.statuses());
      int pa = await(a.listen("127.0.0.1", 0));
      int pb = await(b.listen("127.0.0.1", 0));
      Inbox<DataMessage> gotA = Inbox.of(a.subscribe("/sim"));
      Inbox<DataMessage> gotB = Inbox.of(b.subscribe("/sim"));
      Future<Void> ab = a.peer("127.0.0.1", pb);
      Future<Void> ba = b.peer("127.0.0.1", pa);
      await(Future.all(ab, ba));
      eventually(vertx, "one connection each", () -> Future.all(a.peers(), b.peers())
          .map(c -> c.<List<PeerInfo>>resultAt(0).size() == 1 && c.<List<PeerInfo>>resultAt(1).size() == 1));
      PeerInfo before = await(a.peers()).get(0);
      int statusesA = atA.size();
      int statusesB = atB.size();

      await(vertx.timer(300)); // three heartbeat and retry intervals
      List<PeerInfo> afterA = await(a.peers());
      assertEquals(1, afterA.size(), "round " + round);
      assertEquals(1, await(b.peers()).size(), "round " + round);
      assertEquals(before.port(), afterA.get(0).port(), "the same connection");
      assertTrue(afterA.get(0).framesReceived() > before.framesReceived(), "heartbeats flowed");
      assertEquals(List.of(), peeringNews(atA.items().subList(statusesA, atA.size())), "round " + round + " at a");
      assertEquals(List.of(), peeringNews(atB.items().subList(statusesB, atB.size())), "round " + round + " at b");
      assertEquals(1, count(atA, StatusCode.PEER_ADDED, b.id()), atA.items().toString());
      assertEquals(1, count(atB, StatusCode.PEER_ADDED, a.id()), atB.items().toString());
      // the losing connection is refused once, not re-made every retry interval
      assertTrue(atA.items().stream().filter(e -> e.code() == StatusCode.ERROR).count() <= 1, atA.items().toString());
      assertTrue(atB.items().stream().filter(e -> e.code() == StatusCode.ERROR).count() <= 1, atB.items().toString());

      eventually(vertx, "subscriptions known", () -> Future.all(a.subscribersOf("/sim"), b.subscribersOf("/sim"))
          .map(c -> c.<Set<UUID>>resultAt(0).equals(Set.of(b.id())) && c.<Set<UUID>>resultAt(1).equals(
              Set.of(a.id()))));
      for (int i = 0; i < 100; i++) {
        a.publish("/sim", Data.count(i));
        b.publish("/sim", Data.count(i));
      }
      a.publish("/sim", Data.string("end"));
      b.publish("/sim", Data.string("end"));
      // one connection carries everything in order: once the end marker is in, nothing else is on its way
      gotB.await("a's end marker", msg("/sim", Data.string("end"))::equals);
      gotA.await("b's end marker", msg("/sim", Data.string("end"))::equals);
      assertEquals(101, gotA.size(), "no duplicate delivery at a");
      assertEquals(101, gotB.size(), "no duplicate delivery at b");
      await(a.close());
      await(b.close());
    }
  }

  @Test
  void closingASubscriptionInItsHandlerDoesNotMakeAnotherMissAMessage() {
    Endpoint e = Endpoint.create(vertx, new EndpointOptions().setDeliverOwnMessages(true));
    Inbox<DataMessage> once = new Inbox<>();
    Subscription first = e.subscribe("/once");
    first.handler(m -> {
      once.handle(m);
      first.close();
    });
    Inbox<DataMessage> all = Inbox.of(e.subscribe("/once"));
    for (int i = 0; i < 3; i++) {
      e.publish("/once", Data.count(i));
    }
    assertEquals(List.of(msg("/once", Data.count(0)), msg("/once", Data.count(1)), msg("/once", Data.count(2))),
        all.awaitSize(3), "the second subscription gets all three");
    assertEquals(List.of(msg("/once", Data.count(0))), once.items());
    await(e.close());
  }

  @Test
  void optionsRoundTripThroughJson() {
    EndpointOptions o = new EndpointOptions().setId("aaaaaaaa-0000-4000-8000-000000000001").setForwarding(false)
        .setDeliverOwnMessages(true).setRetryInterval(Duration.ofMillis(250)).setPeerBufferSize(10)
        .setPeerOverflowPolicy(OverflowPolicy.DISCONNECT).setSubscriberQueueSize(20)
        .setSubscriberOverflowPolicy(OverflowPolicy.DROP_NEWEST).setMaxFrameSize(4096).setHandshakeTimeout(Duration.ofMillis(500))
        .setHeartbeatInterval(Duration.ofMillis(100)).setHeartbeatTimeout(Duration.ofMillis(600)).setTtl(7);
    JsonObject json = o.toJson();
    assertEquals(new JsonObject().put("id", "aaaaaaaa-0000-4000-8000-000000000001").put("forwarding", false)
        .put("deliverOwnMessages", true).put("tls", new JsonObject().put("mode", "anonymous")
            .put("verifyHostname", false)).put("retryInterval", "250ms").put("retryIntervalCap", "30s")
        .put("handshakeTimeout", "500ms").put("heartbeatInterval", "100ms").put("heartbeatTimeout", "600ms")
        .put("frameTimeout", "10s").put("ttl", 7).put("peerBufferSize", 10).put("peerBufferBytes", 1024 * 1024L)
        .put("peerOverflowPolicy", "disconnect").put("subscriberQueueSize", 20)
        .put("subscriberQueueBytes", 16 * 1024 * 1024L).put("subscriberOverflowPolicy", "drop_newest")
        .put("maxFrameSize", 4096).put("maxPendingFrameBytes", 64 * 1024 * 1024L)
        .put("maxControlBacklogBytes", 64 * 1024 * 1024L).put("maxConnectionsPerHost", 32)
        .put("maxPendingHandshakes", 128).put("authorization", new JsonArray()), json);
    EndpointOptions back = new EndpointOptions(new JsonObject(json.encode()));
    assertEquals(json, back.toJson());
    assertEquals(json, new EndpointOptions(o).toJson());
    assertEquals(OverflowPolicy.DROP_NEWEST, back.getSubscriberOverflowPolicy());
    assertEquals(Duration.ofMillis(600), back.getHeartbeatTimeout());
    // absent keys keep their defaults; policy names are case-insensitive; durations in ms or with a unit
    EndpointOptions partial = new EndpointOptions(new JsonObject().put("ttl", 3)
        .put("peerOverflowPolicy", "DROP_NEWEST").put("heartbeatTimeout", 1500).put("frameTimeout", "2min"));
    assertEquals(Duration.ofMillis(1500), partial.getHeartbeatTimeout());
    assertEquals(Duration.ofMinutes(2), partial.getFrameTimeout());
    partial.setHeartbeatTimeout(EndpointOptions.DEFAULT_HEARTBEAT_TIMEOUT).setFrameTimeout(
        EndpointOptions.DEFAULT_FRAME_TIMEOUT);
    assertEquals(new EndpointOptions().setTtl(3).setPeerOverflowPolicy(OverflowPolicy.DROP_NEWEST).toJson(),
        partial.toJson());
    assertEquals(EndpointOptions.DEFAULT_PEER_BUFFER_SIZE, partial.getPeerBufferSize());
  }

  private static void assertRejected(JsonObject json, String... inMessage) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EndpointOptions(json),
        json.encode());
    for (String s : inMessage) {
      assertTrue(e.getMessage().contains(s), "'" + e.getMessage() + "' names " + s);
    }
  }

  @Test
  void badOptionsAreRejectedClearly() {
    assertRejected(new JsonObject().put("bogus", 1), "unknown", "bogus", "known: ", "heartbeatInterval");
    assertRejected(new JsonObject().put("heartbeatIntervall", 100), "heartbeatIntervall");
    assertRejected(new JsonObject().put("ttl", "many"), "ttl", "must be", "many");
    assertRejected(new JsonObject().put("forwarding", "yes"), "forwarding", "true or false");
    assertRejected(new JsonObject().put("retryInterval", "soon"), "retryInterval", "duration", "3s");
    assertRejected(new JsonObject().put("tls", new JsonObject().put("mode", "paranoid")), "paranoid");
    assertRejected(new JsonObject().put("retryInterval", null), "retryInterval");
    assertRejected(new JsonObject().put("peerOverflowPolicy", 3), "peerOverflowPolicy");
    assertRejected(new JsonObject().put("ttl", 0), "ttl", "0");
    assertRejected(new JsonObject().put("ttl", 256), "ttl", "256");
    assertRejected(new JsonObject().put("peerOverflowPolicy", "explode"), "explode", "drop_oldest");
    assertRejected(new JsonObject().put("subscriberOverflowPolicy", "block"), "block");
    assertRejected(new JsonObject().put("peerBufferSize", 0), "peerBufferSize");
    assertRejected(new JsonObject().put("maxFrameSize", 100), "maxFrameSize", "1024");
    assertRejected(new JsonObject().put("heartbeatTimeout", -1), "heartbeatTimeout");
    assertRejected(new JsonObject().put("id", "not-a-uuid"));
    assertThrows(IllegalArgumentException.class, () -> new EndpointOptions().setTtl(0));
    assertThrows(IllegalArgumentException.class, () -> OverflowPolicy.fromConfigName("explode"));
  }
}
