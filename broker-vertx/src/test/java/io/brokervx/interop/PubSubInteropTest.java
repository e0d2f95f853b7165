package io.brokervx.interop;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.error.ErrorCode;
import io.brokervx.test.BrokerProcess;
import io.brokervx.test.Inbox;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Publish/subscribe with a real Broker 6.2 (its Python bindings, on 127.0.0.1): both directions, both
 * roles, in each TLS mode; Zeek events with metadata; the mixed triangles that must not duplicate; relay
 * chains through us and through Broker.
 */
@Tag("interop")
@ExtendWith(VertxExtension.class)
class PubSubInteropTest {
  private static final int N = 300;
  private static final long WAIT_MS = 30_000;

  @TempDir
  Path dir;
  private Vertx vertx;

  /** The TLS mode both sides use. */
  enum Mode { OFF, ANONYMOUS, CERTIFICATE }

  @BeforeEach
  void setUp(Vertx vertx) {
    BrokerProcess.assumeAvailable();
    this.vertx = vertx;
  }

  /** Options for our endpoint and settings for Broker's, in one mode, sharing one test CA. */
  private record Pair(EndpointOptions ours, JsonObject broker) {
  }

  private Pair pair(Mode mode) throws Exception {
    return switch (mode) {
      case OFF -> new Pair(new EndpointOptions().setTls(new TlsOptions().setMode(TlsMode.OFF)),
          new JsonObject().put("disable_ssl", true));
      case ANONYMOUS -> new Pair(new EndpointOptions(), new JsonObject());
      case CERTIFICATE -> {
        TestCertificates pki = TestCertificates.createCa(dir, "interop-ca");
        TlsOptions ours = pki.issue("broker-vertx", false, KeyForm.PLAIN_PKCS8);
        TlsOptions theirs = pki.issue("broker", false, KeyForm.PLAIN_PKCS8);
        yield new Pair(new EndpointOptions().setTls(ours), new JsonObject().put("certificate", theirs.getCertificate())
            .put("key", theirs.getKey()).put("cafile", theirs.getCafile()));
      }
    };
  }

  private static List<Data> expected(String prefix) {
    return IntStream.range(0, N).mapToObj(i -> (Data) Data.string(prefix + i)).toList();
  }

  private static List<String> received(BrokerProcess broker, String topic) {
    return broker.lines(l -> l.startsWith("recv " + topic)).stream().map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .toList();
  }

  private static void publishAll(Endpoint e, String topic, String prefix) {
    for (int i = 0; i < N; i++) {
      e.publish(topic, Data.string(prefix + i));
    }
  }

  private static List<String> strings(String prefix) {
    return IntStream.range(0, N).mapToObj(i -> prefix + i).toList();
  }

  private void awaitSubscriber(Endpoint e, String topic) {
    eventually(vertx, "a subscriber of " + topic, () -> e.subscribersOf(topic).map(s -> !s.isEmpty()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void brokerListensAndBothPublish(Mode mode) throws Exception {
    Pair p = pair(mode);
    try (BrokerProcess broker = BrokerProcess.listen(p.broker().put("subscribe", List.of("/to-broker")), dir)) {
      Endpoint ours = Endpoint.create(vertx, p.ours());
      Inbox<DataMessage> got = Inbox.of(ours.subscribe("/to-us"));
      await(ours.peer("127.0.0.1", broker.port()));
      awaitSubscriber(ours, "/to-broker/x");
      publishAll(ours, "/to-broker/x", "m");
      broker.awaitLines(l -> l.startsWith("recv /to-broker/x"), N, WAIT_MS);
      assertEquals(strings("m"), received(broker, "/to-broker/x"), "Broker got all, in order, once");
      broker.send(new JsonObject().put("op", "publish").put("topic", "/to-us/y").put("count", N).put("prefix", "b"));
      assertEquals(expected("b"), got.awaitSize(N).stream().map(DataMessage::data).toList());
      await(ours.close());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void weListenAndBothPublish(Mode mode) throws Exception {
    Pair p = pair(mode);
    Endpoint ours = Endpoint.create(vertx, p.ours());
    Inbox<DataMessage> got = Inbox.of(ours.subscribe("/to-us"));
    int port = await(ours.listen("127.0.0.1", 0));
    try (BrokerProcess broker = BrokerProcess.python(p.broker().put("subscribe", List.of("/to-broker")), dir)) {
      broker.send(new JsonObject().put("op", "peer").put("host", "127.0.0.1").put("port", port));
      awaitSubscriber(ours, "/to-broker/x");
      publishAll(ours, "/to-broker/x", "m");
      broker.awaitLines(l -> l.startsWith("recv /to-broker/x"), N, WAIT_MS);
      assertEquals(strings("m"), received(broker, "/to-broker/x"));
      broker.send(new JsonObject().put("op", "publish").put("topic", "/to-us/y").put("count", N).put("prefix", "b"));
      assertEquals(expected("b"), got.awaitSize(N).stream().map(DataMessage::data).toList());
    }
    await(ours.close());
  }

  /** A plaintext endpoint dialing Broker's default (anonymous TLS) is told so once, and does not storm. */
  @Test
  void aTlsModeMismatchIsOneClearStatusEventAndBacksOff() throws Exception {
    try (BrokerProcess broker = BrokerProcess.listen(new JsonObject(), dir)) {
      Endpoint ours = Endpoint.create(vertx, new EndpointOptions().setTls(new TlsOptions().setMode(TlsMode.OFF))
          .setRetryInterval(100));
      Inbox<StatusEvent> statuses = Inbox.of(ours.statuses());
      Throwable failed = failure(ours.peer("127.0.0.1", broker.port()));
      assertTrue(failed.getMessage().contains("enable tls"), failed.getMessage());
      StatusEvent e = statuses.await("the mismatch status", s -> s.code() == StatusCode.ERROR);
      assertEquals(ErrorCode.PEER_INCOMPATIBLE, e.error());
      assertTrue(e.message().contains("enable tls"), e.message());
      await(vertx.timer(3000));
      long errors = statuses.items().stream().filter(s -> s.code() == StatusCode.ERROR).count();
      assertEquals(1, errors, "reported once while retries back off: " + statuses.items());
      await(ours.close());
    }
  }

  @Test
  void zeekEventsWithMetadataBothWays() throws Exception {
    Pair p = pair(Mode.ANONYMOUS);
    try (BrokerProcess broker = BrokerProcess.listen(p.broker().put("subscribe", List.of("/events")), dir)) {
      Endpoint ours = Endpoint.create(vertx, p.ours());
      Inbox<DataMessage> got = Inbox.of(ours.subscribe("/zeek"));
      await(ours.peer("127.0.0.1", broker.port()));
      long ts = 1_700_000_000_123_000_000L;
      broker.send(new JsonObject().put("op", "event").put("topic", "/zeek/e").put("name", "Demo::seen")
          .put("args", List.of(42, "hello")).put("ts", ts));
      ZeekEvent ev = ZeekEvent.fromData(got.awaitSize(1).get(0).data());
      assertEquals("Demo::seen", ev.name());
      assertEquals(List.of(Data.integer(42), Data.string("hello")), ev.args(), "Python ints are Broker integers");
      long diff = Math.abs(ts - ev.networkTimestamp().orElseThrow().nanos());
      assertTrue(diff < 1000, "the network timestamp, to Python's microsecond: off by " + diff + " ns");
      awaitSubscriber(ours, "/events/x");
      ours.publish("/events/x", ZeekEvent.of("Demo::ack", Data.count(7), Data.string("back")).toData());
      String line = broker.awaitLine(l -> l.startsWith("event /events/x"), WAIT_MS);
      assertTrue(line.startsWith("event /events/x Demo::ack [Count(7), 'back']"), line);
      await(ours.close());
    }
  }

  /** Our publisher P, a Broker subscriber S, our relay R: P–S, P–R, R–S. S gets each message once. */
  @Test
  void triangleOfOurPublisherBrokerSubscriberAndOurRelay() throws Exception {
    try (BrokerProcess s = BrokerProcess.listen(new JsonObject().put("subscribe", List.of("/tri")), dir)) {
      int sPort = s.port();
      Endpoint p = Endpoint.create(vertx);
      Endpoint r = Endpoint.create(vertx);
      int rPort = await(r.listen("127.0.0.1", 0));
      await(p.peer("127.0.0.1", sPort));
      await(r.peer("127.0.0.1", sPort));
      await(p.peer("127.0.0.1", rPort));
      eventually(vertx, "P sees S through the routed graph", () -> p.subscribersOf("/tri/x").map(x -> x.size() == 1));
      publishAll(p, "/tri/x", "m");
      s.awaitLines(l -> l.startsWith("recv /tri/x"), N, WAIT_MS);
      assertEquals(strings("m"), received(s, "/tri/x"), "every message once, in order");
      await(p.close());
      await(r.close());
    }
  }

  /** A Broker publisher B, our subscriber Sub, our relay R: B–Sub, B–R, R–Sub. Sub gets each message once. */
  @Test
  void triangleOfBrokerPublisherOurSubscriberAndOurRelay() throws Exception {
    try (BrokerProcess b = BrokerProcess.listen(new JsonObject(), dir)) {
      int bPort = b.port();
      Endpoint sub = Endpoint.create(vertx);
      Endpoint r = Endpoint.create(vertx);
      Inbox<DataMessage> got = Inbox.of(sub.subscribe("/tri"));
      int subPort = await(sub.listen("127.0.0.1", 0));
      await(sub.peer("127.0.0.1", bPort));
      await(r.peer("127.0.0.1", bPort));
      await(r.peer("127.0.0.1", subPort));
      b.send(new JsonObject().put("op", "publish").put("topic", "/tri/x").put("count", N).put("prefix", "b"));
      b.awaitLine(l -> l.startsWith("published"), WAIT_MS);
      assertEquals(expected("b"), got.awaitSize(N).stream().map(DataMessage::data).toList());
      await(r.close()); // give a stray copy time to arrive before counting
      assertEquals(N, got.items().size(), "no duplicates");
      await(sub.close());
    }
  }

  /** Broker → ours → Broker: our endpoint relays between two Broker endpoints. */
  @Test
  void weRelayBetweenTwoBrokerEndpoints() throws Exception {
    try (BrokerProcess from = BrokerProcess.listen(new JsonObject(), dir.resolve("..").normalize());
        BrokerProcess to = BrokerProcess.listen(new JsonObject().put("subscribe", List.of("/chain")), dir)) {
      Endpoint relay = Endpoint.create(vertx);
      await(relay.peer("127.0.0.1", from.port()));
      await(relay.peer("127.0.0.1", to.port()));
      awaitSubscriber(relay, "/chain/x");
      from.send(new JsonObject().put("op", "publish").put("topic", "/chain/x").put("count", N).put("prefix", "c"));
      to.awaitLines(l -> l.startsWith("recv /chain/x"), N, WAIT_MS);
      assertEquals(strings("c"), received(to, "/chain/x"));
      await(relay.close());
    }
  }

  /** ours → Broker → ours: a Broker endpoint that subscribes to the topic relays it, as Broker does. */
  @Test
  void aBrokerEndpointRelaysBetweenTwoOfOursTopicsItSubscribesTo() throws Exception {
    try (BrokerProcess b = BrokerProcess.listen(new JsonObject().put("subscribe", List.of("/chain")), dir)) {
      int bPort = b.port();
      Endpoint e1 = Endpoint.create(vertx);
      Endpoint e2 = Endpoint.create(vertx);
      Inbox<DataMessage> got = Inbox.of(e2.subscribe("/chain"));
      await(e1.peer("127.0.0.1", bPort));
      await(e2.peer("127.0.0.1", bPort));
      awaitSubscriber(e1, "/chain/x");
      b.awaitLine(l -> l.startsWith("status") && l.contains("peer_added"), WAIT_MS);
      publishAll(e1, "/chain/x", "r");
      assertEquals(expected("r"), got.awaitSize(N).stream().map(DataMessage::data).toList());
      assertEquals(N, b.awaitLines(l -> l.startsWith("recv /chain/x"), N, WAIT_MS).size(),
          "the Broker endpoint got them too, once each");
      await(e1.close());
      await(e2.close());
    }
  }
}
