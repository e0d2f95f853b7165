package io.brokervx.interop;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.RealData;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.test.BrokerProcess;
import io.brokervx.test.Inbox;
import io.brokervx.test.PlainEndpoints;
import io.brokervx.websocket.PythonWsClient;
import io.brokervx.websocket.ZeekWebSocketClient;
import io.brokervx.websocket.ZeekWebSocketClientOptions;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broker 6.2's WebSocket server ({@code broker-node}, server bound to 127.0.0.1, peered with our endpoint over
 * plain TCP so that both directions can be checked value by value): {@link ZeekWebSocketClient}'s handshake (Broker
 * 6.2 needs RFC 6455's spelling of the header names) and every data type of the shared vectors both ways through
 * it; Broker's answers to malformed JSON and bad subscriptions, which our client cannot send, through the
 * independent Python client.
 */
@Tag("interop")
@ExtendWith(VertxExtension.class)
class WebSocketInteropTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Endpoint ours;
  private BrokerProcess node;
  private String url;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    BrokerProcess.assumeAvailable();
    this.vertx = vertx;
    ours = Endpoint.create(vertx, PlainEndpoints.plaintext());
    int port = await(ours.listen("127.0.0.1", 0));
    int wsPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      wsPort = s.getLocalPort();
    }
    node = BrokerProcess.node(List.of("--disable-ssl", "-t", "[\"/demo\"]", "--peers=['tcp://127.0.0.1:" + port + "']",
        "--broker.web-socket.port=" + wsPort, "--broker.web-socket.address=127.0.0.1"), dir);
    url = "ws://127.0.0.1:" + wsPort + ZeekWebSocketServer.PATH;
    eventually(vertx, "broker-node peers with us", () -> ours.peers().map(p -> !p.isEmpty()));
  }

  @AfterEach
  void tearDown() {
    if (node != null) {
      node.close();
    }
    await(ours.close());
  }

  /** Connects the independent Python client once Broker's server answers, and subscribes. */
  private PythonWsClient python(String subscriptions) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    PythonWsClient p = PythonWsClient.connect(url);
    while (!p.opening().equals("open")) {
      closeQuietly(p);
      assertTrue(System.nanoTime() < deadline, "Broker's WebSocket server never answered: " + p.opening());
      Promise<Void> tick = Promise.promise();
      vertx.setTimer(100, t -> tick.complete());
      await(tick.future());
      p = PythonWsClient.connect(url);
    }
    p.send(subscriptions);
    return p;
  }

  private static void closeQuietly(PythonWsClient p) {
    try {
      p.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Data> vectors() throws Exception {
    // the shared vectors, as broker-codecs keeps them (tests run in the module's directory)
    JsonArray all = new JsonArray(Files.readString(Path.of("../broker-codecs/src/test/resources/vectors/data-bin-v1.json")));
    List<Data> out = new ArrayList<>();
    for (Object o : all) {
      JsonObject v = (JsonObject) o;
      if (v.getBoolean("roundtrip_ok", false)) {
        out.add(JsonFormat.decode(v.getString("json_v1_v6_2_0")));
      }
    }
    return out;
  }

  /** Our client, once Broker's server answers (the Python client tells), without reconnection. */
  private ZeekWebSocketClient client(String... subscriptions) throws Exception {
    python("[]").close();
    return await(ZeekWebSocketClient.connect(vertx, new ZeekWebSocketClientOptions().setUrl(url)
        .setSubscriptions(List.of(subscriptions)).setApplicationName("interop").setReconnect(false)));
  }

  @Test
  void handshakeAcksWithBrokersIdAndVersion() throws Exception {
    try (PythonWsClient p = python("[\"/demo\"]")) {
      JsonObject ack = new JsonObject(p.message());
      assertEquals(List.of("type", "endpoint", "version"), List.copyOf(ack.fieldNames()));
      UUID.fromString(ack.getString("endpoint"));
      assertEquals("6.2.0", ack.getString("version"));
    }
  }

  /**
   * Broker 6.2's server (CAF 0.18) matches {@code Sec-WebSocket-Key} case-sensitively and answers 400 to the
   * lower-case header names Netty writes (legal HTTP); our client spells them as RFC 6455 does and gets the ack.
   */
  @Test
  void ourClientHandshakesWithBrokers62Server() throws Exception {
    ZeekWebSocketClient c = client("/demo");
    assertTrue(c.isConnected());
    UUID.fromString(c.endpointId());
    assertEquals("6.2.0", c.version());
    await(c.close());
    assertFalse(c.isConnected());
    // a wrong path: Broker 6.2 answers HTTP 400 instead of upgrading
    BrokerException e = failure(ZeekWebSocketClient.connect(vertx, new ZeekWebSocketClientOptions()
        .setUrl(url.replace(ZeekWebSocketServer.PATH, "/v1/wrong")).setReconnect(false)), BrokerException.class);
    assertEquals(ErrorCode.PEER_UNAVAILABLE, e.error());
    assertTrue(e.getMessage().contains("400"), e.getMessage());
  }

  /**
   * Every value of the vectors from our client through Broker's server to our native endpoint, and back the other
   * way. Broker 6.2 refuses non-finite reals in any JSON form we may write ({@code "NaN"}, {@code "Infinity"}; it
   * reads only a bare {@code nan}, which is not JSON): those three get its error; the largest double becomes +inf in
   * its reader; every other value arrives intact. Broker's bare {@code nan}/{@code inf} reach our client as the
   * values they stand for.
   */
  @Test
  void everyDataTypeTravelsBothWays() throws Exception {
    List<Data> values = vectors();
    assertTrue(values.size() > 40, "vectors: " + values.size());
    Inbox<DataMessage> atOurs = Inbox.of(ours.subscribe("/demo/ws"));
    ZeekWebSocketClient c = client("/demo/native");
    Inbox<BrokerException> errors = new Inbox<>();
    c.errorHandler(errors);
    Inbox<DataMessage> toWs = Inbox.of(c.messages());
    eventually(vertx, "Broker sees our subscription", () -> ours.subscribersOf("/demo/ws/x").map(s -> true));
    List<Integer> nonFinite = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) instanceof RealData r && !Double.isFinite(r.value())) {
        nonFinite.add(i);
      }
      await(c.publish("/demo/ws/" + i, values.get(i)));
      ours.publish("/demo/native/" + i, values.get(i));
    }
    List<DataMessage> fromWs = atOurs.awaitSize(values.size() - nonFinite.size());
    for (int i = 0, got = 0; i < values.size(); i++) {
      if (!nonFinite.contains(i)) {
        // Broker's JSON reader (CAF 0.18) turns the largest double, 1.7976931348623157E308, into +inf
        Data sent = values.get(i) instanceof RealData r && r.value() == Double.MAX_VALUE
            ? Data.real(Double.POSITIVE_INFINITY) : values.get(i);
        assertEquals(new DataMessage("/demo/ws/" + i, sent), fromWs.get(got++), "client -> Broker -> us #" + i);
      }
    }
    List<DataMessage> received = toWs.awaitSize(values.size());
    for (int i = 0; i < values.size(); i++) {
      assertEquals(new DataMessage("/demo/native/" + i, values.get(i)), received.get(i), "us -> Broker -> client #" + i);
    }
    assertEquals(3, nonFinite.size(), "NaN, +inf, -inf");
    for (BrokerException e : errors.awaitSize(nonFinite.size())) {
      assertEquals(ErrorCode.DESERIALIZATION_FAILED, e.error());
      assertTrue(e.getMessage().contains("contained invalid data"), e.getMessage());
    }
    await(c.close());
  }

  @Test
  void brokersAnswersToMalformedInput() throws Exception {
    try (PythonWsClient p = python("[\"/demo\"]")) {
      assertTrue(p.message().contains("\"ack\""));
      p.send("not json");
      assertTrue(p.message().startsWith("{\"type\":\"error\",\"code\":\"deserialization_failed\",\"context\":"
          + "\"input #1 contained malformed JSON"));
      p.send("{\"type\":\"data-message\",\"topic\":\"/demo/x\",\"@data-type\":\"phone\",\"data\":1}");
      assertEquals("{\"type\":\"error\",\"code\":\"deserialization_failed\",\"context\":\"input #2 contained "
          + "invalid data\"}", p.message());
    }
    // a bad subscription array: Broker answers nothing and keeps the connection open
    try (PythonWsClient p = python("{\"a\":1}")) {
      assertEquals("timeout", p.recv(1.5));
    }
  }

}
