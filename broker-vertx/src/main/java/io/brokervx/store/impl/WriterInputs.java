package io.brokervx.store.impl;

import io.brokervx.store.StoreStats;
import io.brokervx.store.impl.protocol.ChannelConsumer;
import io.brokervx.store.impl.protocol.ChannelSettings;
import io.brokervx.store.impl.protocol.EntityId;
import io.brokervx.store.impl.protocol.InternalCommand;
import io.brokervx.store.impl.protocol.StoreCommand;
import io.brokervx.store.impl.protocol.StoreCommand.Action;
import io.brokervx.store.impl.protocol.StoreCommand.AttachWriter;
import io.brokervx.store.impl.protocol.StoreCommand.Keepalive;
import io.brokervx.store.impl.protocol.StoreCommand.Nack;
import io.brokervx.store.impl.protocol.StoreCommand.RetransmitFailed;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A master's inputs: one {@link ChannelConsumer} per writer channel, opened by the clone's
 * {@code attach_writer}, handing each write to the master in order exactly once. Beyond Broker, a writer
 * silent for the channel's connection timeout is forgotten (a clone that re-attaches writes under a new
 * entity), and after a restart a writer of the predecessor continues after the last write that master
 * committed; one that writes on a channel this master never opened is asked for its handshake. On the
 * master's context only.
 */
final class WriterInputs {
  private static final Logger LOG = LoggerFactory.getLogger(WriterInputs.class);

  /** What the inputs need from their master. */
  interface Master {
    /** Applies {@code write}, the next command of {@code writer}'s channel. */
    void consume(EntityId writer, InternalCommand write);

    /** Sends an ack or NACK to {@code writer}. */
    void send(EntityId writer, StoreCommand.ConsumerControl message);

    /** @return whether {@code writer} is one of the master's clones (a path of its own channel) */
    boolean isClone(EntityId writer);
  }

  private final String store;
  private final ChannelSettings settings;
  private final Master master;
  private final Map<EntityId, ChannelConsumer<EntityId, InternalCommand>> inputs = new LinkedHashMap<>();
  /** Writer channels of a restarted master's predecessor: the last write each had committed. */
  private final Map<EntityId, Long> resumed = new HashMap<>();
  /** Writers asked this tick to repeat their handshake. */
  private final Set<EntityId> asked = new HashSet<>();

  WriterInputs(String store, ChannelSettings settings, Master master) {
    this.store = store;
    this.settings = settings;
    this.master = master;
  }

  /** Continues the writer channels of a predecessor at the positions it committed. */
  void resume(Map<EntityId, Long> positions) {
    resumed.putAll(positions);
  }

  /** @return for each writer channel, the last write consumed (for the channel mark) */
  Map<EntityId, Long> positions() {
    Map<EntityId, Long> writers = new HashMap<>(resumed);
    inputs.forEach((w, in) -> writers.put(w, Math.max(0, in.nextSeq() - 1)));
    return writers;
  }

  /**
   * Handles a writer's part of the protocol: its actions, {@code attach_writer}, keepalives and
   * {@code retransmit_failed}.
   *
   * @param toMe whether the command is addressed to this master (not broadcast)
   */
  void handle(InternalCommand cmd, boolean toMe) {
    EntityId from = cmd.sender();
    ChannelConsumer<EntityId, InternalCommand> in = inputs.get(from);
    StoreCommand c = cmd.content();
    if (c instanceof Action) {
      if (in != null) {
        in.handleEvent(cmd.seq(), cmd);
      } else if (toMe) {
        askForHandshake(from);
      }
    } else if (c instanceof AttachWriter w) {
      if (in == null) {
        open(from, w);
      }
    } else if (c instanceof Keepalive k) {
      if (in != null) {
        in.handleKeepalive(k.seq());
      } else {
        askForHandshake(from);
      }
    } else if (c instanceof RetransmitFailed r && in != null) {
      in.handleRetransmitFailed(r.seq());
    }
  }

  private void open(EntityId writer, AttachWriter w) {
    ChannelConsumer<EntityId, InternalCommand> in = new ChannelConsumer<>(settings,
        x -> Commands.sizeOf((Action) x.content()), new FromWriter(writer));
    inputs.put(writer, in);
    // a writer of our predecessor continues after what that master committed: nothing twice
    long offset = Math.max(w.offset(), resumed.getOrDefault(writer, 0L));
    resumed.remove(writer);
    if (!in.handleHandshake(writer, offset, w.heartbeatInterval())) {
      inputs.remove(writer);
    }
  }

  /**
   * A clone of ours writes on a channel this master does not know (it attached before a restart): our
   * extension asks it for the handshake with {@code nack [0]}, which Broker's producer answers with
   * {@code attach_writer} (at most once a tick per writer).
   */
  private void askForHandshake(EntityId writer) {
    if (master.isClone(writer) && asked.add(writer)) {
      master.send(writer, new Nack(List.of(0L)));
    }
  }

  /** Advances every input by one tick and forgets the writers silent for the connection timeout. */
  void tick() {
    asked.clear();
    inputs.values().forEach(ChannelConsumer::tick);
    inputs.values().removeIf(in -> in.silentTicks() > settings.connectionTimeoutTicks());
  }

  /** @return each input as the status report shows it */
  List<StoreStats.ChannelInput> stats() {
    List<StoreStats.ChannelInput> writers = new ArrayList<>();
    inputs.forEach((w, in) -> writers.add(new StoreStats.ChannelInput(w.endpoint().toString(), in.bufferedEvents(),
        Math.max(0, in.nextSeq() - 1), in.nextSeq(), in.silentTicks())));
    return writers;
  }

  /** @return the writes waiting behind a gap, over all inputs */
  long outOfOrder() {
    return inputs.values().stream().mapToLong(ChannelConsumer::bufferedEvents).sum();
  }

  /** One writer's channel into the master. */
  private final class FromWriter implements ChannelConsumer.Output<InternalCommand> {
    private final EntityId writer;

    FromWriter(EntityId writer) {
      this.writer = writer;
    }

    @Override
    public void consume(InternalCommand event) {
      master.consume(writer, event);
    }

    @Override
    public boolean consumeNil(long seq) {
      // Broker logs an error; after a restart the writer reports every write the old master took as gone
      LOG.debug("store " + store + ": write " + seq + " of " + writer + " is gone");
      return true;
    }

    @Override
    public void send(StoreCommand.ConsumerControl message) {
      master.send(writer, message);
    }

    @Override
    public void closed(long lostSeq) {
      inputs.remove(writer);
    }
  }
}
