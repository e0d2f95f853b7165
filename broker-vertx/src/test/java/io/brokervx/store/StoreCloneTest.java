package io.brokervx.store;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.impl.protocol.InternalCommandCodec;
import io.brokervx.store.impl.protocol.StoreCommand;
import io.brokervx.store.impl.protocol.StoreWire;
import io.brokervx.test.Inbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Masters and clones over real peerings: attach, propagation, convergence, loss, restart, staleness. */
@ExtendWith(VertxExtension.class)
class StoreCloneTest {
  private static final EndpointOptions FAST = new EndpointOptions().setRetryInterval(Duration.ofMillis(100));
  private static final CloneOptions QUICK = new CloneOptions().setHeartbeatInterval(Duration.ofMillis(100)).setMasterTimeout(Duration.ofMillis(600))
      .setResyncInterval(Duration.ofMillis(100));
  private Vertx vertx;
  private final List<Endpoint> endpoints = new ArrayList<>();
  @TempDir
  Path dir;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  @AfterEach
  void tearDown() {
    for (Endpoint e : endpoints) {
      await(e.close());
    }
  }

  private Endpoint endpoint() {
    Endpoint e = Endpoint.create(vertx, FAST);
    endpoints.add(e);
    return e;
  }

  private static ErrorCode error(Future<?> f) {
    return failure(f, BrokerException.class).error();
  }

  /** @return whether a command is one of the master's numbered actions (Broker's channel events) */
  private static boolean isMasterEvent(String topic, Buffer payload) {
    return topic.equals(StoreWire.cloneTopic("kv"))
        && InternalCommandCodec.decode(payload).content() instanceof StoreCommand.Action;
  }

  private static Future<Map<Data, Data>> state(Store s) {
    return s.keys().compose(keys -> {
      List<Future<Data>> values = new ArrayList<>();
      keys.elements().forEach(k -> values.add(s.get(k)));
      return Future.all(values).map(all -> {
        Map<Data, Data> m = new java.util.HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          m.put(keys.get(i), values.get(i).result());
        }
        return m;
      });
    });
  }

  @Test
  void cloneAttachedBeforeAnyPeeringFindsItsMasterAndGetsTheSnapshot() {
    Endpoint m = endpoint();
    Endpoint c = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions()));
    await(master.put(Data.string("a"), Data.count(1)));
    Store clone = await(Store.attachClone(c, "kv", QUICK));
    int port = await(m.listen("127.0.0.1", 0));
    await(c.peer("127.0.0.1", port));
    eventually(vertx, "the clone holds the snapshot", () -> clone.get(Data.string("a")).map(Data.count(1)::equals)
        .otherwise(false));
    assertFalse(clone.isMaster());
    assertEquals(ErrorCode.MASTER_EXISTS, error(Store.attachMaster(c, "kv", new MasterOptions())));
    assertEquals(ErrorCode.MASTER_EXISTS, error(Store.attachMaster(m, "kv", new MasterOptions())));
  }

  @Test
  void aClonesWriteIsVisibleThereOnlyOnceTheMasterPropagatedIt() {
    Endpoint m = endpoint();
    Endpoint c = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions()));
    int port = await(m.listen("127.0.0.1", 0));
    await(c.peer("127.0.0.1", port));
    Store clone = await(Store.attachClone(c, "kv", QUICK));
    await(clone.keys());
    // hold back the master's events at the clone
    List<Runnable> held = new CopyOnWriteArrayList<>();
    EndpointPort ci = EndpointPort.of(c);
    ci.runOnContext(() -> ci.interceptCommands((topic, payload, deliver) -> {
      if (isMasterEvent(topic, payload)) {
        held.add(deliver);
      } else {
        deliver.run();
      }
    }));
    Future<Void> write = clone.put(Data.string("k"), Data.string("v"));
    eventually(vertx, "the master applied the clone's write", () -> master.exists(Data.string("k")));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(clone.get(Data.string("k"))), "not visible before propagation");
    assertFalse(write.isComplete(), "the write completes only once visible here");
    ci.runOnContext(() -> {
      ci.interceptCommands(null);
      held.forEach(Runnable::run);
    });
    await(write);
    assertEquals(Data.string("v"), await(clone.get(Data.string("k"))), "visible once the write completed");
  }

  @Test
  void twoClonesConvergeAfterTenThousandMixedOperationsFromThreeWriters() {
    Endpoint m = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions()));
    int port = await(m.listen("127.0.0.1", 0));
    List<Store> clones = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Endpoint c = endpoint();
      await(c.peer("127.0.0.1", port));
      Store clone = await(Store.attachClone(c, "kv", QUICK));
      await(clone.keys());
      clones.add(clone);
    }
    List<Store> writers = List.of(master, clones.get(0), clones.get(1));
    Random random = new Random(42);
    List<Future<?>> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      Store w = writers.get(i % 3);
      Data key = Data.string("k" + random.nextInt(200));
      Future<?> f = switch (random.nextInt(6)) {
        case 0 -> w.put(key, Data.count(random.nextInt(100)));
        case 1 -> w.increment(Data.string("n" + random.nextInt(20)), Data.count(1));
        case 2 -> w.erase(key);
        case 3 -> w.insertInto(Data.string("s" + random.nextInt(10)), Data.count(random.nextInt(50)));
        case 4 -> w.push(Data.string("v" + random.nextInt(10)), Data.integer(i));
        default -> w.append(Data.string("a" + random.nextInt(10)), Data.string("x"));
      };
      all.add(f);
    }
    await(Future.join(all));
    for (Future<?> f : all) {
      assertTrue(f.succeeded(), () -> "a write failed: " + f.cause());
    }
    Map<Data, Data> expected = await(state(master));
    long increments = expected.entrySet().stream().filter(e -> e.getKey().toString().startsWith("n"))
        .mapToLong(e -> ((io.brokervx.data.CountData) e.getValue()).bits()).sum();
    assertTrue(increments > 1000, "increments from all writers arrived: " + increments);
    for (Store clone : clones) {
      eventually(vertx, "a clone converges", () -> state(clone).map(expected::equals));
    }
  }

  @Test
  void droppedAndReorderedEventsAreRecoveredByNackAndRetransmission() {
    Endpoint m = endpoint();
    Endpoint c = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions()));
    int port = await(m.listen("127.0.0.1", 0));
    await(c.peer("127.0.0.1", port));
    Store clone = await(Store.attachClone(c, "kv", QUICK));
    await(clone.keys());
    Inbox<StoreEvent> events = Inbox.of(clone.events());
    Random random = new Random(7);
    int[] dropped = new int[1];
    int[] delayed = new int[1];
    EndpointPort ci = EndpointPort.of(c);
    ci.runOnContext(() -> ci.interceptCommands((topic, payload, deliver) -> {
      if (!isMasterEvent(topic, payload)) {
        deliver.run();
        return;
      }
      int r = random.nextInt(10);
      if (r == 0) {
        dropped[0]++;
      } else if (r == 1) {
        delayed[0]++;
        vertx.setTimer(1 + random.nextInt(50), t -> ci.runOnContext(deliver));
      } else {
        deliver.run();
      }
    }));
    for (int round = 0; round < 400; round++) {
      List<Future<Void>> puts = new ArrayList<>();
      for (int i = round * 5; i < round * 5 + 5; i++) {
        puts.add(master.put(Data.count(i), Data.count(i)));
      }
      await(Future.all(puts)); // one batch of events per round
    }
    List<StoreEvent> applied = events.awaitSize(2000);
    assertEquals(2000, await(clone.keys()).size(), "the clone holds every key");
    assertTrue(dropped[0] > 10 && delayed[0] > 10, "faults were injected: " + dropped[0] + " / " + delayed[0]);
    assertEquals(2000, applied.stream().map(StoreEvent::key).distinct().count(), "each event applied once");
    assertEquals(2000, events.size(), "no loss, no duplicate");
    assertTrue(applied.stream().allMatch(e -> e.type() == StoreEvent.Type.INSERT));
    SetData keys = await(clone.keys());
    for (int i = 0; i < 2000; i++) {
      assertTrue(keys.contains(Data.count(i)));
    }
  }

  @Test
  void aSilentMasterMakesTheCloneStaleAndWritesOutsideTheBufferFail() {
    Endpoint m = endpoint();
    Endpoint c = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions()));
    await(master.put(Data.string("a"), Data.count(1)));
    int port = await(m.listen("127.0.0.1", 0));
    await(c.peer("127.0.0.1", port));
    Store clone = await(Store.attachClone(c, "kv", new CloneOptions(QUICK).setStaleInterval(Duration.ofMillis(300)).setMutationBufferInterval(Duration.ofMillis(300))));
    eventually(vertx, "synced", () -> clone.exists(Data.string("a")));
    await(master.close());
    Future<Void> late = clone.put(Data.string("b"), Data.count(2));
    assertEquals(ErrorCode.NO_SUCH_MASTER, error(late), "a buffered write fails after the buffer interval");
    eventually(vertx, "stale", () -> clone.get(Data.string("a")).map(false)
        .recover(t -> Future.succeededFuture(((BrokerException) t).error() == ErrorCode.STALE_DATA)));
  }

  @Test
  void writesBufferedWhileTheMasterIsAwayAreReplayedAndTheCloneReattachesWithAFreshSnapshot() {
    String file = dir.resolve("kv.sqlite").toString();
    MasterOptions persistent = new MasterOptions().setBackend(BackendType.SQLITE).setPath(file);
    Endpoint m1 = Endpoint.create(vertx, FAST);
    Store master1 = await(Store.attachMaster(m1, "kv", persistent));
    int port = await(m1.listen("127.0.0.1", 0));
    Endpoint c = endpoint();
    await(c.peer("127.0.0.1", port));
    Store clone = await(Store.attachClone(c, "kv", QUICK));
    await(master1.put(Data.string("before"), Data.count(1)));
    eventually(vertx, "synced", () -> clone.exists(Data.string("before")));
    await(m1.close());
    Future<Void> buffered = clone.put(Data.string("during"), Data.count(2));
    // a new master process on the same port and file
    Endpoint m2 = endpoint();
    await(m2.listen("127.0.0.1", port));
    Store master2 = await(Store.attachMaster(m2, "kv", persistent));
    await(master2.put(Data.string("after"), Data.count(3)));
    await(buffered);
    assertEquals(Data.count(2), await(master2.get(Data.string("during"))), "the buffered write was replayed");
    eventually(vertx, "fresh snapshot", () -> clone.exists(Data.string("after")));
    assertEquals(Data.count(1), await(clone.get(Data.string("before"))));
    assertEquals(Data.count(2), await(clone.get(Data.string("during"))));
  }

  @Test
  void sqliteMasterRestartKeepsEveryAcknowledgedWriteAndPendingExpiry() {
    String file = dir.resolve("kv.sqlite").toString();
    MasterOptions persistent = new MasterOptions().setBackend(BackendType.SQLITE).setPath(file);
    Endpoint m1 = Endpoint.create(vertx);
    Store s1 = await(Store.attachMaster(m1, "kv", persistent));
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      writes.add(s1.put(Data.count(i), Data.string("v" + i)));
    }
    // long enough to outlive the restart on a busy machine
    writes.add(s1.put(Data.string("short"), Data.count(1), Duration.ofSeconds(2)));
    writes.add(s1.put(Data.string("long"), Data.count(1), Duration.ofHours(1)));
    await(Future.all(writes));
    await(m1.close());
    Endpoint m2 = endpoint();
    Store s2 = await(Store.attachMaster(m2, "kv", persistent));
    assertEquals(1002, await(s2.keys()).size());
    assertEquals(Data.string("v999"), await(s2.get(Data.count(999))));
    eventually(vertx, "the pending expiry fired after the restart", () -> s2.exists(Data.string("short")).map(b -> !b));
    assertTrue(await(s2.exists(Data.string("long"))));
  }

  @Test
  void aSqliteMasterRestartedOnItsEndpointCarriesOnWithItsCloneAndAppliesEachWriteOnce() {
    MasterOptions persistent = new MasterOptions().setBackend(BackendType.SQLITE)
        .setPath(dir.resolve("kv.sqlite").toString());
    Endpoint m = endpoint();
    Endpoint c = endpoint();
    Store master = await(Store.attachMaster(m, "kv", persistent));
    int port = await(m.listen("127.0.0.1", 0));
    await(c.peer("127.0.0.1", port));
    // a patient clone: it keeps its channel across the restart rather than attaching anew
    Store clone = await(Store.attachClone(c, "kv", new CloneOptions(QUICK).setMasterTimeout(Duration.ofSeconds(20))));
    await(clone.keys());
    Data n = Data.string("n");
    List<Future<Void>> writes = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      writes.add(clone.increment(n, Data.count(1)));
    }
    await(Future.all(writes));
    await(master.close());
    Store again = await(Store.attachMaster(m, "kv", persistent));
    writes.clear();
    for (int i = 0; i < 100; i++) {
      writes.add(clone.increment(n, Data.count(1)));
    }
    await(again.increment(n, Data.count(1000)));
    await(Future.all(writes));
    assertEquals(Data.count(1200), await(again.get(n)), "every increment applied once");
    eventually(vertx, "the clone follows the restarted master", () -> clone.get(n).map(Data.count(1200)::equals));
    assertEquals(m.id(), await(clone.stats()).masterId(), "still attached");
  }

  @Test
  void proxyIdsIncreaseAndAnswersReachTheMailbox() {
    Endpoint m = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions()));
    Inbox<JsonObject> answers = new Inbox<>();
    vertx.eventBus().<JsonObject>consumer("mailbox.kv", msg -> answers.handle(msg.body()));
    StoreProxy proxy = master.proxy("mailbox.kv");
    long a = proxy.put(Data.string("k"), Data.count(7));
    await(master.put(Data.string("sync"), Data.none()));
    long b = proxy.get(Data.string("k"));
    long c = proxy.get(Data.string("missing"));
    long d = proxy.putUnique(Data.string("k"), Data.count(8));
    long e = proxy.keys();
    assertTrue(a < b && b < c && c < d && d < e, "ids increase");
    Map<Long, JsonObject> byId = new java.util.HashMap<>();
    answers.awaitSize(5).forEach(j -> byId.put(j.getLong("id"), j));
    assertEquals(Data.count(7), JsonFormat.decode(byId.get(b).getJsonObject("result")));
    assertEquals("no_such_key", byId.get(c).getString("error"));
    assertEquals(Data.bool(false), JsonFormat.decode(byId.get(d).getJsonObject("result")));
    assertEquals(Data.set(Data.string("k"), Data.string("sync")), JsonFormat.decode(byId.get(e).getJsonObject("result")));
  }

  @Test
  void storeEventsOnMasterAndClone() {
    Endpoint m = endpoint();
    Endpoint c = endpoint();
    Store master = await(Store.attachMaster(m, "kv", new MasterOptions().setTickInterval(Duration.ofMillis(20))));
    int port = await(m.listen("127.0.0.1", 0));
    await(c.peer("127.0.0.1", port));
    Store clone = await(Store.attachClone(c, "kv", QUICK));
    await(clone.keys());
    Inbox<StoreEvent> onMaster = Inbox.of(master.events());
    Inbox<StoreEvent> onClone = Inbox.of(clone.events());
    await(clone.put(Data.string("k"), Data.count(1)));
    await(master.put(Data.string("k"), Data.count(2)));
    await(master.erase(Data.string("k")));
    await(master.put(Data.string("e"), Data.count(1), Duration.ofMillis(50)));
    List<StoreEvent.Type> expected = List.of(StoreEvent.Type.INSERT, StoreEvent.Type.UPDATE, StoreEvent.Type.ERASE,
        StoreEvent.Type.INSERT, StoreEvent.Type.EXPIRE);
    List<StoreEvent> atClone = onClone.awaitSize(5);
    List<StoreEvent> atMaster = onMaster.awaitSize(5);
    assertEquals(expected, onMaster.items().stream().map(StoreEvent::type).toList());
    assertEquals(expected, onClone.items().stream().map(StoreEvent::type).toList());
    assertEquals(c.id(), atMaster.get(0).publisher(), "the clone's write is attributed to the clone");
    assertEquals(Data.count(1), atMaster.get(1).oldValue());
    assertEquals("(update, kv, k, 1, 2, nil, " + m.id() + ", nil)",
        atClone.get(1).toData().toString().replace(atClone.get(1).publisher().toString(), m.id().toString()));
  }
}
