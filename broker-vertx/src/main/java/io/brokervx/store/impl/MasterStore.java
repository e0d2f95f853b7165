package io.brokervx.store.impl;

import static io.brokervx.store.impl.StoreMessages.message;
import static io.brokervx.store.impl.StoreMessages.number;

import io.brokervx.data.Data;
import io.brokervx.data.TableData;
import io.brokervx.data.VectorData;
import io.brokervx.error.ErrorCode;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.StoreEvent;
import io.brokervx.store.StoreStats;
import io.brokervx.error.BrokerException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The authoritative copy of a store. Applies mutations in arrival order, persists them through its
 * backend with group commit, answers each writer once the change is committed, and streams the results
 * to clones as numbered events over a reliable channel (acks, nacks, retransmission, keepalives).
 * Expiry is decided here only, on a tick.
 */
final class MasterStore extends AbstractStore {
  private static final Logger LOG = LoggerFactory.getLogger(MasterStore.class);
  private static final int RESULT_CACHE = 4096;
  private static final int BATCH = 1024;

  /** What the master knows of one clone. */
  private static final class CloneState {
    long session;
    long acked;
    long lastHeard;
    long nextWrite = 1;
    final LinkedHashMap<Long, Data> results = new LinkedHashMap<>() {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Long, Data> eldest) {
        return size() > RESULT_CACHE;
      }
    };
  }

  private final MasterOptions options;
  private final Backend backend;
  private final Map<Data, Entry> entries = new HashMap<>();
  private final Map<UUID, CloneState> clones = new HashMap<>();
  private final ArrayDeque<Data> log = new ArrayDeque<>();
  private final List<Data> batch = new ArrayList<>();
  private long batchStart;
  private final String incarnation = UUID.randomUUID().toString();
  private List<java.util.function.Consumer<Throwable>> nextBatch = new ArrayList<>();
  private boolean committing;
  private long eventSeq;
  private long tickTimer = -1;
  private long heartbeatTimer = -1;
  private boolean closed;

  /** Creates a master; {@link #start()} loads the backend and attaches it. */
  MasterStore(EndpointPort endpoint, String name, MasterOptions options, Backend backend) {
    super(endpoint, name);
    this.options = options;
    this.backend = backend;
  }

  /** Loads the backend and starts serving (call on the endpoint's context). */
  public Future<MasterStore> start() {
    return backend.load().map(loaded -> {
      entries.putAll(loaded);
      handleCommands(masterTopic, this::onCommand);
      tickTimer = endpoint.vertx().setPeriodic(options.getTickInterval(),
          t -> endpoint.runOnContext(this::expire));
      heartbeatTimer = endpoint.vertx().setPeriodic(options.getHeartbeatInterval(),
          t -> endpoint.runOnContext(this::heartbeat));
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
    entries.forEach((k, e) -> {
      if (!expired(e, now)) {
        keys.add(k);
      }
    });
    return keys;
  }

  @Override
  StoreStats statsNow() {
    long oldestAck = eventSeq;
    List<StoreStats.ChannelInput> writers = new ArrayList<>();
    for (Map.Entry<UUID, CloneState> e : clones.entrySet()) {
      CloneState c = e.getValue();
      oldestAck = Math.min(oldestAck, c.acked);
      writers.add(new StoreStats.ChannelInput(e.getKey().toString(), 0, c.nextWrite - 1, c.nextWrite,
          (System.nanoTime() - c.lastHeard) / (StoreStats.TICK_MILLIS * 1_000_000L)));
    }
    return new StoreStats(name, true, entries.size(), eventSeq, eventSeq - oldestAck, 0, null, writers,
        new StoreStats.ChannelOutput(log.size(), clones.size(), eventSeq));
  }

  private static boolean expired(Entry e, long now) {
    return e.expiresAt() >= 0 && now >= e.expiresAt();
  }

  @Override
  Future<Data> submit(Mutation m) {
    return apply(m, endpoint.id());
  }

  /** Applies {@code m}; @return its answer, completed after the change is committed and broadcast */
  private Future<Data> apply(Mutation m, UUID publisher) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "store " + name + " is closed"));
    }
    Promise<Data> done = Promise.promise();
    if (m.op() == Mutation.Op.CLEAR) {
      for (Data k : new ArrayList<>(entries.keySet())) {
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, k, null, null, publisher));
      }
      entries.clear();
      backend.clear();
      afterCommit(done, Data.none(), message(StoreMessages.CLEAR));
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
    switch (o.effect()) {
      case WRITE -> {
        entries.put(m.key(), o.entry());
        backend.put(m.key(), o.entry());
        emit(current == null
            ? new StoreEvent(StoreEvent.Type.INSERT, name, m.key(), o.entry().value(), null, publisher)
            : new StoreEvent(StoreEvent.Type.UPDATE, name, m.key(), o.entry().value(), current.value(), publisher));
        afterCommit(done, o.answer(), message(StoreMessages.PUT, m.key(), o.entry().value()));
      }
      case DELETE -> {
        entries.remove(m.key());
        backend.delete(m.key());
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, m.key(), null, null, publisher));
        afterCommit(done, o.answer(), message(StoreMessages.ERASE, m.key()));
      }
      default -> afterCommit(done, o.answer(), null);
    }
    return done.future();
  }

  /**
   * Completes {@code done} with {@code answer} and broadcasts {@code update} once everything recorded so far
   * is committed: at once with nothing pending, else after the next group commit.
   */
  private void afterCommit(Promise<Data> done, Data answer, Data update) {
    java.util.function.Consumer<Throwable> release = failure -> {
      if (update != null) {
        broadcast(update);
      }
      if (failure == null) {
        done.complete(answer);
      } else {
        done.fail(new BrokerException(ErrorCode.BACKEND_FAILURE, "commit failed: " + failure.getMessage()));
      }
    };
    if (!committing && !backend.hasPending()) {
      release.accept(null);
      return;
    }
    nextBatch.add(release);
    if (!committing) {
      commitNext();
    }
  }

  private void commitNext() {
    committing = true;
    List<java.util.function.Consumer<Throwable>> batch = nextBatch;
    nextBatch = new ArrayList<>();
    backend.commit().onComplete(ar -> endpoint.runOnContext(() -> {
      if (ar.failed()) {
        LOG.error("store " + name + ": commit failed: " + ar.cause().getMessage());
      }
      batch.forEach(release -> release.accept(ar.cause()));
      if (!nextBatch.isEmpty() || backend.hasPending()) {
        commitNext();
      } else {
        committing = false;
      }
    }));
  }

  /**
   * Numbers an update and queues it for the clones. Updates of one event-loop turn travel together as one
   * {@code ["events", firstSeq, [update…]]} message (at most {@value #BATCH} per message).
   */
  private void broadcast(Data update) {
    long seq = ++eventSeq;
    log.add(update);
    while (log.size() > options.getMaxBufferedEvents()) {
      log.poll();
    }
    if (clones.isEmpty()) {
      return;
    }
    if (batch.isEmpty()) {
      batchStart = seq;
      endpoint.context().runOnContext(v -> flushBatch());
    }
    batch.add(update);
    if (batch.size() >= BATCH) {
      flushBatch();
    }
  }

  private void flushBatch() {
    if (batch.isEmpty()) {
      return;
    }
    Data events = message(StoreMessages.EVENTS, Data.count(batchStart), VectorData.wrap(batch.toArray(new Data[0])));
    batchStart += batch.size();
    batch.clear();
    send(cloneTopic, null, events);
  }

  private long firstLogged() {
    return eventSeq - log.size() + 1;
  }

  // ---------------------------------------------------------------- expiry and keepalive

  private void expire() {
    if (closed) {
      return;
    }
    long now = now();
    List<Data> due = new ArrayList<>();
    entries.forEach((k, e) -> {
      if (expired(e, now)) {
        due.add(k);
      }
    });
    due.forEach(this::expireKey);
  }

  private void expireKey(Data key) {
    entries.remove(key);
    backend.delete(key);
    emit(new StoreEvent(StoreEvent.Type.EXPIRE, name, key, null, null, endpoint.id()));
    afterCommit(Promise.promise(), Data.none(), message(StoreMessages.EXPIRE, key));
  }

  private void heartbeat() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    long timeout = options.getCloneTimeout() * 1_000_000L;
    clones.entrySet().removeIf(e -> {
      if (now - e.getValue().lastHeard > timeout) {
        LOG.info("store " + name + ": dropping silent clone " + e.getKey());
        return true;
      }
      return false;
    });
    if (!clones.isEmpty()) {
      flushBatch();
      send(cloneTopic, null,
          message(StoreMessages.KEEPALIVE, Data.count(eventSeq), Data.string(incarnation)));
    }
  }

  // ---------------------------------------------------------------- commands from clones

  private void onCommand(UUID sender, Data m) {
    if (!closed) {
      StoreMessages.dispatch(name, sender, m, this::onMessage);
    }
  }

  private void onMessage(UUID sender, String tag, Data m) {
    switch (tag) {
      case StoreMessages.ATTACH -> attach(sender, number(m, 0));
      case StoreMessages.WRITE -> write(sender, m);
      case StoreMessages.ACK -> {
        CloneState c = clones.get(sender);
        if (c != null) {
          c.lastHeard = System.nanoTime();
          c.acked = Math.max(c.acked, number(m, 0));
        }
      }
      case StoreMessages.NACK -> nack(sender, (VectorData) StoreMessages.field(m, 0));
      default -> throw new IllegalArgumentException("unknown store message " + tag);
    }
  }

  private void attach(UUID clone, long session) {
    flushBatch();
    CloneState c = new CloneState();
    c.session = session;
    c.acked = eventSeq;
    c.lastHeard = System.nanoTime();
    clones.put(clone, c);
    Data[] keys = new Data[entries.size()];
    Data[] values = new Data[entries.size()];
    int i = 0;
    long now = now();
    for (Map.Entry<Data, Entry> e : entries.entrySet()) {
      if (!expired(e.getValue(), now)) {
        keys[i] = e.getKey();
        values[i++] = e.getValue().value();
      }
    }
    TableData snapshot = TableData.ofArrays(java.util.Arrays.copyOf(keys, i), java.util.Arrays.copyOf(values, i));
    send(cloneTopic, clone, message(StoreMessages.SNAPSHOT, Data.count(session), Data.count(eventSeq),
        snapshot, Data.string(incarnation)));
  }

  private void write(UUID sender, Data m) {
    CloneState c = clones.get(sender);
    long session = number(m, 0);
    if (c == null || c.session != session) {
      send(cloneTopic, sender, message(StoreMessages.REATTACH));
      return;
    }
    c.lastHeard = System.nanoTime();
    long seq = number(m, 1);
    if (seq < c.nextWrite) {
      Data cached = c.results.get(seq);
      if (cached != null) {
        send(cloneTopic, sender, cached);
      }
      return;
    }
    if (seq > c.nextWrite) {
      return;
    }
    c.nextWrite++;
    Mutation mutation = Mutation.fromData(StoreMessages.field(m, 2));
    Future<Data> applied = endpoint.mayWrite(sender, name) ? apply(mutation, sender)
        : Future.failedFuture(new BrokerException(ErrorCode.PEER_INVALID, "denied by rule: " + sender
            + " may not write into store " + name));
    applied.onComplete(ar -> {
      Data result;
      if (ar.succeeded()) {
        result = message(StoreMessages.RESULT, Data.count(session), Data.count(seq), Data.count(0), ar.result(),
            Data.count(eventSeq));
      } else {
        BrokerException e = ar.cause() instanceof BrokerException se ? se
            : new BrokerException(ErrorCode.UNSPECIFIED, ar.cause().getMessage());
        result = message(StoreMessages.RESULT, Data.count(session), Data.count(seq), Data.count(e.error().code()),
            Data.string(e.getMessage()), Data.count(eventSeq));
      }
      c.results.put(seq, result);
      send(cloneTopic, sender, result);
    });
  }

  private void nack(UUID sender, VectorData seqs) {
    CloneState c = clones.get(sender);
    if (c == null) {
      send(cloneTopic, sender, message(StoreMessages.REATTACH));
      return;
    }
    c.lastHeard = System.nanoTime();
    long first = firstLogged();
    for (Data d : seqs.elements()) {
      long seq = ((io.brokervx.data.CountData) d).bits();
      if (seq < first || seq > eventSeq) {
        send(cloneTopic, sender, message(StoreMessages.RETRANSMIT_FAILED, Data.count(seq)));
        return;
      }
      Iterator<Data> it = log.iterator();
      for (long s = first; s < seq; s++) {
        it.next();
      }
      send(cloneTopic, sender, message(StoreMessages.EVENT, Data.count(seq), it.next()));
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
      endpoint.vertx().cancelTimer(tickTimer);
      endpoint.vertx().cancelTimer(heartbeatTimer);
      leaveEndpoint();
      endEvents();
      Promise<Data> flushed = Promise.promise();
      afterCommit(flushed, Data.none(), null);
      flushed.future().compose(v -> backend.close()).onComplete(ar -> p.complete());
    });
    return p.future();
  }
}
