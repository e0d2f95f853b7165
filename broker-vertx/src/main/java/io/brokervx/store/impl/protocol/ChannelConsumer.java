package io.brokervx.store.impl.protocol;

import io.brokervx.store.impl.protocol.StoreCommand.CumulativeAck;
import io.brokervx.store.impl.protocol.StoreCommand.Nack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * The receiving half of Broker's reliable store channel ({@code internal/channel.hh}), without sockets or
 * clocks: it takes events from one producer in any order, with losses and duplicates, and hands each to
 * {@link Output#consume} exactly once, in sequence order. Events ahead of a gap wait in a sorted buffer
 * (bounded by {@link ChannelSettings}); after {@code nackTimeout} ticks without progress while a gap is
 * known it NACKs the missing numbers; it sends a cumulative ack every heartbeat interval, which doubles as
 * its keepalive, and also on every tick in which it consumed something and after every eighth of its
 * {@code maxBufferedEvents} consumed (our extension: under a flood, acks once per heartbeat let the
 * producer's unacknowledged backlog outgrow its bound). Until the handshake arrives it repeats {@code nack [0]} every {@code nackTimeout} ticks.
 * A {@code retransmit_failed} for the next number goes to {@link Output#consumeNil}, which may close the
 * channel. Not thread-safe: use it from one context.
 *
 * @param <H> how the producer is addressed (an {@link EntityId} on the wire)
 * @param <P> the event payload
 */
public final class ChannelConsumer<H, P> {
  /** Where a consumer's events and messages go. Implementations must not call back into the consumer. */
  public interface Output<P> {
    /** Processes the next event in order. */
    void consume(P event);

    /**
     * Handles the loss of event {@code seq}, which the producer can no longer send.
     *
     * @return true to go on with the next event (a master losing a writer's command), false to close the
     *     channel (a clone that lost an update is out of sync)
     */
    boolean consumeNil(long seq);

    /** Sends a cumulative ack or a NACK to the producer. */
    void send(StoreCommand.ConsumerControl message);

    /** Reports that the channel closed after {@link #consumeNil} refused; the consumer is reset. */
    void closed(long lostSeq);
  }

  private static final Object LOST = new Object();
  /**
   * A loss announced for a number not seen yet (a producer that dropped this consumer names the event after
   * its latest): unlike {@link #LOST}, the event itself arriving later does not fill it.
   */
  private static final Object CUT = new Object();

  private final ChannelSettings settings;
  private final ToIntFunction<P> sizeOf;
  private final Output<P> out;
  /** Events (or {@link #LOST} markers) ahead of {@link #nextSeq}, by sequence number. */
  private final TreeMap<Long, Object> buffer = new TreeMap<>();
  private long bufferedBytes;
  private H producer;
  private long nextSeq;
  private long lastSeq;
  private int heartbeatInterval;
  private long ticks;
  private long lastTickSeq;
  private long idleTicks;
  private long silentTicks;
  private long lastAcked;

  /** Creates a consumer that waits for its handshake. */
  public ChannelConsumer(ChannelSettings settings, ToIntFunction<P> sizeOf, Output<P> out) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
    this.out = Objects.requireNonNull(out, "out");
    this.heartbeatInterval = settings.heartbeatInterval();
  }

  /** Asks the producer for the handshake now ({@code nack [0]}); a clone does this when it starts. */
  public void requestHandshake() {
    idleTicks = 0;
    out.send(new Nack(List.of(0L)));
  }

  /**
   * Initializes the channel: events after {@code offset} are this consumer's stream. Buffered events up to
   * the offset are dropped, the rest consumed as far as they go, and the first ack is sent.
   *
   * @return false, and nothing changes, when already initialized (a repeated handshake) or the offset is
   *     out of range
   */
  public boolean handleHandshake(H from, long offset, int heartbeat) {
    if (initialized() || offset < 0 || offset == Long.MAX_VALUE) {
      return false;
    }
    producer = Objects.requireNonNull(from, "from");
    nextSeq = offset + 1;
    lastSeq = nextSeq;
    heartbeatInterval = heartbeat;
    silentTicks = 0;
    Map<Long, Object> stale = buffer.headMap(offset, true);
    stale.values().forEach(e -> bufferedBytes -= size(e));
    stale.clear();
    consumeBuffered();
    if (initialized()) {
      sendAck();
    }
    return true;
  }

  /** Handles a keepalive: the producer's latest event is {@code seq}, so anything up to it can be missing. */
  public void handleKeepalive(long seq) {
    silentTicks = 0;
    if (lastSeq == 0 || seq <= 0) {
      return;
    }
    lastSeq = Math.max(lastSeq, seq + 1);
  }

  /** Handles event {@code seq}: consumed now if it is next, buffered if ahead, ignored if already seen. */
  public void handleEvent(long seq, P event) {
    silentTicks = 0;
    if (seq == nextSeq && initialized()) {
      out.consume(event);
      bump();
      consumeBuffered();
      if (nextSeq - 1 - lastAcked >= Math.max(1, settings.maxBufferedEvents() / 8)) {
        sendAck();
      }
    } else if (seq > nextSeq) {
      Object held = buffer.get(seq);
      int size = sizeOf.applyAsInt(event);
      // A duplicate is ignored; an event the producer had given up on replaces its loss marker.
      if (held == LOST || held == null && fits(size)) {
        buffer.put(seq, event);
        bufferedBytes += size;
        lastSeq = Math.max(lastSeq, seq);
      } else if (held == null) {
        lastSeq = Math.max(lastSeq, seq + 1); // discarded for the bounds: NACK it with the rest of the gap
      }
    }
  }

  /** Handles {@code retransmit_failed(seq)}: event {@code seq} will never come. */
  public void handleRetransmitFailed(long seq) {
    silentTicks = 0;
    if (!initialized()) {
      return;
    }
    if (seq == nextSeq) {
      if (!out.consumeNil(seq)) {
        close(seq);
        return;
      }
      bump();
      consumeBuffered();
    } else if (seq > nextSeq && !buffer.containsKey(seq) && fits(0)) {
      buffer.put(seq, seq >= lastSeq ? CUT : LOST);
    }
  }

  /**
   * Advances time by one tick: repeats the handshake request while uninitialized, NACKs known gaps after
   * {@code nackTimeout} ticks without progress, and acks every heartbeat interval.
   */
  public void tick() {
    ticks++;
    silentTicks++;
    if (!initialized()) {
      if (++idleTicks >= settings.nackTimeout()) {
        requestHandshake();
      }
      return;
    }
    boolean progressed = nextSeq > lastTickSeq;
    lastTickSeq = nextSeq;
    if (progressed) {
      idleTicks = 0;
    } else if (++idleTicks >= settings.nackTimeout() && nextSeq < lastSeq) {
      idleTicks = 0;
      out.send(new Nack(missing()));
      return;
    }
    if (heartbeatInterval > 0 && ticks % heartbeatInterval == 0 || progressed && nextSeq - 1 > lastAcked) {
      sendAck();
    }
  }

  /** Forgets the producer and everything received: the consumer waits for a handshake again. */
  public void reset() {
    producer = null;
    nextSeq = 0;
    lastSeq = 0;
    buffer.clear();
    bufferedBytes = 0;
    heartbeatInterval = settings.heartbeatInterval();
    ticks = 0;
    lastTickSeq = 0;
    idleTicks = 0;
    lastAcked = 0;
  }

  /** @return whether the handshake has arrived */
  public boolean initialized() {
    return nextSeq != 0;
  }

  /** @return the producer named by the handshake, or null before it */
  public H producer() {
    return producer;
  }

  /** @return the number of the next event to consume (0 before the handshake) */
  public long nextSeq() {
    return nextSeq;
  }

  /** @return the end of the stream as far as known (exclusive when it came from a keepalive) */
  public long lastSeq() {
    return lastSeq;
  }

  /** @return the events (and loss markers) waiting behind a gap */
  public int bufferedEvents() {
    return buffer.size();
  }

  /** @return ticks since anything arrived from the producer (Broker never looks; a clone may) */
  public long silentTicks() {
    return silentTicks;
  }

  /** @return whether initialized with nothing buffered and no known gap (Broker's {@code idle}) */
  public boolean idle() {
    return initialized() && buffer.isEmpty() && nextSeq == lastSeq;
  }

  private boolean fits(int size) {
    return buffer.size() < settings.maxBufferedEvents() && bufferedBytes + size <= settings.maxBufferedBytes();
  }

  @SuppressWarnings("unchecked")
  private int size(Object held) {
    return held == LOST || held == CUT ? 0 : sizeOf.applyAsInt((P) held);
  }

  private void bump() {
    nextSeq++;
    lastSeq = Math.max(lastSeq, nextSeq);
  }

  /** Consumes buffered events while they continue the stream without a gap. */
  @SuppressWarnings("unchecked")
  private void consumeBuffered() {
    while (initialized() && !buffer.isEmpty() && buffer.firstKey() == nextSeq) {
      Object held = buffer.pollFirstEntry().getValue();
      bufferedBytes -= size(held);
      if (held != LOST && held != CUT) {
        out.consume((P) held);
      } else if (!out.consumeNil(nextSeq)) {
        close(nextSeq);
        return;
      }
      bump();
    }
  }

  private void close(long lostSeq) {
    reset();
    out.closed(lostSeq);
  }

  private void sendAck() {
    lastAcked = nextSeq > 0 ? nextSeq - 1 : 0;
    out.send(new CumulativeAck(lastAcked));
  }

  /** @return the missing numbers from the next expected one up to the known end, at most maxNackSeqs */
  private List<Long> missing() {
    List<Long> seqs = new ArrayList<>();
    long s = nextSeq;
    for (Long held : buffer.keySet()) {
      for (; s < held && seqs.size() < settings.maxNackSeqs(); s++) {
        seqs.add(s);
      }
      s = held + 1;
    }
    for (; s < lastSeq && seqs.size() < settings.maxNackSeqs(); s++) {
      seqs.add(s);
    }
    return seqs;
  }
}
