package io.brokervx.examples;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.Store;
import io.brokervx.test.Inbox;
import io.brokervx.verticle.BrokerNodeVerticle;
import io.brokervx.verticle.EndpointVerticle;
import io.brokervx.verticle.StoreService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node configuration the project ships ({@code examples/config/node.json}) under attack from a peer on
 * loopback (finding 1 of the security review): it may exchange events on the bridged prefix and nothing
 * else, and it gets no store rights, so its attach, reads and writes are refused and the SQLite store is
 * unchanged.
 */
class ShippedConfigTest {
  @TempDir
  Path dir;
  private Vertx vertx;
  private Endpoint attacker;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    JsonObject config = new JsonObject(Files.readString(Path.of("config/node.json")));
    config.getJsonObject("endpoint").getJsonObject("listen").put("port", 0);
    config.getJsonArray("stores").getJsonObject(0).put("path", dir.resolve("hosts.sqlite").toString());
    BrokerNodeVerticle node = new BrokerNodeVerticle();
    await(vertx.deployVerticle(node, new DeploymentOptions().setConfig(config)));
    StoreService hosts = StoreService.createProxy(vertx, "hosts");
    await(hosts.put(JsonFormat.encode(Data.string("10.0.0.1")), JsonFormat.encode(Data.count(1)), null));
    attacker = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(java.time.Duration.ofMillis(100)));
    await(attacker.peer("127.0.0.1", node.port()));
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  @Test
  void aLoopbackPeerGetsNoStoreRights() {
    Store clone = await(Store.attachClone(attacker, "hosts", new CloneOptions().setResyncInterval(Duration.ofMillis(100))
        .setMaxGetDelay(Duration.ofMillis(500)).setMutationBufferInterval(Duration.ofMillis(500))));
    BrokerException read = failure(clone.get(Data.string("10.0.0.1")), BrokerException.class);
    assertEquals(ErrorCode.STALE_DATA, read.error(), "no snapshot reaches it");
    // writes wait for an attach that never succeeds, then fail
    failure(clone.put(Data.string("10.0.0.2"), Data.count(2)), BrokerException.class);
    failure(clone.clear(), BrokerException.class);
    StoreService hosts = StoreService.createProxy(vertx, "hosts");
    assertEquals(List.of(Data.string("10.0.0.1")),
        List.copyOf(((io.brokervx.data.SetData) JsonFormat.decode(await(hosts.keys()))).elements()), "nothing changed");
  }

  @Test
  void aLoopbackPeerExchangesEventsOnTheBridgedPrefixOnly() {
    List<JsonObject> bridged = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer("zeek.events", m -> bridged.add(m.body())).completion());
    Inbox<DataMessage> atAttacker = Inbox.of(attacker.subscribe("zeek/", "other/"));
    attacker.publish("other/x", Data.count(0));
    attacker.publish("zeek/events/x", Data.count(1));
    eventually(vertx, "the allowed event crossed the bridge", () -> bridged.size() == 1);
    assertEquals("zeek/events/x", bridged.get(0).getString("topic"));
    vertx.eventBus().send("zeek.events.out", JsonFormat.encodeMessage("zeek/events/y", Data.count(2)));
    atAttacker.await("the bridged event", 1, m -> true);
    assertEquals(new DataMessage("zeek/events/y", Data.count(2)), atAttacker.items().get(0));
  }
}
