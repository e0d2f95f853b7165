package io.brokervx.store.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The consumer half on its own: attach requests, in-order delivery despite reordering and duplicates,
 * acks, NACKs for gaps and lost tails, retransmit failures for a master and for a clone, and its bounds.
 */
class ChannelConsumerTest {
  final ChannelLog log = new ChannelLog();

  ChannelConsumer<String, String> consumer(ChannelSettings settings, boolean keepGoingOnLoss) {
    return new ChannelConsumer<>(settings, ChannelLog::size, log.consumerOutput(keepGoingOnLoss));
  }

  ChannelConsumer<String, String> attached(long offset) {
    ChannelConsumer<String, String> c = consumer(ChannelSettings.DEFAULTS, false);
    assertTrue(c.handleHandshake("m", offset, 5));
    log.take();
    return c;
  }

  void ticks(ChannelConsumer<String, String> c, int n) {
    for (int i = 0; i < n; i++) {
      c.tick();
    }
  }

  @Test
  void untilTheHandshakeArrivesItAsksForItEveryNackTimeout() {
    ChannelConsumer<String, String> c = consumer(ChannelSettings.DEFAULTS, false);
    c.requestHandshake();
    ticks(c, 5);
    assertEquals(List.of("nack([0])", "nack([0])", "nack([0])"), log.take());
    assertFalse(c.initialized());
  }

  @Test
  void theHandshakeDropsWhatItCoversConsumesWhatFollowsAndAcks() {
    ChannelConsumer<String, String> c = consumer(ChannelSettings.DEFAULTS, false);
    c.handleEvent(3, "early-old");
    c.handleEvent(5, "b");
    c.handleEvent(4, "a");
    assertEquals(List.of(), log.take(), "nothing is consumed before the handshake");
    assertTrue(c.handleHandshake("m", 3, 5));
    assertEquals(List.of("consume a", "consume b", "cumulative_ack(5)"), log.take());
    assertFalse(c.handleHandshake("m", 1, 5), "a repeated handshake is dropped");
    assertEquals("m", c.producer());
    assertTrue(c.idle());
  }

  @Test
  void eventsAreConsumedOnceAndInOrderWhateverOrderTheyArriveIn() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleEvent(4, "c");
    c.handleEvent(3, "b");
    c.handleEvent(4, "c");
    assertEquals(List.of(), log.take());
    c.handleEvent(2, "a");
    c.handleEvent(2, "a");
    c.handleEvent(3, "b");
    assertEquals(List.of("consume a", "consume b", "consume c"), log.take());
    assertEquals(5, c.nextSeq());
    assertEquals(0, c.bufferedEvents());
  }

  @Test
  void itAcksEveryHeartbeatIntervalWithOrWithoutProgress() {
    ChannelConsumer<String, String> c = attached(1);
    ticks(c, 4);
    c.handleEvent(2, "a");
    ticks(c, 1);
    ticks(c, 5);
    assertEquals(List.of("consume a", "cumulative_ack(2)", "cumulative_ack(2)"), log.take());
  }

  @Test
  void aGapIsNackedAfterTheNackTimeoutWithoutWhatIsAlreadyBuffered() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleEvent(3, "b");
    c.handleEvent(6, "e");
    ticks(c, 2);
    assertEquals(List.of(), log.take(), "the first tick after the handshake counts as progress");
    c.tick();
    assertEquals(List.of("nack([2, 4, 5])"), log.take());
    c.tick();
    c.tick();
    assertEquals(List.of("nack([2, 4, 5])"), log.take(), "repeated while nothing moves");
    c.handleEvent(2, "a");
    c.handleEvent(4, "c");
    c.handleEvent(5, "d");
    assertEquals(List.of("consume a", "consume b", "consume c", "consume d", "consume e"), log.take());
  }

  @Test
  void aKeepaliveRevealsALostTail() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleEvent(2, "a");
    c.handleKeepalive(4);
    assertEquals(5, c.lastSeq(), "events up to 4 exist");
    ticks(c, 3);
    assertEquals(List.of("consume a", "cumulative_ack(2)", "nack([3, 4])"), log.take(),
        "a tick after progress acks it; ticks without progress then NACK the tail");
    c.reset();
    assertFalse(c.initialized());
    assertEquals(0, c.lastSeq());
    c.handleEvent(3, "b");
    assertEquals(List.of(), log.take(), "after a reset nothing is consumed before a new handshake");
  }

  @Test
  void aMasterSkipsAWriterCommandThatIsGone() {
    ChannelConsumer<String, String> c = consumer(ChannelSettings.DEFAULTS, true);
    c.handleHandshake("writer", 1, 5);
    c.handleEvent(4, "c");
    c.handleRetransmitFailed(3);
    c.handleRetransmitFailed(2);
    assertEquals(List.of("cumulative_ack(1)", "nil 2", "nil 3", "consume c"), log.take());
    assertEquals(5, c.nextSeq());
  }

  @Test
  void aCloneThatLostAnUpdateClosesAndAsksForANewHandshake() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleEvent(2, "a");
    c.handleEvent(4, "c");
    c.handleRetransmitFailed(3);
    assertEquals(List.of("consume a", "nil 3", "closed 3"), log.take());
    assertFalse(c.initialized());
    assertEquals(0, c.bufferedEvents());
    ticks(c, 2);
    assertEquals(List.of("nack([0])"), log.take());
  }

  @Test
  void aLossMarkerAheadIsReplacedWhenTheEventArrivesAfterAll() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleKeepalive(3); // 2 and 3 exist: the consumer may have NACKed them
    c.handleRetransmitFailed(3);
    c.handleEvent(3, "b");
    c.handleEvent(2, "a");
    assertEquals(List.of("consume a", "consume b"), log.take());
  }

  @Test
  void aLossAnnouncedBeyondWhatWasSeenStaysEvenWhenThatEventArrives() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleEvent(2, "a");
    c.handleRetransmitFailed(4); // a producer that dropped this consumer after broadcasting 3
    c.handleEvent(4, "c");
    c.handleEvent(3, "b");
    assertEquals(List.of("consume a", "consume b", "nil 4", "closed 4"), log.take(),
        "it reads what was broadcast before the drop, then closes to attach anew");
  }

  @Test
  void aTickAfterProgressAcksWithoutWaitingForTheHeartbeat() {
    ChannelConsumer<String, String> c = attached(1);
    c.handleEvent(2, "a");
    log.take();
    ticks(c, 1);
    assertEquals(List.of("cumulative_ack(2)"), log.take());
    ticks(c, 1);
    assertEquals(List.of(), log.take(), "nothing new: no ack before the heartbeat");
  }

  @Test
  void eventsBeyondTheBufferBoundAreDroppedAndFetchedAgain() {
    ChannelConsumer<String, String> c = consumer(new ChannelSettings(5, 2, 100, 2, 1 << 20, 64), false);
    c.handleHandshake("m", 1, 5);
    log.take();
    for (int seq = 3; seq <= 6; seq++) {
      c.handleEvent(seq, "e" + seq);
    }
    assertEquals(2, c.bufferedEvents());
    ticks(c, 3);
    assertEquals(List.of("nack([2, 5, 6])"), log.take());
    c.handleEvent(2, "e2");
    c.handleEvent(5, "e5");
    c.handleEvent(6, "e6");
    assertEquals(List.of("consume e2", "consume e3", "consume e4", "cumulative_ack(4)", "consume e5",
        "cumulative_ack(5)", "consume e6", "cumulative_ack(6)"), log.take(),
        "with a bound of 2 events it acks after each event it consumes in order");
  }

  @Test
  void itAcksAfterEveryEighthOfItsBufferBoundWithoutWaitingForTheHeartbeat() {
    ChannelConsumer<String, String> c = consumer(new ChannelSettings(5, 2, 100, 80, 1 << 20, 64), false);
    c.handleHandshake("m", 1, 5);
    assertEquals(List.of("cumulative_ack(1)"), log.take());
    for (int seq = 2; seq <= 11; seq++) {
      c.handleEvent(seq, "e" + seq);
    }
    List<String> lines = log.take();
    assertEquals("cumulative_ack(11)", lines.get(lines.size() - 1));
    assertEquals(11, lines.size(), "ten events, then one ack");
    for (int seq = 12; seq <= 20; seq++) {
      c.handleEvent(seq, "e" + seq);
    }
    assertTrue(log.take().stream().noneMatch(l -> l.startsWith("cumulative_ack")), "9 more: not yet");
  }

  @Test
  void aNackNamesAtMostTheBoundedNumberOfEvents() {
    ChannelConsumer<String, String> c = consumer(new ChannelSettings(5, 2, 100, 100, 1 << 20, 3), false);
    c.handleHandshake("m", 1, 5);
    log.take();
    c.handleKeepalive(1000);
    ticks(c, 3);
    assertEquals(List.of("nack([2, 3, 4])"), log.take());
  }

  @Test
  void silenceIsCountedSoThatACloneCanNoticeALostMaster() {
    ChannelConsumer<String, String> c = attached(1);
    ticks(c, 7);
    assertEquals(7, c.silentTicks());
    c.handleKeepalive(1);
    assertEquals(0, c.silentTicks());
  }
}
