package io.brokervx.endpoint;

import io.brokervx.error.ErrorCode;
import static io.brokervx.test.PlainEndpoints.plaintext;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.test.Inbox;
import io.brokervx.test.RawClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Raw sockets that misbehave against a listening endpoint: garbage, a wrong magic, an unsupported version, an
 * oversized frame, a truncated frame, silence, and an abrupt close in the middle of a frame after a complete
 * Broker handshake. Each is dropped with a status event naming Broker's error, and a well-behaved peer of the
 * same endpoint keeps exchanging messages in both directions.
 */
@ExtendWith(VertxExtension.class)
class HostilePeerTest {
  /** The id of Broker's endpoint in the captured probes; raw clients with a smaller id originate. */
  private static final UUID SERVER = UUID.fromString("80808080-0000-4000-8000-000000000008");
  private static final UUID CLIENT = UUID.fromString("10111213-1415-1617-1819-1a1b1c1d1e1f");
  private static final int MAX_FRAME = 4096;

  private Vertx vertx;
  private Endpoint server;
  private Endpoint good;
  private int port;
  private Inbox<StatusEvent> statuses;
  private Inbox<DataMessage> atServer;
  private Inbox<DataMessage> atGood;
  /** The number of status events once the good peering was up. */
  private int peered;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    server = Endpoint.create(vertx, plaintext().setId(SERVER.toString()).setHandshakeTimeout(500)
        .setMaxFrameSize(MAX_FRAME));
    statuses = Inbox.of(server.statuses());
    port = await(server.listen("127.0.0.1", 0));
    atServer = Inbox.of(server.subscribe("/to-server"));
    good = Endpoint.create(vertx, plaintext());
    atGood = Inbox.of(good.subscribe("/to-good"));
    await(good.peer("127.0.0.1", port));
    eventually(vertx, "the server sees the good peer's subscription",
        () -> server.subscribersOf("/to-good").map(s -> s.equals(Set.of(good.id()))));
    eventually(vertx, "the good peer sees the server's subscription",
        () -> good.subscribersOf("/to-server").map(s -> s.equals(Set.of(SERVER))));
    // on a busy machine the good peer's first handshake may outlast the 500 ms limit and be retried
    peered = statuses.size();
    goodPeerExchangesMessages();
  }

  @AfterEach
  void tearDown() {
    await(good.close());
    await(server.close());
  }

  /** Both directions of the good peering carry a fresh message; once peered, the good peer was never lost. */
  private void goodPeerExchangesMessages() {
    int s = atServer.size();
    int g = atGood.size();
    good.publish("/to-server", Data.count(s));
    server.publish("/to-good", Data.count(g));
    assertEquals(new DataMessage("/to-server", Data.count(s)), atServer.awaitSize(s + 1).get(s),
        "the server hears the good peer");
    assertEquals(new DataMessage("/to-good", Data.count(g)), atGood.awaitSize(g + 1).get(g),
        "the good peer hears the server");
    assertEquals(s + 1, atServer.size());
    assertEquals(g + 1, atGood.size());
    List<PeerInfo> peers = await(server.peers());
    assertTrue(peers.stream().anyMatch(p -> p.id().equals(good.id())), "good peer still peered: " + peers);
    List<StatusEvent> all = statuses.items();
    List<StatusEvent> since = all.subList(peered, all.size());
    assertTrue(since.stream().noneMatch(e -> good.id().equals(e.endpoint())
        && e.code() != StatusCode.PEER_ADDED && e.code() != StatusCode.ENDPOINT_DISCOVERED),
        "no bad news about the good peer: " + since);
  }

  /** Waits for the server's status event about the raw connection {@code c} that satisfies {@code p}. */
  private StatusEvent awaitStatus(RawClient c, String what, Predicate<StatusEvent> p) {
    return statuses.await(what, e -> e.port() == c.localPort() && "127.0.0.1".equals(e.host()) && p.test(e));
  }

  private StatusEvent awaitError(RawClient c, ErrorCode error) {
    StatusEvent e = awaitStatus(c, "an error event " + error.brokerName(), s -> s.code() == StatusCode.ERROR);
    assertEquals(error, e.error(), e.toString());
    return e;
  }

  /** The endpoint refused the client with a drop_conn carrying Broker's error number {@code code} and its id. */
  private static Handshake.DropConn assertDropConn(RawClient c, int code) {
    Handshake.DropConn d = c.awaitHandshake(Handshake.DropConn.class, x -> true);
    assertEquals(code, d.code(), d.toString());
    assertEquals(Handshake.MAGIC, d.magic());
    assertEquals(SERVER, d.sender());
    return d;
  }

  @Test
  void garbage() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.send(Buffer.buffer("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: curl/8.0\r\n\r\n", "US-ASCII"));
    StatusEvent e = awaitError(c, ErrorCode.INVALID_MESSAGE);
    assertTrue(e.message().contains(Integer.toString(0x47455420)), e.message()); // "GET " read as a length
    assertDropConn(c, 20);
    await(c.closed());
    assertTrue(c.handshakeMessages().get(0) instanceof Handshake.Probe, "the acceptor probes first");
    goodPeerExchangesMessages();
  }

  @Test
  void wrongMagic() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.send(new Handshake.Hello(0xdeadbeef, CLIENT, 1, 1));
    StatusEvent e = awaitError(c, ErrorCode.WRONG_MAGIC_NUMBER);
    assertEquals("wrong magic number", e.message());
    assertEquals("wrong magic number", assertDropConn(c, 38).description());
    await(c.closed());
    goodPeerExchangesMessages();
  }

  @Test
  void unsupportedVersion() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.send(new Handshake.Hello(Handshake.MAGIC, CLIENT, 7, 7));
    awaitError(c, ErrorCode.PEER_INCOMPATIBLE);
    assertEquals("unsupported versions offered", assertDropConn(c, 2).description());
    await(c.closed());
    goodPeerExchangesMessages();
  }

  @Test
  void oversizedFrame() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.send(new Handshake.Hello(Handshake.MAGIC, CLIENT, 1, 1));
    c.awaitHandshake(Handshake.Hello.class, h -> h.sender().equals(SERVER));
    c.send(Buffer.buffer().appendInt(MAX_FRAME + 1).appendByte((byte) Handshake.ORIGINATOR_SYN)
        .appendBytes(new byte[MAX_FRAME]));
    StatusEvent e = awaitError(c, ErrorCode.INVALID_MESSAGE);
    assertTrue(e.message().contains(Integer.toString(MAX_FRAME + 1)), e.message());
    assertDropConn(c, 20);
    await(c.closed());
    goodPeerExchangesMessages();
  }

  @Test
  void truncatedFrameThenClose() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.awaitHandshake(Handshake.Probe.class, p -> true);
    Buffer hello = Handshake.encode(new Handshake.Hello(Handshake.MAGIC, CLIENT, 1, 1));
    c.send(hello.getBuffer(0, 12));
    c.close();
    StatusEvent e = awaitError(c, ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE);
    assertNull(e.endpoint(), "the id was never learned");
    goodPeerExchangesMessages();
  }

  @Test
  void truncatedFrameThenReset() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.awaitHandshake(Handshake.Probe.class, p -> true);
    Buffer hello = Handshake.encode(new Handshake.Hello(Handshake.MAGIC, CLIENT, 1, 1));
    c.send(hello.getBuffer(0, 12));
    c.reset();
    awaitError(c, ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE);
    goodPeerExchangesMessages();
  }

  @Test
  void silentDuringTheHandshake() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    awaitError(c, ErrorCode.PEER_TIMEOUT);
    assertDropConn(c, 6);
    await(c.closed());
    goodPeerExchangesMessages();
  }

  @Test
  void silentAfterHelloDuringTheHandshake() {
    RawClient c = new RawClient(vertx, port, CLIENT);
    c.send(new Handshake.Hello(Handshake.MAGIC, CLIENT, 1, 1));
    c.awaitHandshake(Handshake.Hello.class, h -> h.sender().equals(SERVER));
    StatusEvent e = awaitError(c, ErrorCode.PEER_TIMEOUT);
    assertEquals(CLIENT, e.endpoint());
    await(c.closed());
    assertTrue(statuses.items().stream()
        .noneMatch(s -> s.code() == StatusCode.PEER_ADDED && CLIENT.equals(s.endpoint())));
    goodPeerExchangesMessages();
  }

  /** A complete Broker handshake; the client hears a publication, then vanishes inside a frame. */
  private RawClient brokerPeerThatHearsTheServer() {
    RawClient c = new RawClient(vertx, port, CLIENT).handshakeAsOriginator(List.of("/to-raw"));
    awaitStatus(c, "peer_added for the raw Broker peer", e -> e.code() == StatusCode.PEER_ADDED);
    eventually(vertx, "the server sees the raw peer's filter",
        () -> server.subscribersOf("/to-raw/x").map(s -> s.contains(CLIENT)));
    server.publish("/to-raw/x", Data.string("hello"));
    c.envelopes().await("the raw peer receives a data message",
        e -> e.type() == Envelope.DATA && e.topic().equals("/to-raw/x"));
    // in one write: a ping, whose pong shows that the server has read the write, then half a data envelope
    byte[] token = "are you there".getBytes(StandardCharsets.US_ASCII);
    Buffer bytes = Buffer.buffer().appendBuffer(Envelope.encodeV1(Envelope.PING, CLIENT, SERVER,
        Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.US_ASCII), token, 0, token.length).toBuffer());
    bytes.appendBytes(HexFormat.of().parseHex("00000031101112131415161718"));
    c.send(bytes);
    c.envelopes().await("the raw peer receives the pong", e -> e.type() == Envelope.PONG
        && Arrays.equals(token, Arrays.copyOfRange(e.array(), e.payloadFrom(), e.payloadTo())));
    return c;
  }

  @Test
  void abruptCloseInTheMiddleOfAFrameAfterTheHandshake() {
    RawClient c = brokerPeerThatHearsTheServer();
    c.close();
    StatusEvent e = awaitStatus(c, "peer_lost", s -> s.code() == StatusCode.PEER_LOST);
    assertEquals(CLIENT, e.endpoint());
    assertTrue(e.message().contains("mid-frame"), e.message());
    eventually(vertx, "the raw peer is gone", () -> server.peers().map(ps -> ps.stream()
        .noneMatch(p -> p.id().equals(CLIENT))));
    goodPeerExchangesMessages();
  }

  @Test
  void resetInTheMiddleOfAFrameAfterTheHandshake() {
    RawClient c = brokerPeerThatHearsTheServer();
    c.reset();
    StatusEvent e = awaitStatus(c, "peer_lost", s -> s.code() == StatusCode.PEER_LOST);
    assertEquals(CLIENT, e.endpoint());
    assertTrue(e.message().contains("mid-frame"), e.message());
    eventually(vertx, "the raw peer is gone", () -> server.peers().map(ps -> ps.stream()
        .noneMatch(p -> p.id().equals(CLIENT))));
    goodPeerExchangesMessages();
  }
}
