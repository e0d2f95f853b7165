package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.StoreEvent;
import io.brokervx.store.StoreStats;
import io.brokervx.store.impl.protocol.ChannelProducer;
import io.brokervx.store.impl.protocol.ChannelSettings;
import io.brokervx.store.impl.protocol.EntityId;
import io.brokervx.store.impl.protocol.InternalCommand;
import io.brokervx.store.impl.protocol.StoreCommand;
import io.brokervx.store.impl.protocol.StoreCommand.Action;
import io.brokervx.store.impl.protocol.StoreCommand.Clear;
import io.brokervx.store.impl.protocol.StoreCommand.CumulativeAck;
import io.brokervx.store.impl.protocol.StoreCommand.Erase;
import io.brokervx.store.impl.protocol.StoreCommand.Expire;
import io.brokervx.store.impl.protocol.StoreCommand.Nack;
import io.brokervx.store.impl.protocol.StoreCommand.Put;
import io.brokervx.store.impl.protocol.StoreCommand.PutUnique;
import io.brokervx.store.impl.protocol.StoreCommand.PutUniqueResult;
import io.brokervx.store.impl.protocol.StoreWire;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The authoritative copy of a store, speaking Broker's master protocol (reference §3.5): it answers a
 * clone's {@code nack [0]} with {@code ack_clone} and a snapshot, broadcasts every change as a numbered
 * action on {@code <name>/<$>/data/clone} through a {@link ChannelProducer} (acks, NACKs, retransmission,
 * keepalives), and consumes each clone's writes through its {@link WriterInputs}. Changes are persisted with group commit and broadcast once committed; expiry is
 * decided here only, on a tick. Writes from other endpoints need {@link EndpointPort#mayWrite}; a
 * broker-vertx writer learns each write's outcome through our {@link WriteResult} extension.
 *
 * <p>Flow control (our extension): while the events an attached clone has not acknowledged exceed half of
 * {@code maxBufferedEvents}, a write is applied at once but its future completes only when the clones caught
 * up again (answers stay in order), so a writer that waits for its futures (a bounded window) slows to its
 * clones' pace instead of outrunning them until the channel drops them. A clone that has not taken its
 * handshake yet does not count. At most {@code 4 × maxBufferedEvents} answers wait, the oldest completing
 * first beyond that (a writer that ignores its futures): then a lagging clone is dropped and told so, and
 * re-attaches with a snapshot.
 */
final class MasterStore extends AbstractStore {
  private static final Logger LOG = LoggerFactory.getLogger(MasterStore.class);

  /** A mutation's answer and the number of the last event that carries it (0: none). */
  private record Applied(Data answer, long eventSeq) {
  }

  private final MasterOptions options;
  private final String resultTopic;
  private final Backend backend;
  private EntityId self;
  private final ChannelSettings settings;
  private EntryTable entries = new EntryTable();
  private final ChannelProducer<EntityId, Action> output;
  private final WriterInputs inputs;
  private final GroupCommit commits;
  /** Answers held back while the clones lag (see the class comment), in order. */
  private final ArrayDeque<Runnable> heldAnswers = new ArrayDeque<>();
  private long processed;
  private long tickTimer = -1;
  private boolean closed;

  /** Creates a master; {@link #start()} loads the backend and attaches it. */
  MasterStore(EndpointPort endpoint, String name, MasterOptions options, Backend backend) {
    super(endpoint, name);
    this.options = options;
    this.resultTopic = WriteResult.topic(name);
    this.backend = backend;
    this.self = new EntityId(endpoint.id(), ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE));
    int heartbeat = ticks(options.getHeartbeatInterval().toMillis(), options.getTickInterval().toMillis());
    int timeout = (int) Math.min(0xffff, Math.max(1, options.getCloneTimeout().toMillis() / Math.max(1,
        options.getHeartbeatInterval().toMillis())));
    this.settings = new ChannelSettings(heartbeat, ChannelSettings.DEFAULTS.nackTimeout(), timeout,
        options.getMaxBufferedEvents(), ChannelSettings.DEFAULTS.maxBufferedBytes(),
        ChannelSettings.DEFAULTS.maxNackSeqs());
    this.output = new ChannelProducer<>(settings, Commands::sizeOf, new ToClones(), false);
    this.commits = new GroupCommit(endpoint, backend, name, this::markAfter);
    this.inputs = new WriterInputs(name, settings, new WriterInputs.Master() {
      @Override
      public void consume(EntityId writer, InternalCommand write) {
        write(writer, write);
      }

      @Override
      public void send(EntityId writer, StoreCommand.ConsumerControl message) {
        MasterStore.this.send(StoreWire.toWriter(name, self, writer, message));
      }

      @Override
      public boolean isClone(EntityId writer) {
        return output.hasConsumer(writer);
      }
    });
  }

  /** @return the channel mark once {@code events} more events are broadcast, with every writer's position */
  private Backend.ChannelMark markAfter(int events) {
    return new Backend.ChannelMark(self.object(), output.seq() + events, inputs.positions());
  }

  /** @return {@code millis} in ticks of {@code tick} ms, within Broker's 16-bit tick counts */
  static int ticks(long millis, long tick) {
    return (int) Math.min(0xffff, Math.max(1, Math.round((double) millis / Math.max(1, tick))));
  }

  /** Loads the backend and starts serving (call on the endpoint's context). */
  public Future<MasterStore> start() {
    return backend.load().map(loaded -> {
      entries = loaded;
      Backend.ChannelMark mark = backend.loadedMark();
      if (mark != null) {
        self = new EntityId(endpoint.id(), mark.objectId());
        output.resumeAt(mark.seq());
        inputs.resume(mark.writers());
      }
      if (backend.persistent()) {
        // Our extension: a restarted master continues its channel, so clones (Broker's too) keep theirs.
        output.retainUnconsumed(true);
        backend.mark(markAfter(0));
        commits.afterCommit(0, failure -> { });
      }
      handleCommands(masterTopic, this::onCommand);
      tickTimer = endpoint.vertx().setPeriodic(options.getTickInterval().toMillis(), t -> endpoint.runOnContext(this::tick));
      return this;
    });
  }

  @Override
  public boolean isMaster() {
    return true;
  }

  private static long now() {
    return System.currentTimeMillis() * 1_000_000L;
  }

  @Override
  Future<Void> readable() {
    return Future.succeededFuture();
  }

  @Override
  Data valueOf(Data key) {
    Entry e = entries.get(key);
    return e == null || expired(e, now()) ? null : e.value();
  }

  @Override
  Collection<Data> currentKeys() {
    long now = now();
    List<Data> keys = new ArrayList<>(entries.size());
    entries.forEach((k, v, expiresAt) -> {
      if (!expired(expiresAt, now)) {
        keys.add(k);
      }
    });
    return keys;
  }

  private Map<Data, Data> snapshot() {
    long now = now();
    Map<Data, Data> state = new LinkedHashMap<>();
    entries.forEach((k, v, expiresAt) -> {
      if (!expired(expiresAt, now)) {
        state.put(k, v);
      }
    });
    return state;
  }

  @Override
  StoreStats statsNow() {
    return new StoreStats(name, true, entries.size(), processed, output.bufferedEvents(), inputs.outOfOrder(), null,
        inputs.stats(), new StoreStats.ChannelOutput(output.bufferedEvents(), output.consumers(), output.seq()));
  }

  private static boolean expired(Entry e, long now) {
    return expired(e.expiresAt(), now);
  }

  private static boolean expired(long expiresAt, long now) {
    return expiresAt >= 0 && now >= expiresAt;
  }

  @Override
  Future<Data> submit(Mutation m) {
    return apply(m, self, null).map(Applied::answer);
  }

  /**
   * Applies {@code m}, made by {@code publisher} ({@code request}: a writer's put_unique, answered on the
   * channel as Broker does).
   *
   * @return its answer and event, completed after the change is committed and broadcast
   */
  private Future<Applied> apply(Mutation m, EntityId publisher, PutUnique request) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "store " + name + " is closed"));
    }
    Promise<Applied> done = Promise.promise();
    java.util.UUID by = publisher.isNil() ? null : publisher.endpoint();
    processed++;
    if (m.op() == Mutation.Op.CLEAR) {
      for (Data k : entries.keys()) {
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, k, null, null, by));
      }
      entries.clear();
      backend.clear();
      afterCommit(done, Data.none(), List.of(new Clear(publisher)));
      return done.future();
    }
    long now = now();
    Entry current = entries.get(m.key());
    if (current != null && expired(current, now)) {
      expireKey(m.key());
      current = null;
    }
    Outcome o = Semantics.apply(m, current, now);
    if (o.failed()) {
      return Future.failedFuture(new BrokerException(o.error(), o.detail()));
    }
    if (o.effect() == Outcome.Effect.WRITE) {
      BrokerException tooLarge = tooLarge(m.key(), o.entry().value()); // an append or insert that grew too far
      if (tooLarge != null) {
        return Future.failedFuture(tooLarge);
      }
    }
    List<Action> updates = new ArrayList<>(2);
    switch (o.effect()) {
      case WRITE -> {
        entries.put(m.key(), o.entry());
        backend.put(m.key(), o.entry());
        emit(current == null
            ? new StoreEvent(StoreEvent.Type.INSERT, name, m.key(), o.entry().value(), null, by)
            : new StoreEvent(StoreEvent.Type.UPDATE, name, m.key(), o.entry().value(), current.value(), by));
        boolean plain = m.op() == Mutation.Op.PUT || m.op() == Mutation.Op.PUT_UNIQUE;
        updates.add(new Put(m.key(), o.entry().value(),
            plain && m.expiryNanos() >= 0 ? Duration.ofNanos(m.expiryNanos()) : null, publisher));
      }
      case DELETE -> {
        entries.remove(m.key());
        backend.delete(m.key());
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, m.key(), null, null, by));
        updates.add(new Erase(m.key(), publisher));
      }
      default -> {
      }
    }
    if (request != null && !request.who().isNil()) {
      updates.add(new PutUniqueResult(Data.bool(true).equals(o.answer()), request.who(), request.reqId(), self));
    }
    afterCommit(done, o.answer(), updates);
    return done.future();
  }

  /**
   * Broadcasts {@code updates} and completes {@code done} with {@code answer} once everything recorded so far
   * is committed (with a persistent backend, the channel mark too): at once with nothing pending, else
   * after the next group commit.
   */
  private void afterCommit(Promise<Applied> done, Data answer, List<Action> updates) {
    commits.afterCommit(updates.size(), failure -> {
      long seq = 0;
      for (Action u : updates) {
        seq = Math.max(seq, output.produce(u));
      }
      if (failure == null) {
        Applied applied = new Applied(answer, seq);
        answerWhenClonesKeepUp(() -> done.complete(applied));
      } else {
        BrokerException e = new BrokerException(ErrorCode.BACKEND_FAILURE, "commit failed: " + failure.getMessage());
        answerWhenClonesKeepUp(() -> done.fail(e)); // in order with the answers held before it
      }
    });
  }

  private boolean clonesLag() {
    return output.attachedBacklog() > settings.maxBufferedEvents() / 2;
  }

  /** Answers now, or after the answers held before it once the clones caught up; the oldest go first at the cap. */
  private void answerWhenClonesKeepUp(Runnable answer) {
    if (closed || heldAnswers.isEmpty() && !clonesLag()) {
      answer.run();
      return;
    }
    if (heldAnswers.size() >= 4 * settings.maxBufferedEvents()) {
      heldAnswers.pollFirst().run();
    }
    heldAnswers.addLast(answer);
  }

  /** Completes the held answers once the clones caught up (or were dropped), or all of them on close. */
  private void releaseHeldAnswers() {
    while (!heldAnswers.isEmpty() && (closed || !clonesLag())) {
      heldAnswers.pollFirst().run();
    }
  }

  // ---------------------------------------------------------------- ticks: expiry and the channels

  private void tick() {
    if (closed) {
      return;
    }
    entries.due(now(), this::expireKey);
    output.tick();
    inputs.tick();
    releaseHeldAnswers();
  }

  private void expireKey(Data key) {
    entries.remove(key);
    backend.delete(key);
    processed++;
    emit(new StoreEvent(StoreEvent.Type.EXPIRE, name, key, null, null, endpoint.id()));
    afterCommit(Promise.promise(), Data.none(), List.of(new Expire(key, self)));
  }

  // ---------------------------------------------------------------- commands from clones and writers

  private void onCommand(InternalCommand cmd) {
    EntityId from = cmd.sender();
    if (closed || !cmd.receiver().isNil() && !cmd.receiver().equals(self)) {
      return; // addressed to an earlier master of this name
    }
    StoreCommand c = cmd.content();
    if (c instanceof CumulativeAck a) {
      if (!output.hasConsumer(from) && cmd.receiver().equals(self)) {
        output.adopt(from, a.seq()); // a clone of this channel from before a restart
      } else {
        output.handleAck(from, a.seq());
      }
      releaseHeldAnswers();
    } else if (c instanceof Nack n) {
      output.handleNack(from, n.seqs());
      releaseHeldAnswers();
    } else {
      inputs.handle(cmd, cmd.receiver().equals(self));
    }
  }

  /** Applies a writer's command, consumed in order from its channel. */
  private void write(EntityId writer, InternalCommand cmd) {
    Action a = (Action) cmd.content();
    if (a instanceof PutUniqueResult || a instanceof Expire) {
      return; // not a write
    }
    Future<Applied> applied;
    if (!endpoint.mayWrite(writer.endpoint(), name)) {
      applied = Future.failedFuture(new BrokerException(ErrorCode.PEER_INVALID, "denied by rule: "
          + writer.endpoint() + " may not write into store " + name));
    } else {
      try {
        Mutation m = Commands.toMutation(a, a instanceof Clear ? null : valueOf(Commands.keyOf(a)));
        applied = apply(m, a.publisher(), a instanceof PutUnique p ? p : null);
      } catch (IllegalArgumentException e) {
        applied = Future.failedFuture(new BrokerException(ErrorCode.INVALID_DATA, e.getMessage()));
      }
    }
    applied.onComplete(ar -> {
      if (ar.failed()) {
        LOG.debug("store " + name + ": write " + a + " from " + writer + " failed: " + ar.cause().getMessage());
      }
      if (endpoint.isBrokerVertx(writer.endpoint())) {
        WriteResult r = ar.succeeded()
            ? new WriteResult(writer.object(), cmd.seq(), ErrorCode.NONE, ar.result().answer(), ar.result().eventSeq())
            : WriteResult.failed(writer.object(), cmd.seq(), ar.cause(), 0);
        endpoint.sendCommand(resultTopic, writer.endpoint(), r.encode());
      }
    });
  }

  /** The master's channel to its clones, on {@code <name>/<$>/data/clone}. */
  private final class ToClones implements ChannelProducer.Output<EntityId, Action> {
    @Override
    public void broadcast(long seq, Action event) {
      send(StoreWire.masterEvent(name, self, seq, event));
    }

    @Override
    public void retransmit(EntityId clone, long seq, Action event) {
      send(StoreWire.masterRetransmit(name, self, clone, seq, event));
    }

    @Override
    public void handshake(EntityId clone, long offset, int heartbeatInterval) {
      send(StoreWire.ackClone(name, self, clone, offset, heartbeatInterval, snapshot()));
    }

    @Override
    public void keepalive(long seq) {
      send(StoreWire.masterKeepalive(name, self, seq));
    }

    @Override
    public void retransmitFailed(EntityId clone, long seq) {
      send(StoreWire.masterRetransmitFailed(name, self, clone, seq));
    }

    @Override
    public void handshakeCompleted(EntityId clone) {
      LOG.debug("store " + name + ": clone " + clone + " attached");
    }

    @Override
    public void dropped(EntityId clone, ChannelProducer.DropReason reason) {
      LOG.info("store " + name + ": dropping clone " + clone + " (" + reason + ")");
    }
  }

  @Override
  public Future<Void> close() {
    Promise<Void> p = Promise.promise();
    endpoint.runOnContext(() -> {
      if (closed) {
        p.complete();
        return;
      }
      closed = true;
      releaseHeldAnswers();
      endpoint.vertx().cancelTimer(tickTimer);
      leaveEndpoint();
      endEvents();
      Promise<Applied> flushed = Promise.promise();
      afterCommit(flushed, Data.none(), List.of());
      flushed.future().compose(v -> backend.close()).onComplete(ar -> p.complete());
    });
    return p.future();
  }
}
