package io.brokervx.websocket;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.test.Inbox;
import io.brokervx.test.PlainEndpoints;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Our client against our server: subscriptions, both directions through a native peer, errors, reconnection, wss. */
@ExtendWith(VertxExtension.class)
class ZeekWebSocketClientTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Endpoint server;
  private Endpoint peer;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    server = Endpoint.create(vertx, PlainEndpoints.plaintext());
    peer = Endpoint.create(vertx, PlainEndpoints.plaintext());
    int port = await(server.listen("127.0.0.1", 0));
    await(peer.peer("127.0.0.1", port));
  }

  @AfterEach
  void tearDown() {
    await(peer.close());
    await(server.close());
  }

  private static ZeekWebSocketClientOptions to(ZeekWebSocketServer ws, String... subscriptions) {
    return new ZeekWebSocketClientOptions().setUrl("ws://127.0.0.1:" + ws.actualPort() + ZeekWebSocketServer.PATH)
        .setSubscriptions(List.of(subscriptions)).setRetryInterval(Duration.ofMillis(50));
  }

  private void awaitRoute(Endpoint from, String topic, Endpoint to) {
    eventually(vertx, "a route for " + topic, () -> from.subscribersOf(topic).map(s -> s.contains(to.id())));
  }

  @Test
  void subscribesReceivesAndPublishesThroughANativePeer() {
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(server, new WebSocketServerOptions().setPort(0)));
    ZeekWebSocketClient c = await(ZeekWebSocketClient.connect(vertx, to(ws, "/to-ws").setApplicationName("test")));
    assertEquals(server.id().toString(), c.endpointId());
    assertEquals("test", ws.clients().get(0).applicationName());
    Inbox<DataMessage> got = Inbox.of(c.messages());
    Inbox<DataMessage> atPeer = Inbox.of(peer.subscribe("/from-ws"));
    awaitRoute(peer, "/to-ws/x", server);
    awaitRoute(server, "/from-ws/x", peer);
    peer.publish("/to-ws/x", Data.port(443, io.brokervx.data.PortData.Protocol.TCP));
    assertEquals(List.of(new DataMessage("/to-ws/x", Data.port(443, io.brokervx.data.PortData.Protocol.TCP))),
        got.awaitSize(1));
    await(c.publish("/from-ws/y", Data.set(Data.string("a"), Data.string("b"))));
    assertEquals(List.of(new DataMessage("/from-ws/y", Data.set(Data.string("a"), Data.string("b")))),
        atPeer.awaitSize(1));
    await(c.close());
  }

  @Test
  void serverErrorsReachTheErrorHandlerAndAWrongPathFailsTheConnect() {
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(server, new WebSocketServerOptions().setPort(0)));
    BrokerException wrong = failure(ZeekWebSocketClient.connect(vertx,
        to(ws).setUrl("ws://127.0.0.1:" + ws.actualPort() + "/v2/nothing").setReconnect(false)), BrokerException.class);
    assertTrue(wrong.getMessage().contains("invalid_uri"), wrong.getMessage());
    ZeekWebSocketClient c = await(ZeekWebSocketClient.connect(vertx, to(ws)));
    Inbox<BrokerException> errors = new Inbox<>();
    c.errorHandler(errors);
    await(c.publish("", Data.count(1)));
    BrokerException e = errors.awaitSize(1).get(0);
    assertEquals(ErrorCode.DESERIALIZATION_FAILED, e.error());
    assertTrue(e.getMessage().contains("no topic in top-level JSON object"), e.getMessage());
    await(c.close());
  }

  @Test
  void aLostConnectionIsMadeAgainAndTheStreamGoesOn() {
    ZeekWebSocketServer first = await(ZeekWebSocketServer.start(server, new WebSocketServerOptions().setPort(0)));
    int port = first.actualPort();
    ZeekWebSocketClient c = await(ZeekWebSocketClient.connect(vertx, to(first, "/r")));
    Inbox<DataMessage> got = Inbox.of(c.messages());
    awaitRoute(peer, "/r/x", server);
    peer.publish("/r/x", Data.count(1));
    got.awaitSize(1);
    await(first.close());
    eventually(vertx, "the client notices", () -> !c.isConnected());
    // the same port again (another process may hold it for a moment: retried)
    AtomicReference<ZeekWebSocketServer> restarted = new AtomicReference<>();
    eventually(vertx, "the server listens on its port again", () -> ZeekWebSocketServer.start(server,
        new WebSocketServerOptions().setPort(port)).map(s -> restarted.compareAndSet(null, s)).otherwise(false));
    ZeekWebSocketServer second = restarted.get();
    eventually(vertx, "the client reconnects", () -> c.isConnected() && second.clients().size() == 1);
    awaitRoute(peer, "/r/x", server);
    peer.publish("/r/x", Data.count(2));
    assertEquals(List.of(new DataMessage("/r/x", Data.count(1)), new DataMessage("/r/x", Data.count(2))),
        got.awaitSize(2));
    await(c.close());
  }

  @Test
  void pausingTheStreamHoldsMessagesUntilResumed() {
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(server, new WebSocketServerOptions().setPort(0)));
    ZeekWebSocketClient c = await(ZeekWebSocketClient.connect(vertx, to(ws, "/p")));
    Inbox<DataMessage> got = new Inbox<>();
    c.messages().pause().handler(got);
    awaitRoute(peer, "/p/x", server);
    for (int i = 0; i < 100; i++) {
      peer.publish("/p/x", Data.count(i));
    }
    eventually(vertx, "the server wrote them", () -> ws.clients().get(0).sent() == 100);
    assertEquals(0, got.size());
    c.messages().fetch(10);
    got.awaitSize(10);
    c.messages().resume();
    assertEquals(100, got.awaitSize(100).size());
    await(c.close());
  }

  @Test
  void wssWithTheServersCa() throws Exception {
    TestCertificates pki = TestCertificates.createCa(dir, "client-ca");
    TlsOptions cert = pki.issue("server", true, KeyForm.PLAIN_PKCS8);
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(server, new WebSocketServerOptions().setPort(0)
        .setTls(new WebSocketTlsOptions().setCertificate(cert.getCertificate()).setKey(cert.getKey()))));
    ZeekWebSocketClient c = await(ZeekWebSocketClient.connect(vertx, to(ws)
        .setUrl("wss://127.0.0.1:" + ws.actualPort() + ZeekWebSocketServer.PATH)
        .setTls(new WebSocketTlsOptions().setCafile(pki.caFile().toString()))));
    assertEquals(server.id().toString(), c.endpointId());
    await(c.close());
    BrokerException untrusted = failure(ZeekWebSocketClient.connect(vertx, to(ws).setReconnect(false)
        .setUrl("wss://127.0.0.1:" + ws.actualPort() + ZeekWebSocketServer.PATH)), BrokerException.class);
    assertEquals(ErrorCode.PEER_UNAVAILABLE, untrusted.error());
  }
}
