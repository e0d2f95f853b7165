package io.brokervx.endpoint;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.brokervx.test.Inbox;
import io.brokervx.test.TestCertificates.KeyForm;
import io.brokervx.test.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authorization by certificate identity (mutual TLS): what each peer may publish, receive and do with a
 * store, as the server's rules say; a peer no rule names may do nothing; a certificate of an unknown CA is
 * refused outright.
 */
@ExtendWith(VertxExtension.class)
class AuthorizationTest {
  private static final String ALICE = "CN=alice,O=broker-vertx tests";
  private static final String BOB = "CN=bob,O=broker-vertx tests";

  @TempDir
  Path dir;
  private Vertx vertx;
  private TestCertificates pki;
  private Endpoint server;
  private int port;
  private Inbox<StatusEvent> serverStatuses;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    pki = TestCertificates.createCa(dir, "authz-ca");
    List<AuthorizationRule> rules = List.of(
        new AuthorizationRule().setIdentity(ALICE).setPublish(List.of("/a")).setSubscribe(List.of("/b"))
            .setStores(Map.of("kv", StoreAccess.WRITE)),
        new AuthorizationRule().setIdentity(BOB).setPublish(List.of()).setSubscribe(List.of("/a"))
            .setStores(Map.of("kv", StoreAccess.READ)));
    server = Endpoint.create(vertx, new EndpointOptions().setTls(pki.issue("server", false, KeyForm.PLAIN_PKCS8))
        .setAuthorization(rules));
    serverStatuses = Inbox.of(server.statuses());
    port = await(server.listen("127.0.0.1", 0));
  }

  private Endpoint peer(String cn, TestCertificates ca) throws Exception {
    Endpoint e = Endpoint.create(vertx, new EndpointOptions().setTls(ca.issue(cn, false, KeyForm.PLAIN_PKCS8)));
    await(e.peer("127.0.0.1", port));
    return e;
  }

  @Test
  void aPeerPublishesAndReceivesWhatItsRuleAllowsAndNothingElse() throws Exception {
    Inbox<DataMessage> atServer = Inbox.of(server.subscribe("/a", "/c"));
    Endpoint alice = peer("alice", pki);
    Inbox<DataMessage> atAlice = Inbox.of(alice.subscribe("/b", "/a"));
    eventually(vertx, "alice sees the server's subscriptions", () -> alice.subscribersOf("/a/x")
        .map(s -> s.contains(server.id())));
    eventually(vertx, "the server sees alice's", () -> server.subscribersOf("/b/x").map(s -> s.contains(alice.id())));
    alice.publish("/c/denied", Data.string("not allowed"));
    alice.publish("/a/ok", Data.string("allowed"));
    assertEquals(List.of(new DataMessage("/a/ok", Data.string("allowed"))), atServer.awaitSize(1));
    StatusEvent denied = serverStatuses.await("a denial", s -> s.message().startsWith("denied by rule"));
    assertTrue(denied.message().contains("may not publish on /c/denied"), denied.message());

    server.publish("/a/not-for-alice", Data.string("hidden"));
    server.publish("/b/for-alice", Data.string("shown"));
    assertEquals(List.of(new DataMessage("/b/for-alice", Data.string("shown"))), atAlice.awaitSize(1));
    await(alice.close());
    assertEquals(1, atAlice.items().size(), "alice may not receive /a: " + atAlice.items());
    assertEquals(1, atServer.items().size(), "the denied publication never arrived: " + atServer.items());
  }

  @Test
  void storeAccessIsByRule() throws Exception {
    Store master = await(Store.attachMaster(server, "kv", new MasterOptions()));
    await(master.put(Data.string("k"), Data.count(1)));
    Endpoint alice = peer("alice", pki);
    Endpoint bob = peer("bob", pki);
    CloneOptions quick = new CloneOptions().setResyncInterval(Duration.ofMillis(100));
    Store aliceClone = await(Store.attachClone(alice, "kv", quick));
    Store bobClone = await(Store.attachClone(bob, "kv", quick));
    assertEquals(Data.count(1), await(aliceClone.get(Data.string("k"))), "alice (write) reads");
    assertEquals(Data.count(1), await(bobClone.get(Data.string("k"))), "bob (read) reads");
    await(aliceClone.put(Data.string("alice"), Data.count(2)));
    assertEquals(Data.count(2), await(master.get(Data.string("alice"))));
    BrokerException refused = failure(bobClone.put(Data.string("bob"), Data.count(3)), BrokerException.class);
    assertEquals(ErrorCode.PEER_INVALID, refused.error(), refused.getMessage());
    assertFalse(await(master.exists(Data.string("bob"))), "bob's write changed nothing");
    await(alice.close());
    await(bob.close());
  }

  @Test
  void aPeerNoRuleNamesMayDoNothingWithTheStore() throws Exception {
    Store master = await(Store.attachMaster(server, "kv", new MasterOptions()));
    await(master.put(Data.string("k"), Data.count(1)));
    Endpoint mallory = peer("mallory", pki);
    Store clone = await(Store.attachClone(mallory, "kv", new CloneOptions().setResyncInterval(Duration.ofMillis(100)).setMaxGetDelay(Duration.ofMillis(500))));
    BrokerException stale = failure(clone.get(Data.string("k")), BrokerException.class);
    assertEquals(ErrorCode.STALE_DATA, stale.error(), "no snapshot ever reaches an unauthorized clone");
    serverStatuses.await("the attach was denied", s -> s.message().startsWith("denied by rule")
        && s.message().contains("CN=mallory"));
    assertEquals(List.of(Data.string("k")), List.copyOf(await(master.keys()).elements()), "nothing changed");
    await(mallory.close());
  }

  @Test
  void aCertificateOfAnUnknownCaIsRefused() throws Exception {
    TestCertificates other = TestCertificates.createCa(java.nio.file.Files.createDirectories(dir.resolve("other")),
        "other-ca");
    Endpoint stranger = Endpoint.create(vertx, new EndpointOptions().setTls(other.issue("alice", false,
        KeyForm.PLAIN_PKCS8)));
    Inbox<StatusEvent> statuses = Inbox.of(stranger.statuses());
    stranger.peer("127.0.0.1", port);
    StatusEvent e = statuses.await("a refusal", s -> s.code() == StatusCode.ERROR);
    assertEquals(ErrorCode.PEER_INVALID, e.error(), e.toString());
    assertTrue(await(server.peers()).isEmpty(), "no peering");
    await(stranger.close());
  }
}
