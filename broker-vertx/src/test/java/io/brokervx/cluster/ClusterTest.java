package io.brokervx.cluster;

import java.time.Duration;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A six-node cluster on loopback in one JVM: wiring, node_up/node_down, worker-to-worker, pools. */
@ExtendWith(VertxExtension.class)
class ClusterTest {
  @org.junit.jupiter.api.io.TempDir
  java.nio.file.Path storeDir;

  private static final List<String> NAMES = List.of("manager", "logger", "proxy-1", "proxy-2", "worker-1", "worker-2");
  private Vertx vertx;
  private final Map<String, Cluster> nodes = new HashMap<>();
  private final Map<String, Inbox<NodeEvent>> events = new HashMap<>();
  private ClusterLayout layout;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private ClusterOptions options() {
    return new ClusterOptions().setEndpointOptions(new EndpointOptions().setRetryInterval(Duration.ofMillis(100))
        .setHeartbeatInterval(Duration.ofMillis(200)).setHeartbeatTimeout(Duration.ofMillis(1000)));
  }

  private void startNode(String name) {
    Cluster c = await(Cluster.start(vertx, layout, name, options()));
    c.nodeEvents().handler(events.computeIfAbsent(name, k -> new Inbox<>()));
    nodes.put(name, c);
  }

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    JsonArray list = new JsonArray();
    for (String n : NAMES) {
      String type = n.replaceAll("-\\d+$", "");
      JsonObject o = new JsonObject().put("name", n).put("type", type).put("host", "127.0.0.1");
      if (!type.equals("worker")) {
        o.put("port", freePort());
      }
      list.add(o);
    }
    layout = ClusterLayout.fromJson(new JsonObject().put("nodes", list));
    for (String n : NAMES) {
      startNode(n);
    }
  }

  @AfterEach
  void tearDown() {
    nodes.values().forEach(c -> await(c.close()));
  }

  /** Waits until every node sees the five others up. */
  private void awaitAllUp() {
    for (String n : NAMES) {
      awaitUp(n, 5);
    }
  }

  private void awaitUp(String node, int count) {
    eventually(vertx, node + " sees " + count + " others up",
        () -> nodes.get(node).nodesUp().map(s -> s.size() == count));
  }

  @Test
  void theClusterWiresItselfAndEveryNodeSeesEveryOther() {
    awaitAllUp();
    // worker-to-worker: no direct peering, yet the message arrives through the multi-hop routing
    Inbox<DataMessage> atWorker2 = Inbox.of(nodes.get("worker-2").messages());
    Cluster w1 = nodes.get("worker-1");
    w1.endpoint().publish(w1.topics().nodeTopic("worker-2"), Data.string("hi from worker-1"));
    assertEquals(Data.string("hi from worker-1"), atWorker2.awaitSize(1).get(0).data(), "worker-2 got it");
  }

  @Test
  void aDeadProxyLeavesItsPoolOnlyItsKeysMoveAndItIsUsedAgainAfterRejoining() {
    awaitAllUp();
    Cluster worker = nodes.get("worker-1");
    String pool = worker.topics().poolTopic("proxy");
    assertEquals(List.of("proxy-1", "proxy-2"), worker.poolMembers(pool));
    Map<String, String> owners = new HashMap<>();
    for (int i = 0; i < 400; i++) {
      owners.put("10.0.0." + i, await(worker.topicForKey(pool, "10.0.0." + i)));
    }
    String proxy1 = worker.topics().nodeTopic("proxy-1");
    assertTrue(owners.containsValue(proxy1) && owners.containsValue(worker.topics().nodeTopic("proxy-2")));

    await(nodes.remove("proxy-1").close());
    events.get("worker-1").await("worker-1 sees proxy-1 down", e -> !e.up() && e.name().equals("proxy-1"));
    owners.forEach((key, owner) -> {
      String now = await(worker.topicForKey(pool, key));
      if (owner.equals(proxy1)) {
        assertNotEquals(proxy1, now, "a key of the dead proxy moved");
      } else {
        assertEquals(owner, now, "a survivor's key stayed: " + key);
      }
    });
    for (int i = 0; i < 4; i++) {
      assertEquals(worker.topics().nodeTopic("proxy-2"), await(worker.topicRoundRobin(pool, "rr")));
    }

    startNode("proxy-1");
    awaitUp("worker-1", 5);
    assertTrue(List.of(await(worker.topicRoundRobin(pool, "rr2")), await(worker.topicRoundRobin(pool, "rr2")))
        .contains(proxy1), "round-robin uses the rejoined proxy");
    owners.forEach((key, owner) -> assertEquals(owner, await(worker.topicForKey(pool, key)), "keys return: " + key));
  }

  /** The same operations on a store, returning its final content. */
  private static Map<Data, Data> workload(io.brokervx.store.Store s) {
    await(s.put(Data.string("a"), Data.count(1)));
    await(s.increment(Data.string("a"), Data.count(2)));
    await(s.insertInto(Data.string("set"), Data.string("x")));
    await(s.push(Data.string("v"), Data.count(7)));
    await(s.putUnique(Data.string("a"), Data.count(9)));
    Map<Data, Data> out = new HashMap<>();
    for (Data k : await(s.keys()).elements()) {
      out.put(k, await(s.get(k)));
    }
    return out;
  }

  @Test
  void storesBehaveTheSameStandaloneAndClusteredAndPersistThroughAManagerRestart() {
    awaitAllUp();
    io.brokervx.endpoint.Endpoint lone = io.brokervx.endpoint.Endpoint.create(vertx);
    Map<Data, Data> standalone = workload(await(ClusterStores.createStandalone(lone, "counts", false,
        new StoreDefaults())));
    await(lone.close());

    nodes.get("manager").storeDefaults("persist").setStoreDir(storeDir.toString());
    Map<String, io.brokervx.store.Store> stores = new HashMap<>();
    for (String n : NAMES) {
      stores.put(n, await(nodes.get(n).createStore("counts", false)));
    }
    assertTrue(stores.get("manager").isMaster());
    assertTrue(!stores.get("worker-1").isMaster());
    eventually(vertx, "the clone synced", () -> stores.get("worker-1").keys().map(true));
    assertEquals(standalone, workload(stores.get("worker-1")), "standalone and clustered agree");

    io.brokervx.store.Store persist = await(nodes.get("manager").createStore("persist", true));
    await(persist.put(Data.string("kept"), Data.count(42)));
    await(nodes.remove("manager").close());
    startNode("manager");
    nodes.get("manager").storeDefaults("persist").setStoreDir(storeDir.toString());
    io.brokervx.store.Store again = await(nodes.get("manager").createStore("persist", true));
    assertEquals(Data.count(42), await(again.get(Data.string("kept"))), "the persistent store survived the restart");
    assertTrue(java.nio.file.Files.exists(storeDir.resolve("persist.sqlite")));
  }
}
