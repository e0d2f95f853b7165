package io.brokervx.store;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.store.impl.protocol.InternalCommandCodec;
import io.brokervx.store.impl.protocol.StoreCommand;
import io.brokervx.store.impl.protocol.StoreWire;
import io.brokervx.test.TestNetwork;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clone that falls behind a master's writes, over a real peering: the master first slows the writers
 * that wait for their answers, and a clone it drops anyway (writers that do not wait) learns it and
 * re-attaches with a snapshot instead of stalling with a hole in its stream.
 */
@ExtendWith(VertxExtension.class)
class StoreFloodTest {
  private static final EndpointOptions FAST = new EndpointOptions().setRetryInterval(Duration.ofMillis(100));
  private static final CloneOptions QUICK = new CloneOptions().setHeartbeatInterval(Duration.ofMillis(100))
      .setResyncInterval(Duration.ofMillis(100));
  private Vertx vertx;
  private TestNetwork net;
  private Store master;
  private Store clone;
  private EndpointPort clonePort;
  private final List<Runnable> held = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    net = new TestNetwork(vertx, 2, i -> FAST);
  }

  @AfterEach
  void tearDown() {
    net.close();
  }

  /** A master keeping {@code maxBufferedEvents} for its clones (node 0), and an attached clone (node 1). */
  private void masterAndClone(int maxBufferedEvents) {
    master = await(Store.attachMaster(net.node(0), "kv", new MasterOptions().setMaxBufferedEvents(maxBufferedEvents)));
    net.peer(1, 0);
    clone = await(Store.attachClone(net.node(1), "kv", QUICK));
    await(clone.keys());
    clonePort = EndpointPort.of(net.node(1));
  }

  private static boolean isMasterEvent(String topic, Buffer payload) {
    return topic.equals(StoreWire.cloneTopic("kv"))
        && InternalCommandCodec.decode(payload).content() instanceof StoreCommand.Action;
  }

  /** The clone stops reading the master's events (they wait here) until {@link #catchUp()}. */
  private void lag() {
    clonePort.runOnContext(() -> clonePort.interceptCommands((topic, payload, deliver) -> {
      if (isMasterEvent(topic, payload)) {
        held.add(deliver);
      } else {
        deliver.run();
      }
    }));
  }

  private void catchUp() {
    clonePort.runOnContext(() -> {
      clonePort.interceptCommands(null);
      held.forEach(Runnable::run);
      held.clear();
    });
  }

  private void assertCloneHolds(int keys) {
    eventually(vertx, "the clone holds all " + keys + " keys", () -> clone.keys().map(k -> k.size() == keys));
    for (int i = 0; i < keys; i += 37) {
      assertEquals(Data.count(i * 2L), await(clone.get(Data.count(i))));
    }
  }

  @Test
  void aMasterHoldsBackAnswersWhileItsCloneLagsAndGivesThemWhenItCaughtUp() {
    masterAndClone(64);
    lag();
    List<Future<Void>> puts = new ArrayList<>();
    for (int i = 0; i < 48; i++) {
      puts.add(master.put(Data.count(i), Data.count(i * 2L)));
    }
    eventually(vertx, "the first 32 puts are answered", () -> puts.subList(0, 32).stream()
        .allMatch(Future::succeeded));
    assertFalse(puts.get(47).isComplete(), "beyond half the buffer the answers wait for the clone");
    assertTrue(await(master.exists(Data.count(47))), "the writes themselves are applied");
    catchUp();
    await(Future.all(puts));
    assertCloneHolds(48);
    assertEquals(1, await(master.stats()).output().paths(), "the clone was never dropped");
  }

  @Test
  void aCloneDroppedForLaggingLearnsItAndReattachesWithASnapshot() {
    masterAndClone(16);
    lag();
    List<Future<Void>> puts = new ArrayList<>();
    for (int i = 0; i < 300; i++) { // a writer that does not wait: at most 64 answers are held back
      puts.add(master.put(Data.count(i), Data.count(i * 2L)));
    }
    eventually(vertx, "the master dropped its clone", () -> master.stats().map(s -> s.output().paths() == 0));
    catchUp();
    await(Future.all(puts));
    assertCloneHolds(300);
    eventually(vertx, "the clone attached anew", () -> master.stats().map(s -> s.output().paths() == 1));
    await(master.put(Data.count(1000), Data.count(2000)));
    eventually(vertx, "updates flow again", () -> clone.exists(Data.count(1000)));
  }
}
