package io.brokervx.store;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.store.impl.protocol.InternalCommandCodec;
import io.brokervx.store.impl.protocol.StoreCommand;
import io.brokervx.store.impl.protocol.StoreWire;
import io.brokervx.test.Inbox;
import io.brokervx.test.TestNetwork;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
  }

  @AfterEach
  void tearDown() {
    net.close();
  }

  /** Two endpoints with {@code options}; a master keeping {@code maxBufferedEvents} for its clones on node 0. */
  private void master(EndpointOptions options, MasterOptions masterOptions) {
    net = new TestNetwork(vertx, 2, i -> options);
    master = await(Store.attachMaster(net.node(0), "kv", masterOptions));
  }

  /** {@link #master} and a clone attached on node 1. */
  private void masterAndClone(EndpointOptions options, int maxBufferedEvents) {
    master(options, new MasterOptions().setMaxBufferedEvents(maxBufferedEvents));
    net.peer(1, 0);
    clone = await(Store.attachClone(net.node(1), "kv", QUICK));
    await(clone.keys());
    clonePort = EndpointPort.of(net.node(1));
    // until the master has the clone's acks (its handshake's among them), the clone does not count as attached
    await(master.put(Data.string("ready"), Data.none()));
    eventually(vertx, "the clone has the first update", () -> clone.exists(Data.string("ready")));
    await(master.erase(Data.string("ready")));
    eventually(vertx, "the clone acknowledged everything", () -> master.stats()
        .map(st -> st.unacknowledgedUpdates() == 0 && st.output().paths() == 1));
  }

  private void masterAndClone(int maxBufferedEvents) {
    masterAndClone(FAST, maxBufferedEvents);
  }

  private static boolean isMasterEvent(String topic, Buffer payload) {
    return topic.equals(StoreWire.cloneTopic("kv"))
        && InternalCommandCodec.decode(payload).content() instanceof StoreCommand.Action;
  }

  /** The clone stops reading the master's events (they wait here) until {@link #catchUp()}. */
  private void lag() {
    Promise<Void> installed = Promise.promise();
    clonePort.runOnContext(() -> {
      clonePort.interceptCommands((topic, payload, deliver) -> {
        if (isMasterEvent(topic, payload)) {
          held.add(deliver);
        } else {
          deliver.run();
        }
      });
      installed.complete();
    });
    await(installed.future());
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

  @Test
  void aCloneThatCannotTakeItsSnapshotHoldsNoWriterBack() {
    // a clone timeout longer than the test: the waiting clone stays a consumer throughout
    master(new EndpointOptions().setRetryInterval(Duration.ofMillis(100)).setMaxFrameSize(16 * 1024),
        new MasterOptions().setMaxBufferedEvents(16).setCloneTimeout(Duration.ofMinutes(10)));
    List<Future<Void>> fill = new ArrayList<>();
    for (int i = 0; i < 2000; i++) { // about 30 kB of entries: no snapshot fits a 16 kB frame
      fill.add(master.put(Data.count(i), Data.string("value number " + i)));
    }
    await(Future.all(fill));
    Inbox<StatusEvent> statuses = Inbox.of(net.node(0).statuses());
    net.peer(1, 0);
    clone = await(Store.attachClone(net.node(1), "kv", QUICK));
    StatusEvent refused = statuses.await("the snapshot refused", e -> e.error() == ErrorCode.SERIALIZATION_FAILED);
    assertTrue(refused.message().contains("exceeds maxFrameSize (16384)"), refused.message());
    List<Future<Void>> puts = new ArrayList<>();
    for (int i = 2000; i < 2012; i++) { // more than half the buffer, less than all of it
      puts.add(master.put(Data.count(i), Data.count(i)));
    }
    await(Future.all(puts)); // a clone still waiting for its handshake does not hold answers back
    assertEquals(2012L, await(master.stats()).entries());
    assertEquals(1, await(master.stats()).output().paths(), "the waiting clone is still a consumer");
  }

  @Test
  void aWriteTooLargeForOneMessageFailsAtOnceAndTheChannelGoesOn() {
    masterAndClone(new EndpointOptions().setRetryInterval(Duration.ofMillis(100)).setMaxFrameSize(16 * 1024), 64);
    Data big = Data.string("x".repeat(20_000));
    Future<Void> fromClone = clone.put(Data.count(1), big);
    assertTrue(fromClone.failed(), "refused on the caller's thread");
    assertEquals(ErrorCode.INVALID_DATA, failure(fromClone, BrokerException.class).error());
    assertEquals(ErrorCode.INVALID_DATA, failure(master.put(Data.count(1), big), BrokerException.class).error());
    Data half = Data.string("y".repeat(10_000));
    await(master.put(Data.count(2), half));
    BrokerException grown = failure(master.append(Data.count(2), half), BrokerException.class);
    assertEquals(ErrorCode.INVALID_DATA, grown.error(), "an append that grows the value too far");
    assertTrue(grown.getMessage().contains("exceeds what one message carries"), grown.getMessage());
    await(clone.put(Data.count(3), Data.count(6)));
    eventually(vertx, "the clone has both writes that fit", () -> clone.exists(Data.count(3)));
    assertEquals(half, await(clone.get(Data.count(2))));
    assertFalse(await(clone.exists(Data.count(1))));
  }

  @Test
  void theSmallestFramesStillCarrySmallWrites() {
    master(new EndpointOptions().setMaxFrameSize(1024), new MasterOptions());
    await(master.put(Data.count(1), Data.string("x".repeat(100))));
    BrokerException e = failure(master.put(Data.count(2), Data.string("x".repeat(600))), BrokerException.class);
    assertEquals(ErrorCode.INVALID_DATA, e.error());
    assertTrue(e.getMessage().contains("(512 bytes: maxFrameSize less 512)"), e.getMessage());
  }
}
