package io.brokervx.store.impl.protocol;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * The sending half of Broker's reliable store channel ({@code internal/channel.hh}), without sockets or
 * clocks: time advances only by {@link #tick()} and every message leaves through an {@link Output}. One
 * producer serves any number of consumers (the master's clones, or a clone's single master). Events are
 * numbered from 2 (the counter starts at 1, so an ack of 0 means "never acknowledged"); each consumer
 * path starts with a handshake at the current number, acknowledges cumulatively, and asks for retransmits
 * by NACK. Events stay buffered until every path acknowledged them, within {@link ChannelSettings}'s
 * bounds; an idle producer broadcasts a keepalive every heartbeat interval; a path silent for the
 * connection timeout is dropped (repeating {@code nack [0]} without taking the handshake does not count as
 * heard). A dropped consumer is told {@code retransmit_failed} for the event after the latest, which a
 * {@link ChannelConsumer} keeps as a hole that no later event fills, and one that still acks or NACKs is
 * answered with {@code retransmit_failed} (our extension: Broker tells it nothing, so a clone it dropped under
 * a flood never learns that its stream has a hole). Not thread-safe: use it from one context.
 *
 * @param <H> how consumers are addressed (an {@link EntityId} on the wire)
 * @param <P> the event payload (a {@link StoreCommand.Action} on the wire)
 */
public final class ChannelProducer<H, P> {
  /** Where a producer's messages go. Implementations must not call back into the producer. */
  public interface Output<H, P> {
    /** Sends a new event to every consumer. */
    void broadcast(long seq, P event);

    /** Sends event {@code seq} again to one consumer that asked for it. */
    void retransmit(H consumer, long seq, P event);

    /** Sends the handshake to one consumer: events after {@code offset} are its stream. */
    void handshake(H consumer, long offset, int heartbeatInterval);

    /** Tells every consumer that the producer is alive and its latest event is {@code seq}. */
    void keepalive(long seq);

    /** Tells one consumer that event {@code seq} is no longer available. */
    void retransmitFailed(H consumer, long seq);

    /** Reports that {@code consumer} acknowledged its handshake. */
    void handshakeCompleted(H consumer);

    /** Reports that {@code consumer} was removed; its later messages are ignored unless it attaches anew. */
    void dropped(H consumer, DropReason reason);
  }

  /** Why a consumer was dropped. */
  public enum DropReason {
    /** Nothing heard from it for {@link ChannelSettings#connectionTimeoutTicks()}. */
    CONNECTION_TIMEOUT,
    /** It sent a NACK whose sequence numbers are not ascending. */
    INVALID_NACK,
    /** It lagged so far that the unacknowledged events exceeded the buffer bounds. */
    BUFFER_OVERFLOW
  }

  private static final class Path {
    final long offset;
    long acked;
    long lastSeen;

    Path(long offset, long now) {
      this.offset = offset;
      this.lastSeen = now;
    }

    /** The highest event this path no longer needs: events up to its offset were never its business. */
    long needsAfter() {
      return Math.max(acked, offset);
    }
  }

  private record Event<P>(long seq, P payload, int size) {
  }

  /** How many dropped consumers are remembered (oldest forgotten first); entity ids are small. */
  static final int REMEMBERED_DROPS = 256;

  private final ChannelSettings settings;
  private final ToIntFunction<P> sizeOf;
  private final Output<H, P> out;
  private final boolean handshakeWithKeepalive;
  private final Map<H, Path> paths = new LinkedHashMap<>();
  private final ArrayDeque<Event<P>> buffer = new ArrayDeque<>();
  private final LinkedHashSet<H> droppedConsumers = new LinkedHashSet<>();
  private long bufferedBytes;
  private long seq = 1;
  private boolean retainUnconsumed;
  private long now;
  private long lastBroadcast;

  /**
   * Creates a producer.
   *
   * @param sizeOf the size of an event in bytes, for the buffer bound
   * @param handshakeWithKeepalive repeat the handshake to every path that has not acknowledged it with
   *     each keepalive (what a clone's writer does with {@code attach_writer}); otherwise consumers ask for
   *     it again with {@code nack [0]} (what a master's clones do)
   */
  public ChannelProducer(ChannelSettings settings, ToIntFunction<P> sizeOf, Output<H, P> out,
      boolean handshakeWithKeepalive) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
    this.out = Objects.requireNonNull(out, "out");
    this.handshakeWithKeepalive = handshakeWithKeepalive;
  }

  /**
   * Numbers and broadcasts {@code event} and keeps it until every consumer acknowledged it. Without
   * consumers the event is discarded and gets no number, as in Broker, unless {@link #retainUnconsumed}.
   *
   * @return its sequence number, or 0 when there was no consumer
   */
  public long produce(P event) {
    if (paths.isEmpty() && !retainUnconsumed) {
      return 0;
    }
    seq++;
    int size = sizeOf.applyAsInt(event);
    buffer.addLast(new Event<>(seq, event, size));
    bufferedBytes += size;
    lastBroadcast = now;
    out.broadcast(seq, event);
    enforceBounds();
    return seq;
  }

  /**
   * Adds a consumer path at the current sequence number and sends it the handshake.
   *
   * @return false, and nothing happens, when the consumer is already a path
   */
  public boolean add(H consumer) {
    if (paths.containsKey(consumer)) {
      return false;
    }
    droppedConsumers.remove(consumer);
    paths.put(consumer, new Path(seq, now));
    out.handshake(consumer, seq, settings.heartbeatInterval());
    return true;
  }

  /**
   * Continues a channel whose producer restarted (our extension; Broker's channel starts afresh): the
   * next event is numbered {@code last + 1}. Only before any consumer or event.
   *
   * @throws IllegalStateException when the channel is in use
   */
  public void resumeAt(long last) {
    if (!paths.isEmpty() || !buffer.isEmpty() || last < 1) {
      throw new IllegalStateException("a channel in use cannot resume");
    }
    seq = last;
  }

  /**
   * Numbers and keeps events even without consumers (within the buffer bounds, dropping the oldest), so
   * that consumers {@link #adopt adopted} later get what they missed. Broker discards them.
   */
  public void retainUnconsumed(boolean retain) {
    retainUnconsumed = retain;
  }

  /**
   * Takes back a consumer that acknowledged {@code ack} on this channel before the producer restarted
   * (our extension): it becomes a path without a handshake, and every retained event after {@code ack} is
   * sent to it again, or {@code retransmit_failed} for the first one that is gone. A consumer this
   * producer dropped is not taken back: it is told {@code retransmit_failed} for the event after its ack.
   *
   * @return false, and nothing happens, when it is a path already or {@code ack} is not in {@code [1, seq]}
   */
  public boolean adopt(H consumer, long ack) {
    if (paths.containsKey(consumer) || ack < 1 || ack > seq) {
      return false;
    }
    if (droppedConsumers.contains(consumer)) {
      out.retransmitFailed(consumer, ack + 1);
      return true;
    }
    Path p = new Path(ack, now);
    p.acked = ack;
    paths.put(consumer, p);
    long next = ack + 1;
    for (Event<P> e : buffer) {
      if (e.seq() == next) {
        out.retransmit(consumer, next++, e.payload());
      }
    }
    if (next <= seq) {
      out.retransmitFailed(consumer, next);
    }
    return true;
  }

  /**
   * Handles a cumulative ack: {@code consumer} processed every event up to {@code ack}. The first ack
   * completes the handshake. Acks from unknown consumers, older than the last one, below the path's
   * offset or beyond the latest event are ignored.
   */
  public void handleAck(H consumer, long ack) {
    Path p = paths.get(consumer);
    if (p == null || ack < p.acked || ack < p.offset || ack > seq) {
      return;
    }
    p.lastSeen = now;
    if (p.acked == 0) {
      out.handshakeCompleted(consumer);
    } else if (p.acked == ack) {
      return;
    }
    p.acked = ack;
    trim();
  }

  /**
   * Handles a NACK. {@code [0]} from an unknown consumer adds it (how a clone attaches); {@code [0]} from
   * a known one repeats its handshake; otherwise everything before the first number counts as
   * acknowledged and each listed event is sent again, or {@code retransmit_failed} when it is gone. Numbers
   * that are not ascending drop the consumer, as in Broker. A consumer dropped earlier gets
   * {@code retransmit_failed} for the first number it asks for: it lost its stream and must attach anew.
   */
  public void handleNack(H consumer, List<Long> seqs) {
    if (seqs.isEmpty()) {
      return;
    }
    Path p = paths.get(consumer);
    if (p == null) {
      if (seqs.size() == 1 && seqs.get(0) == 0) {
        add(consumer);
      } else if (droppedConsumers.contains(consumer) && seqs.get(0) != 0) {
        out.retransmitFailed(consumer, seqs.get(0));
      }
      return;
    }
    if (p.acked != 0 || seqs.get(0) != 0) {
      p.lastSeen = now; // a path that only repeats nack [0] never took its handshake: it may time out
    }
    for (int i = 1; i < seqs.size(); i++) {
      if (Long.compareUnsigned(seqs.get(i - 1), seqs.get(i)) > 0) {
        drop(consumer, DropReason.INVALID_NACK);
        trim();
        return;
      }
    }
    long first = seqs.get(0);
    if (first == 0) {
      out.handshake(consumer, p.offset, settings.heartbeatInterval());
      return;
    }
    handleAck(consumer, first - 1);
    // Both the NACK and the buffer ascend: serve every number in one pass over the buffer.
    Iterator<Event<P>> it = buffer.iterator();
    Event<P> e = it.hasNext() ? it.next() : null;
    int served = Math.min(seqs.size(), settings.maxNackSeqs());
    for (int i = 0; i < served; i++) {
      long wanted = seqs.get(i);
      while (e != null && e.seq() < wanted) {
        e = it.hasNext() ? it.next() : null;
      }
      if (e != null && e.seq() == wanted) {
        out.retransmit(consumer, wanted, e.payload());
      } else {
        out.retransmitFailed(consumer, wanted);
      }
    }
  }

  /**
   * Advances time by one tick: broadcasts a keepalive after a heartbeat interval without broadcasts and
   * drops consumers silent for the connection timeout.
   */
  public void tick() {
    now++;
    if (settings.heartbeatInterval() == 0) {
      return;
    }
    if (lastBroadcast + settings.heartbeatInterval() == now) {
      lastBroadcast = now;
      if (handshakeWithKeepalive) {
        paths.forEach((h, p) -> {
          if (p.acked == 0) {
            out.handshake(h, p.offset, settings.heartbeatInterval());
          }
        });
      }
      out.keepalive(seq);
    }
    List<H> silent = new ArrayList<>();
    paths.forEach((h, p) -> {
      if (now - p.lastSeen >= settings.connectionTimeoutTicks()) {
        silent.add(h);
      }
    });
    if (!silent.isEmpty()) {
      silent.forEach(h -> drop(h, DropReason.CONNECTION_TIMEOUT));
      trim();
    }
  }

  /** Removes {@code consumer} without a drop report (it said goodbye or the owner gave up on it). */
  public void remove(H consumer) {
    if (paths.remove(consumer) != null) {
      trim();
    }
  }

  /** @return the latest sequence number handed out (1 before the first event) */
  public long seq() {
    return seq;
  }

  /** @return the number of consumer paths */
  public int consumers() {
    return paths.size();
  }

  /** @return whether {@code consumer} is a path */
  public boolean hasConsumer(H consumer) {
    return paths.containsKey(consumer);
  }

  /** @return the latest event {@code consumer} acknowledged (0: none yet), or -1 when it is no path */
  public long ackedBy(H consumer) {
    Path p = paths.get(consumer);
    return p == null ? -1 : p.acked;
  }

  /**
   * @return how many events the slowest consumer that completed its handshake has not acknowledged (0 without
   *     one); consumers still waiting for their handshake are left out, as they may never take it
   */
  public long attachedBacklog() {
    long slowest = Long.MAX_VALUE;
    for (Path p : paths.values()) {
      if (p.acked != 0) {
        slowest = Math.min(slowest, p.acked);
      }
    }
    return slowest == Long.MAX_VALUE ? 0 : seq - slowest;
  }

  /** @return the events kept for retransmission */
  public int bufferedEvents() {
    return buffer.size();
  }

  /** @return their payload bytes */
  public long bufferedBytes() {
    return bufferedBytes;
  }

  /** @return whether every consumer acknowledged the latest event (Broker's {@code idle}) */
  public boolean idle() {
    return paths.values().stream().allMatch(p -> p.acked == seq);
  }

  private void drop(H consumer, DropReason reason) {
    paths.remove(consumer);
    droppedConsumers.add(consumer);
    if (droppedConsumers.size() > REMEMBERED_DROPS) {
      droppedConsumers.remove(droppedConsumers.iterator().next());
    }
    out.retransmitFailed(consumer, seq + 1); // after what was broadcast already, its stream has a hole
    out.dropped(consumer, reason);
  }

  /** Forgets the events every path has acknowledged (without paths: all of them, unless retaining). */
  private void trim() {
    long keepAfter = paths.values().stream().mapToLong(Path::needsAfter).min()
        .orElse(retainUnconsumed ? 0 : Long.MAX_VALUE);
    while (!buffer.isEmpty() && buffer.peekFirst().seq() <= keepAfter) {
      bufferedBytes -= buffer.removeFirst().size();
    }
  }

  /** Drops the furthest-behind consumers until the unacknowledged events fit the bounds again. */
  private void enforceBounds() {
    while (buffer.size() > 1 && (buffer.size() > settings.maxBufferedEvents()
        || bufferedBytes > settings.maxBufferedBytes())) {
      if (paths.isEmpty()) {
        bufferedBytes -= buffer.removeFirst().size(); // retained for nobody yet: the oldest goes
        continue;
      }
      long lowest = paths.values().stream().mapToLong(Path::needsAfter).min().orElseThrow();
      List<H> laggards = new ArrayList<>();
      paths.forEach((h, p) -> {
        if (p.needsAfter() == lowest) {
          laggards.add(h);
        }
      });
      laggards.forEach(h -> drop(h, DropReason.BUFFER_OVERFLOW));
      trim();
    }
  }
}
