package io.brokervx.websocket;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.test.Inbox;
import io.brokervx.test.PlainEndpoints;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our WebSocket API server against an independent client (Python's {@code websockets}): the handshake and ack,
 * data both ways through a native peer, and each error case with the code, context and close code it gets.
 */
@ExtendWith(VertxExtension.class)
class ZeekWebSocketServerTest {
  private Vertx vertx;
  private Endpoint server;
  private Endpoint peer;
  private ZeekWebSocketServer ws;
  private String url;
  private final List<PythonWsClient> clients = new java.util.ArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    server = Endpoint.create(vertx, PlainEndpoints.plaintext());
    peer = Endpoint.create(vertx, PlainEndpoints.plaintext());
    ws = await(ZeekWebSocketServer.start(server, new WebSocketServerOptions().setPort(0)));
    url = "ws://127.0.0.1:" + ws.actualPort();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (PythonWsClient c : clients) {
      c.close();
    }
    await(peer.close());
    await(server.close());
  }

  private PythonWsClient client(String path, String... args) throws Exception {
    PythonWsClient c = PythonWsClient.connect(url + path, args);
    clients.add(c);
    assertEquals("open", c.opening());
    return c;
  }

  private PythonWsClient subscribed(String subscriptions) throws Exception {
    PythonWsClient c = client(ZeekWebSocketServer.PATH);
    c.send(subscriptions);
    JsonObject ack = new JsonObject(c.message());
    assertEquals(List.of("type", "endpoint", "version"), List.copyOf(ack.fieldNames()));
    assertEquals("ack", ack.getString("type"));
    assertEquals(server.id().toString(), ack.getString("endpoint"));
    return c;
  }

  private static String error(String code, String context) {
    return "{\"type\":\"error\",\"code\":\"" + code + "\",\"context\":\"" + context + "\"}";
  }

  @Test
  void handshakeThenDataBothWaysThroughANativePeer() throws Exception {
    int port = await(server.listen("127.0.0.1", 0));
    Inbox<DataMessage> atPeer = Inbox.of(peer.subscribe("/demo/"));
    await(peer.peer("127.0.0.1", port));
    PythonWsClient c = subscribed("[\"/demo/to-ws\"]");
    eventually(vertx, "the peer learns the client's subscription",
        () -> peer.subscribersOf("/demo/to-ws/x").map(s -> s.contains(server.id())));
    eventually(vertx, "the server learns the peer's", () -> server.subscribersOf("/demo/x").map(s -> s.contains(peer.id())));

    Data event = Data.vector(Data.count(1), Data.count(1), Data.vector(Data.string("Demo::seen"),
        Data.vector(Data.count(42), Data.address("10.0.0.7")), Data.vector()));
    c.send(JsonFormat.encodeMessage("/demo/from-ws", event).encode());
    assertEquals(List.of(new DataMessage("/demo/from-ws", event)), atPeer.awaitSize(1));

    peer.publish("/demo/to-ws/a", Data.table(java.util.Map.of(Data.subnet("192.168.0.0/16"), Data.enumValue("Site::LOCAL"))));
    String text = c.message();
    assertTrue(text.startsWith("{\"type\":\"data-message\",\"topic\":\"/demo/to-ws/a\",\"@data-type\":\"table\""), text);
    assertEquals(new DataMessage("/demo/to-ws/a", Data.table(java.util.Map.of(Data.subnet("192.168.0.0/16"),
        Data.enumValue("Site::LOCAL")))), JsonFormat.decodeMessage(text));
    assertEquals(1, ws.clients().size());
    assertEquals(List.of("/demo/to-ws"), ws.clients().get(0).subscriptions());
  }

  @Test
  void aWrongPathGetsZeeksErrorAndClose1008() throws Exception {
    PythonWsClient c = client("/v1/wrong");
    assertEquals("msg " + error("invalid_uri", "Invalid URI - use /v1/messages/json"), c.recv(30));
    assertEquals("closed 1008 Invalid URI - use /v1/messages/json", c.recv(30));
  }

  @Test
  void theApplicationNameIsRecordedOrRefused() throws Exception {
    PythonWsClient bad = client(ZeekWebSocketServer.PATH, "--header", "X-Application-Name:bad name!");
    assertEquals("msg " + error("invalid_application_name", "Invalid X-Application-Name"), bad.recv(30));
    assertEquals("closed 1008 Invalid X-Application-Name", bad.recv(30));
    PythonWsClient good = client(ZeekWebSocketServer.PATH, "--header", "X-Application-Name:zeek-client/1.0");
    good.send("[]");
    assertTrue(good.message().contains("\"ack\""));
    assertEquals("zeek-client/1.0", ws.clients().get(0).applicationName());
  }

  @Test
  void aBadSubscriptionArrayGetsAnErrorAndClose1008() throws Exception {
    PythonWsClient object = client(ZeekWebSocketServer.PATH);
    object.send("{\"a\":1}");
    assertEquals("msg " + error("deserialization_failed", "subscriptions not an array"), object.recv(30));
    assertEquals("closed 1008 subscriptions not an array", object.recv(30));
    PythonWsClient number = client(ZeekWebSocketServer.PATH);
    number.send("[\"/ok\", 1]");
    assertEquals("msg " + error("deserialization_failed", "individual subscription not a string"), number.recv(30));
    assertEquals("closed 1008 individual subscription not a string", number.recv(30));
    PythonWsClient garbage = client(ZeekWebSocketServer.PATH);
    garbage.send("not json");
    assertEquals("msg " + error("deserialization_failed", "subscriptions not an array"), garbage.recv(30));
  }

  @Test
  void badDataMessagesGetErrorsAndTheConnectionStaysOpen() throws Exception {
    Inbox<DataMessage> local = Inbox.of(server.subscribe("/ok"));
    PythonWsClient c = subscribed("[]");
    c.send("not json");
    assertEquals("msg " + error("deserialization_failed", "failed to decode JSON object"), c.recv(30));
    c.send("[1,2]");
    assertEquals("msg " + error("deserialization_failed", "failed to decode JSON object"), c.recv(30));
    c.send("{\"type\":\"data-message\",\"@data-type\":\"count\",\"data\":1}");
    assertEquals("msg " + error("deserialization_failed", "no topic in top-level JSON object"), c.recv(30));
    c.send("{\"type\":\"data-message\",\"topic\":\"/ok\",\"@data-type\":\"phone\",\"data\":1}");
    assertEquals("msg " + error("deserialization_failed", "failed to decode JSON object"), c.recv(30));
    c.send("{\"type\":\"data-message\",\"topic\":\"/ok\",\"@data-type\":\"count\",\"data\":-1}");
    assertEquals("msg " + error("deserialization_failed", "failed to decode JSON object"), c.recv(30));
    c.send("{\"type\":\"data-message\",\"topic\":\"/ok\",\"@data-type\":\"count\",\"data\":7}");
    assertEquals(List.of(new DataMessage("/ok", Data.count(7))), local.awaitSize(1));
  }

  @Test
  void aLargeMessageIsDecodedOffTheLoopAndKeepsItsPlace() throws Exception {
    Inbox<DataMessage> local = Inbox.of(server.subscribe("/"));
    PythonWsClient c = subscribed("[]");
    assertEquals("sent", c.command("big " + 1024 * 1024));
    c.send(JsonFormat.encodeMessage("/small", Data.count(1)).encode());
    List<DataMessage> got = local.awaitSize(2);
    assertEquals(new DataMessage("/big", Data.string("x".repeat(1024 * 1024))), got.get(0));
    assertEquals(new DataMessage("/small", Data.count(1)), got.get(1));
  }

  @Test
  void aBinaryFrameIsRefusedWithClose1003() throws Exception {
    PythonWsClient c = subscribed("[]");
    assertEquals("sent", c.command("binary"));
    assertEquals("msg " + error("deserialization_failed", "binary frames are not supported, send text frames"),
        c.recv(30));
    assertEquals("closed 1003 binary frames are not supported, send text frames", c.recv(30));
  }

  @Test
  void aFiftyMegabyteMessageIsRefusedCleanlyAndOthersCarryOn() throws Exception {
    Inbox<DataMessage> local = Inbox.of(server.subscribe("/"));
    PythonWsClient big = subscribed("[]");
    PythonWsClient other = subscribed("[]");
    String answer = big.command("big " + 50 * 1024 * 1024);
    String next = answer.startsWith("closed") ? answer : big.recv(30);
    assertTrue(next.startsWith("closed 1009"), next);
    other.send(JsonFormat.encodeMessage("/small", Data.count(1)).encode());
    assertEquals(List.of(new DataMessage("/small", Data.count(1))), local.awaitSize(1));
    eventually(vertx, "the big client is gone", () -> ws.clients().size() == 1);
  }
}
