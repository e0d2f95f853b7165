package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;
import static io.brokervx.endpoint.TestSupport.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Garbage, wrong magic, unsupported versions, oversized and truncated frames, silence and abrupt closes:
 * each bad peer is dropped with a status event naming Broker's error, and a good peer keeps working.
 */
class HostilePeerTest {
  private static final UUID SERVER = UUID.fromString("ffffffff-0000-4000-8000-000000000001");
  private Vertx vertx;
  private Endpoint server;
  private Endpoint good;
  private int port;
  private final List<StatusEvent> statuses = new CopyOnWriteArrayList<>();
  private final List<DataMessage> atServer = new CopyOnWriteArrayList<>();
  private final List<DataMessage> atGood = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    server = Endpoint.create(vertx, new EndpointOptions().setId(SERVER.toString()).setHandshakeTimeout(500)
        .setMaxFrameSize(4096));
    server.statuses().handler(statuses::add);
    port = await(server.listen("127.0.0.1", 0));
    server.subscribe("/good").handler(atServer::add);
    good = Endpoint.create(vertx);
    good.subscribe("/good").handler(atGood::add);
    await(good.peer("127.0.0.1", port));
  }

  @AfterEach
  void tearDown() {
    await(good.close());
    await(server.close());
    await(vertx.close());
  }

  private StatusEvent awaitStatus(String what, Predicate<StatusEvent> p) {
    eventually(vertx, what, () -> Future.succeededFuture(statuses.stream().anyMatch(p)));
    return statuses.stream().filter(p).findFirst().orElseThrow();
  }

  private void goodPeerStillWorks() {
    int s = atServer.size();
    int g = atGood.size();
    eventually(vertx, "subscriptions known", () -> good.subscribersOf("/good").map(x -> x.contains(server.id())));
    eventually(vertx, "subscriptions known", () -> server.subscribersOf("/good").map(x -> x.contains(good.id())));
    good.publish("/good", Data.string("to server"));
    server.publish("/good", Data.string("to good"));
    eventually(vertx, "both directions", () -> Future.succeededFuture(atServer.size() > s && atGood.size() > g));
  }

  private void closedByServer(RawPeer raw) {
    await(raw.closed.future());
  }

  @Test
  void garbageBytes() {
    RawPeer raw = new RawPeer(vertx, port).send("474554202f20485454502f312e310d0a486f73743a20780d0a0d0a");
    StatusEvent e = awaitStatus("invalid_message", s -> s.error() == ErrorCode.INVALID_MESSAGE);
    assertTrue(e.message().contains("exceeds"), e.toString());
    closedByServer(raw);
    goodPeerStillWorks();
  }

  @Test
  void wrongMagic() {
    RawPeer raw = new RawPeer(vertx, port).send("0000001706deadbeef010101010000400080000000000000010101");
    awaitStatus("wrong_magic_number", s -> s.code() == StatusCode.ERROR && s.error() == ErrorCode.WRONG_MAGIC_NUMBER);
    closedByServer(raw);
    assertTrue(raw.receivedHex().contains("095a45454b" + SERVER.toString().replace("-", "") + "26"),
        "drop_conn with wrong_magic_number: " + raw.receivedHex());
    goodPeerStillWorks();
  }

  @Test
  void unsupportedVersion() {
    RawPeer raw = new RawPeer(vertx, port).send("00000017065a45454b010101010000400080000000000000010707");
    awaitStatus("peer_incompatible", s -> s.error() == ErrorCode.PEER_INCOMPATIBLE);
    closedByServer(raw);
    assertTrue(raw.receivedHex().contains("095a45454b" + SERVER.toString().replace("-", "") + "02"),
        "drop_conn with peer_incompatible: " + raw.receivedHex());
    goodPeerStillWorks();
  }

  @Test
  void oversizedFrame() {
    RawPeer raw = new RawPeer(vertx, port).send("0000100106");
    awaitStatus("oversized", s -> s.error() == ErrorCode.INVALID_MESSAGE && s.message().contains("4097"));
    closedByServer(raw);
    goodPeerStillWorks();
  }

  @Test
  void truncatedFrameThenClose() {
    RawPeer raw = new RawPeer(vertx, port).send("00000017065a45");
    raw.close();
    awaitStatus("disconnect during handshake", s -> s.error() == ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE);
    goodPeerStillWorks();
  }

  @Test
  void silentDuringTheHandshake() {
    RawPeer raw = new RawPeer(vertx, port);
    awaitStatus("peer_timeout", s -> s.error() == ErrorCode.PEER_TIMEOUT);
    closedByServer(raw);
    goodPeerStillWorks();
  }

  @Test
  void abruptCloseMidFrameAfterTheHandshake() {
    UUID rawId = UUID.fromString("00000000-0000-4000-8000-000000000001");
    RawPeer raw = new RawPeer(vertx, port).handshakeAsBrokerOriginator(vertx, rawId, List.of("/good"));
    awaitStatus("peer_added", s -> s.code() == StatusCode.PEER_ADDED && rawId.equals(s.endpoint()));
    raw.send("00000031" + rawId.toString().replace("-", "") + "0000");
    raw.close();
    StatusEvent lost = awaitStatus("peer_lost", s -> s.code() == StatusCode.PEER_LOST && rawId.equals(s.endpoint()));
    assertTrue(lost.message().contains("mid-frame"), lost.toString());
    goodPeerStillWorks();
  }
}
