package io.brokervx.store.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The producer half on its own: numbering, handshakes, acks, NACKs, keepalives, timeouts and bounds. */
class ChannelProducerTest {
  final ChannelLog log = new ChannelLog();

  ChannelProducer<String, String> producer(ChannelSettings settings, boolean handshakeWithKeepalive) {
    return new ChannelProducer<>(settings, ChannelLog::size, log.producerOutput(), handshakeWithKeepalive);
  }

  ChannelProducer<String, String> producer() {
    return producer(ChannelSettings.DEFAULTS, false);
  }

  @Test
  void theFirstHandshakeOffersOffset1AndTheFirstEventIsNumbered2() {
    ChannelProducer<String, String> p = producer();
    assertEquals(0, p.produce("lost"), "without consumers an event is discarded");
    assertEquals(List.of(), log.take());
    assertTrue(p.add("c1"));
    assertFalse(p.add("c1"));
    assertEquals(2, p.produce("a"));
    assertEquals(3, p.produce("b"));
    assertEquals(List.of("handshake c1 1 5", "broadcast 2 a", "broadcast 3 b"), log.take());
    assertFalse(p.idle());
  }

  @Test
  void theFirstAckCompletesTheHandshakeAndAcksTrimToTheSlowestConsumer() {
    ChannelProducer<String, String> p = producer();
    p.add("c1");
    p.produce("a");
    p.add("c2");
    p.produce("b");
    p.produce("c");
    log.take();
    p.handleAck("c1", 1);
    p.handleAck("c2", 2);
    assertEquals(List.of("completed c1", "completed c2"), log.take());
    assertEquals(3, p.bufferedEvents(), "c1 still needs 2, 3 and 4");
    p.handleAck("c1", 3);
    assertEquals(2, p.bufferedEvents(), "c2 still needs 3 and 4");
    p.handleAck("c1", 2);
    p.handleAck("c2", 99);
    assertEquals(2, p.bufferedEvents(), "stale and impossible acks are ignored");
    p.handleAck("c2", 4);
    assertEquals(1, p.bufferedEvents(), "c1 still needs 4");
    assertFalse(p.idle());
    p.handleAck("c1", 4);
    assertEquals(0, p.bufferedEvents());
    assertEquals(0, p.bufferedBytes());
    assertTrue(p.idle());
    assertEquals(List.of(), log.take());
  }

  @Test
  void aPendingPathDoesNotHoldEventsBeforeItsOffset() {
    ChannelProducer<String, String> p = producer();
    p.add("c1");
    p.produce("a");
    p.produce("b");
    p.add("c2");
    p.handleAck("c1", 3);
    assertEquals(0, p.bufferedEvents());
  }

  @Test
  void nackZeroAttachesAnUnknownConsumerAndRepeatsAKnownOnesHandshake() {
    ChannelProducer<String, String> p = producer();
    p.handleNack("c1", List.of(0L));
    p.produce("a");
    p.handleNack("c1", List.of(0L));
    p.handleNack("c9", List.of(5L));
    assertEquals(List.of("handshake c1 1 5", "broadcast 2 a", "handshake c1 1 5"), log.take());
    assertEquals(1, p.consumers());
  }

  @Test
  void aNackRetransmitsWhatIsBufferedAndReportsWhatIsGone() {
    ChannelProducer<String, String> p = producer();
    p.add("c1");
    p.add("c2");
    for (String e : List.of("a", "b", "c", "d")) {
      p.produce(e);
    }
    p.handleAck("c1", 5);
    p.handleAck("c2", 3);
    log.take();
    p.handleNack("c2", List.of(4L, 5L, 9L));
    assertEquals(List.of("retransmit c2 4 c", "retransmit c2 5 d", "retransmit_failed c2 9"), log.take());
    p.handleAck("c2", 5);
    p.handleNack("c2", List.of(3L));
    assertEquals(List.of("retransmit_failed c2 3"), log.take());
  }

  @Test
  void aNackThatIsNotAscendingDropsTheConsumer() {
    ChannelProducer<String, String> p = producer();
    p.add("c1");
    p.produce("a");
    p.produce("b");
    log.take();
    p.handleNack("c1", List.of(3L, 2L));
    assertEquals(List.of("retransmit_failed c1 4", "dropped c1 INVALID_NACK"), log.take());
    assertEquals(0, p.consumers());
    assertEquals(0, p.bufferedEvents());
  }

  @Test
  void anIdleProducerSendsAKeepaliveEveryHeartbeatInterval() {
    ChannelProducer<String, String> p = producer();
    p.add("c1");
    p.produce("a");
    log.take();
    for (int i = 1; i <= 4; i++) {
      p.tick();
    }
    assertEquals(List.of(), log.take());
    p.tick();
    assertEquals(List.of("keepalive 2"), log.take());
    for (int i = 1; i <= 4; i++) {
      p.tick();
      p.produce("e" + i);
    }
    p.tick();
    assertEquals(List.of("broadcast 3 e1", "broadcast 4 e2", "broadcast 5 e3", "broadcast 6 e4"), log.take(),
        "a busy producer sends no keepalives");
    for (int i = 1; i <= 5; i++) {
      p.tick();
    }
    assertEquals(List.of("keepalive 6"), log.take());
  }

  @Test
  void aWriterRepeatsItsHandshakeWithEachKeepaliveUntilAcknowledged() {
    ChannelProducer<String, String> p = producer(ChannelSettings.DEFAULTS, true);
    p.add("master");
    for (int i = 0; i < 10; i++) {
      p.tick();
    }
    assertEquals(List.of("handshake master 1 5", "handshake master 1 5", "keepalive 1", "handshake master 1 5",
        "keepalive 1"), log.take());
    p.handleAck("master", 1);
    for (int i = 0; i < 5; i++) {
      p.tick();
    }
    assertEquals(List.of("completed master", "keepalive 1"), log.take());
  }

  @Test
  void aConsumerSilentForTheConnectionTimeoutIsDroppedAndOneThatAcksIsKept() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 1000, 1 << 20, 64), false);
    p.add("quiet");
    p.add("chatty");
    p.produce("a");
    log.take();
    for (int t = 1; t < 500; t++) {
      p.tick();
      if (t % 5 == 0) {
        p.handleAck("chatty", 2);
      }
    }
    assertEquals(2, p.consumers());
    assertEquals(1, p.bufferedEvents());
    p.tick();
    assertTrue(log.take().contains("dropped quiet CONNECTION_TIMEOUT"));
    assertEquals(1, p.consumers());
    assertEquals(0, p.bufferedEvents(), "the dropped consumer no longer holds the buffer");
  }

  @Test
  void theFurthestBehindConsumersAreDroppedWhenTheBufferOverflows() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 4, 1 << 20, 64), false);
    p.add("slow");
    p.add("fast");
    log.take();
    for (int i = 0; i < 4; i++) {
      long seq = p.produce("e" + i);
      p.handleAck("fast", seq);
    }
    assertEquals(4, p.bufferedEvents());
    p.handleAck("fast", p.produce("e4"));
    assertTrue(log.take().contains("dropped slow BUFFER_OVERFLOW"));
    assertFalse(p.hasConsumer("slow"));
    assertEquals(0, p.bufferedEvents());
  }

  @Test
  void aConsumerDroppedForOverflowIsToldTheStreamAfterTheLatestEventIsLost() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 4, 1 << 20, 64), false);
    p.add("slow");
    log.take();
    for (int i = 0; i < 4; i++) {
      p.produce("e" + i);
    }
    assertEquals(List.of("broadcast 2 e0", "broadcast 3 e1", "broadcast 4 e2", "broadcast 5 e3"), log.take());
    p.produce("e4");
    assertEquals(List.of("broadcast 6 e4", "retransmit_failed slow 7", "dropped slow BUFFER_OVERFLOW"), log.take(),
        "it may still read 2..6 as broadcast; 7 and later are not kept for it");
  }

  @Test
  void aDroppedConsumerThatNacksOrAcksIsToldItsEventIsGoneAndIsNotTakenBack() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 2, 1 << 20, 64), false);
    p.add("slow");
    p.produce("a");
    p.produce("b");
    p.produce("c");
    log.take();
    p.handleNack("slow", List.of(3L, 4L));
    assertEquals(List.of("retransmit_failed slow 3"), log.take(), "a NACK names its next event first");
    assertTrue(p.adopt("slow", 3));
    assertEquals(List.of("retransmit_failed slow 4"), log.take(), "a stale ack after a drop is no restart");
    assertFalse(p.hasConsumer("slow"));
    p.handleNack("slow", List.of(0L));
    assertTrue(p.hasConsumer("slow"), "nack [0] attaches it anew");
    assertEquals(List.of("handshake slow 4 5"), log.take());
  }

  @Test
  void theAttachedBacklogLeavesOutConsumersThatNeverTookTheirHandshake() {
    ChannelProducer<String, String> p = producer();
    p.add("attached");
    p.handleAck("attached", 1);
    p.produce("a");
    p.add("pending");
    p.produce("b");
    p.produce("c");
    assertEquals(3, p.attachedBacklog());
    p.handleAck("attached", 4);
    assertEquals(0, p.attachedBacklog(), "the pending consumer still holds b and c, but does not count");
    assertEquals(2, p.bufferedEvents());
  }

  @Test
  void aConsumerThatOnlyRepeatsNackZeroTimesOut() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 2, 1000, 1 << 20, 64), false);
    p.add("pending");
    log.take();
    for (int t = 0; t < 9; t++) {
      p.tick();
      p.handleNack("pending", List.of(0L));
    }
    p.tick();
    assertTrue(log.take().contains("dropped pending CONNECTION_TIMEOUT"),
        "its handshake is repeated, but it is not heard from until it acknowledges one");
  }

  @Test
  void onlyTheMostRecentDropsAreRemembered() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 1, 1 << 20, 64), false);
    for (int i = 0; i <= ChannelProducer.REMEMBERED_DROPS; i++) {
      p.add("c" + i);
      p.produce("x");
      p.produce("y");
    }
    log.take();
    p.handleNack("c0", List.of(5L));
    assertEquals(List.of(), log.take(), "the oldest drop is forgotten: its NACK is ignored as Broker does");
    p.handleNack("c1", List.of(5L));
    assertEquals(List.of("retransmit_failed c1 5"), log.take());
  }

  @Test
  void theByteBoundAlsoDropsLaggardsButOneLargeEventIsKept() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 1000, 10, 64), false);
    p.add("c1");
    p.produce("x".repeat(50));
    assertEquals(1, p.consumers(), "a single event over the byte bound is still sent and kept");
    assertEquals(50, p.bufferedBytes());
    p.produce("y");
    assertEquals(0, p.consumers());
    assertEquals(0, p.bufferedBytes());
    assertTrue(log.take().contains("dropped c1 BUFFER_OVERFLOW"));
  }

  @Test
  void aRemovedConsumerNoLongerHoldsEventsAndIsNotReported() {
    ChannelProducer<String, String> p = producer();
    p.add("gone");
    p.add("stays");
    p.produce("a");
    p.handleAck("stays", 2);
    assertEquals(1, p.bufferedEvents());
    log.take();
    p.remove("gone");
    assertEquals(0, p.bufferedEvents());
    assertFalse(p.hasConsumer("gone"));
    assertEquals(List.of(), log.take());
  }

  @Test
  void aNackIsServedUpToTheBound() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 1000, 1 << 20, 2), false);
    p.add("c1");
    for (int i = 0; i < 5; i++) {
      p.produce("e" + i);
    }
    log.take();
    p.handleNack("c1", List.of(2L, 3L, 4L, 5L));
    assertEquals(List.of("completed c1", "retransmit c1 2 e0", "retransmit c1 3 e1"), log.take());
  }

  @Test
  void aResumedChannelContinuesItsNumberingAndRetainsEventsForConsumersAdoptedLater() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 3, 1 << 20, 64), false);
    p.resumeAt(10);
    p.retainUnconsumed(true);
    assertEquals(11, p.produce("a"), "numbered although nobody consumes yet");
    assertEquals(12, p.produce("b"));
    assertEquals(List.of("broadcast 11 a", "broadcast 12 b"), log.take());
    assertTrue(p.adopt("c1", 10), "a consumer that acked 10 before the restart");
    assertEquals(List.of("retransmit c1 11 a", "retransmit c1 12 b"), log.take(), "it gets what it missed");
    assertFalse(p.adopt("c1", 12), "already a path");
    assertFalse(p.adopt("c2", 13), "beyond the latest event");
    p.handleAck("c1", 12);
    assertEquals(List.of(), log.take(), "no handshake to complete");
    assertTrue(p.idle());
    assertEquals(0, p.bufferedEvents());
  }

  @Test
  void anAdoptedConsumerMissingDiscardedEventsGetsRetransmitFailed() {
    ChannelProducer<String, String> p = producer(new ChannelSettings(5, 2, 100, 2, 1 << 20, 64), false);
    p.retainUnconsumed(true);
    for (String e : List.of("a", "b", "c", "d")) {
      p.produce(e);
    }
    assertEquals(2, p.bufferedEvents(), "without consumers the oldest retained events go first");
    log.take();
    p.adopt("c1", 1);
    assertEquals(List.of("retransmit_failed c1 2"), log.take(), "event 2 is gone: the consumer cannot go on");
    assertEquals(1, p.ackedBy("c1"));
    assertEquals(-1, p.ackedBy("c9"));
  }

  @Test
  void resumingAChannelInUseIsRefused() {
    ChannelProducer<String, String> p = producer();
    p.add("c1");
    org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> p.resumeAt(5));
  }
}
