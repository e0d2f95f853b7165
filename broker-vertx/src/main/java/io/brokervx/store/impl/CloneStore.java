package io.brokervx.store.impl;

import io.brokervx.config.Durations;
import io.brokervx.data.Data;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.StoreEvent;
import io.brokervx.store.StoreStats;
import io.brokervx.store.impl.protocol.ChannelConsumer;
import io.brokervx.store.impl.protocol.ChannelProducer;
import io.brokervx.store.impl.protocol.ChannelSettings;
import io.brokervx.store.impl.protocol.EntityId;
import io.brokervx.store.impl.protocol.InternalCommand;
import io.brokervx.store.impl.protocol.StoreCommand.AckClone;
import io.brokervx.store.impl.protocol.StoreCommand.Action;
import io.brokervx.store.impl.protocol.StoreCommand.Clear;
import io.brokervx.store.impl.protocol.StoreCommand.CumulativeAck;
import io.brokervx.store.impl.protocol.StoreCommand.Erase;
import io.brokervx.store.impl.protocol.StoreCommand.Expire;
import io.brokervx.store.impl.protocol.StoreCommand.Keepalive;
import io.brokervx.store.impl.protocol.StoreCommand.Nack;
import io.brokervx.store.impl.protocol.StoreCommand.Put;
import io.brokervx.store.impl.protocol.StoreCommand.PutUniqueResult;
import io.brokervx.store.impl.protocol.StoreCommand.RetransmitFailed;
import io.brokervx.store.impl.protocol.StoreCommand;
import io.brokervx.store.impl.protocol.StoreWire;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A full in-memory copy of a store, speaking Broker's clone protocol (reference §3.5): it asks for the
 * master with {@code nack [0]}, takes the snapshot of {@code ack_clone}, consumes the master's numbered
 * actions through a {@link ChannelConsumer}, and sends its writes through its own {@link ChannelProducer}
 * opened by {@code attach_writer}. Queries are answered locally. On top of Broker's behaviour the clone
 * watches its master: after {@link CloneOptions#getMasterTimeout()} of silence it counts it as lost,
 * asks for a master again every resync interval under a new entity id (a fresh snapshot), buffers writes for
 * the mutation-buffer interval and replays them on re-attach, and fails queries with {@code stale_data}
 * once the stale interval has passed. Writes complete as {@link CloneWrites} describes.
 */
final class CloneStore extends AbstractStore {
  private static final Logger LOG = LoggerFactory.getLogger(CloneStore.class);
  /** Broker's store tick; shorter when the heartbeat asks for it. */
  private static final long TICK_MILLIS = StoreStats.TICK_MILLIS;

  private final CloneOptions options;
  private final long tickMillis;
  private final ChannelSettings settings;
  private final Map<Data, Data> values = new HashMap<>();
  private final CloneWrites writes = new CloneWrites();
  private final List<Promise<Void>> waitingForSync = new ArrayList<>();
  private EntityId self;
  private ChannelConsumer<EntityId, Action> input;
  private ChannelProducer<EntityId, Action> output;
  private EntityId master;
  private boolean everSynced;
  private long lostSince = System.nanoTime();
  private long lastAttachSent;
  private long processed;
  private long timer = -1;
  private boolean closed;

  /** Creates a clone; {@link #start()} attaches it. */
  CloneStore(EndpointPort endpoint, String name, CloneOptions options) {
    super(endpoint, name);
    this.options = options;
    this.tickMillis = Math.max(10, Math.min(TICK_MILLIS, options.getHeartbeatInterval().toMillis() / 2));
    this.settings = new ChannelSettings(MasterStore.ticks(options.getHeartbeatInterval().toMillis(), tickMillis),
        ChannelSettings.DEFAULTS.nackTimeout(), ChannelSettings.DEFAULTS.connectionTimeoutFactor(),
        ChannelSettings.DEFAULTS.maxBufferedEvents(), ChannelSettings.DEFAULTS.maxBufferedBytes(),
        ChannelSettings.DEFAULTS.maxNackSeqs());
    newSession();
  }

  /** Starts looking for the master (call on the endpoint's context). */
  public CloneStore start() {
    handleCommands(cloneTopic, this::onCommand);
    handleRaw(WriteResult.topic(name), this::onResult);
    requestMaster();
    timer = endpoint.vertx().setPeriodic(tickMillis, t -> endpoint.runOnContext(this::tick));
    return this;
  }

  @Override
  public boolean isMaster() {
    return false;
  }

  /** @return whether the clone is attached to a master (for tests and status) */
  public boolean isAttached() {
    return master != null;
  }

  // ---------------------------------------------------------------- queries

  @Override
  Future<Void> readable() {
    if (!everSynced) {
      Promise<Void> p = Promise.promise();
      waitingForSync.add(p);
      endpoint.vertx().setTimer(Math.max(1, options.getMaxGetDelay().toMillis()), t -> endpoint.runOnContext(() -> {
        if (waitingForSync.remove(p)) {
          p.fail(new BrokerException(ErrorCode.STALE_DATA, "clone " + name + " has not synchronized with its master"));
        }
      }));
      return p.future();
    }
    if (master == null && !options.getStaleInterval().isNegative()
        && System.nanoTime() - lostSince > options.getStaleInterval().toNanos()) {
      return Future.failedFuture(new BrokerException(ErrorCode.STALE_DATA,
          "clone " + name + " has been without its master for more than " + Durations.format(options.getStaleInterval())));
    }
    return Future.succeededFuture();
  }

  @Override
  Data valueOf(Data key) {
    return values.get(key);
  }

  @Override
  Collection<Data> currentKeys() {
    return new ArrayList<>(values.keySet());
  }

  // ---------------------------------------------------------------- writes

  @Override
  Future<Data> submit(Mutation m) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "store " + name + " is closed"));
    }
    if (everSynced && master == null && options.getMutationBufferInterval().isZero()) {
      return Future.failedFuture(new BrokerException(ErrorCode.NO_SUCH_MASTER, "clone " + name + " has no master"));
    }
    CloneWrites.Pending w = writes.add(m);
    if (output != null) {
      w.seq = output.produce(Commands.toAction(m, self, w.reqId));
    }
    return w.promise.future();
  }

  private void onResult(UUID sender, Buffer payload) {
    WriteResult r = WriteResult.decode(payload);
    if (master != null && sender.equals(master.endpoint()) && r.writerObject() == self.object()) {
      if (output != null) {
        output.handleAck(master, r.writerSeq()); // the master consumed the writes in order up to this one
      }
      writes.result(r, input.nextSeq() - 1);
    }
  }

  // ---------------------------------------------------------------- from the master

  private void onCommand(InternalCommand cmd) {
    EntityId from = cmd.sender();
    if (closed || input.initialized() && !from.equals(input.producer())) {
      return; // Broker: "received message from unrecognized sender"
    }
    boolean toMe = cmd.receiver().equals(self);
    StoreCommand c = cmd.content();
    if (c instanceof Action a) {
      input.handleEvent(cmd.seq(), a);
    } else if (c instanceof AckClone ack) {
      if (toMe && !input.initialized()) {
        attach(from, ack);
      }
    } else if (c instanceof Keepalive k) {
      if (input.initialized()) {
        input.handleKeepalive(k.seq());
      } else if (System.nanoTime() - lastAttachSent > options.getResyncInterval().toNanos() / 4) {
        requestMaster(); // a master is there: ask now rather than at the next resync
      }
    } else if (c instanceof RetransmitFailed r) {
      if (toMe) {
        input.handleRetransmitFailed(r.seq());
      }
    } else if (c instanceof CumulativeAck a) {
      if (toMe && output != null) {
        output.handleAck(from, a.seq());
        if (!endpoint.isBrokerVertx(from.endpoint())) {
          writes.acked(output.ackedBy(from));
        }
      }
    } else if (c instanceof Nack n) {
      if (toMe && output != null) {
        output.handleNack(from, n.seqs());
      }
    }
  }

  /** The master's handshake: take its snapshot, start consuming after its offset, open the writer channel. */
  private void attach(EntityId from, AckClone ack) {
    Map<Data, Data> fresh = ack.state();
    UUID by = from.endpoint();
    for (Data k : new ArrayList<>(values.keySet())) {
      if (!fresh.containsKey(k)) {
        values.remove(k);
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, k, null, null, null));
      }
    }
    fresh.forEach((k, v) -> {
      Data old = values.put(k, v);
      if (old == null) {
        emit(new StoreEvent(StoreEvent.Type.INSERT, name, k, v, null, by));
      } else if (!old.equals(v)) {
        emit(new StoreEvent(StoreEvent.Type.UPDATE, name, k, v, old, by));
      }
    });
    master = from;
    if (!input.handleHandshake(from, ack.offset(), ack.heartbeatInterval())) {
      master = null;
      return;
    }
    everSynced = true;
    writes.resynced();
    waitingForSync.forEach(Promise::tryComplete);
    waitingForSync.clear();
    output = new ChannelProducer<>(settings, Commands::sizeOf, new ToMaster(), true);
    output.add(from);
    for (CloneWrites.Pending w : writes.unsent()) {
      w.seq = output.produce(Commands.toAction(w.mutation, self, w.reqId));
    }
  }

  /** Applies one of the master's actions, in order. */
  private void apply(Action a) {
    processed++;
    UUID by = Commands.publisherOf(a);
    if (a instanceof Put p) {
      Data old = values.put(p.key(), p.value());
      emit(old == null ? new StoreEvent(StoreEvent.Type.INSERT, name, p.key(), p.value(), null, by)
          : new StoreEvent(StoreEvent.Type.UPDATE, name, p.key(), p.value(), old, by));
    } else if (a instanceof Erase e) {
      if (values.remove(e.key()) != null) {
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, e.key(), null, null, by));
      }
    } else if (a instanceof Expire e) {
      if (values.remove(e.key()) != null) {
        emit(new StoreEvent(StoreEvent.Type.EXPIRE, name, e.key(), null, null, by));
      }
    } else if (a instanceof Clear) {
      for (Data k : new ArrayList<>(values.keySet())) {
        values.remove(k);
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, k, null, null, by));
      }
    } else if (a instanceof PutUniqueResult r && r.who().equals(self)) {
      writes.putUniqueResult(r.reqId(), r.inserted());
    }
  }

  // ---------------------------------------------------------------- liveness

  /** A new entity with a fresh input channel: what a clone is after each loss of its master. */
  private void newSession() {
    self = new EntityId(endpoint.id(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    input = new ChannelConsumer<>(settings, Commands::sizeOf, new FromMaster());
    output = null;
  }

  private void requestMaster() {
    lastAttachSent = System.nanoTime();
    input.requestHandshake();
  }

  private void detach(String why) {
    if (master != null) {
      LOG.info("store " + name + ": lost the master: " + why);
      master = null;
      lostSince = System.nanoTime();
    }
    writes.channelLost();
    newSession();
  }

  private void tick() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (master != null) {
      input.tick();
      if (output != null) {
        output.tick();
      }
      if (input.silentTicks() * tickMillis > options.getMasterTimeout().toMillis()) {
        detach("no word for " + Durations.format(options.getMasterTimeout()));
      }
    }
    if (master == null) {
      if (now - lastAttachSent >= options.getResyncInterval().toNanos()) {
        requestMaster();
      }
      writes.failExpired(now, lostSince, options.getMutationBufferInterval().toMillis());
    }
  }

  /** The master's channel into this clone: acks and NACKs go to the master topic. */
  private final class FromMaster implements ChannelConsumer.Output<Action> {
    @Override
    public void consume(Action event) {
      apply(event);
      writes.visible(input.nextSeq());
    }

    @Override
    public boolean consumeNil(long seq) {
      return false; // an update is lost: out of sync
    }

    @Override
    public void send(StoreCommand.ConsumerControl message) {
      CloneStore.this.send(StoreWire.toMaster(name, self, master == null ? EntityId.NIL : master, message));
    }

    @Override
    public void closed(long lostSeq) {
      endpoint.runOnContext(() -> {
        detach("update " + lostSeq + " was lost");
        requestMaster();
      });
    }
  }

  /** The clone's writer channel to its master, on the master topic. */
  private final class ToMaster implements ChannelProducer.Output<EntityId, Action> {
    @Override
    public void broadcast(long seq, Action event) {
      send(StoreWire.writerEvent(name, self, master, seq, event));
    }

    @Override
    public void retransmit(EntityId to, long seq, Action event) {
      send(StoreWire.writerEvent(name, self, master, seq, event));
    }

    @Override
    public void handshake(EntityId to, long offset, int heartbeatInterval) {
      send(StoreWire.attachWriter(name, self, master, offset, heartbeatInterval));
    }

    @Override
    public void keepalive(long seq) {
      send(StoreWire.writerKeepalive(name, self, seq));
    }

    @Override
    public void retransmitFailed(EntityId to, long seq) {
      send(StoreWire.writerRetransmitFailed(name, self, master, seq));
    }

    @Override
    public void handshakeCompleted(EntityId to) {
      LOG.debug("store " + name + ": writer channel to " + to + " open");
    }

    @Override
    public void dropped(EntityId to, ChannelProducer.DropReason reason) {
      LOG.info("store " + name + ": the master stopped taking writes (" + reason + ")");
    }
  }

  @Override
  public Future<Void> close() {
    Promise<Void> p = Promise.promise();
    endpoint.runOnContext(() -> {
      if (!closed) {
        closed = true;
        endpoint.vertx().cancelTimer(timer);
        leaveEndpoint();
        BrokerException gone = new BrokerException(ErrorCode.SHUTTING_DOWN, "store " + name + " is closed");
        writes.failAll(gone);
        waitingForSync.forEach(w -> w.tryFail(gone));
        waitingForSync.clear();
        endEvents();
      }
      p.complete();
    });
    return p.future();
  }

  @Override
  StoreStats statsNow() {
    long next = input.nextSeq();
    List<StoreStats.ChannelInput> in = List.of(new StoreStats.ChannelInput(String.valueOf(master == null ? null
        : master.endpoint()), input.bufferedEvents(), Math.max(0, next - 1), next, input.silentTicks()));
    StoreStats.ChannelOutput out = output == null ? new StoreStats.ChannelOutput(0, 0, 0)
        : new StoreStats.ChannelOutput(output.bufferedEvents(), output.consumers(), output.seq());
    return new StoreStats(name, false, values.size(), processed, writes.size(), input.bufferedEvents(),
        master == null ? null : master.endpoint(), in, out);
  }
}
