package io.brokervx.store.impl;

import static io.brokervx.store.impl.StoreMessages.field;
import static io.brokervx.store.impl.StoreMessages.message;
import static io.brokervx.store.impl.StoreMessages.number;

import io.brokervx.data.Data;
import io.brokervx.data.StringData;
import io.brokervx.data.TableData;
import io.brokervx.data.VectorData;
import io.brokervx.error.ErrorCode;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.store.CloneOptions;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A full in-memory copy of a store, kept in step with the master by a numbered event stream. Queries are
 * answered locally; writes travel to the master over a go-back-N writer channel and complete once the
 * master's resulting event has been applied here. The clone watches its master: after
 * {@link CloneOptions#getMasterTimeout()} of silence it counts it as lost and asks for a fresh snapshot
 * every resync interval, buffers writes for the mutation-buffer interval and replays them on re-attach,
 * and fails queries with {@code stale_data} once the stale interval has passed.
 */
final class CloneStore extends AbstractStore {
  private static final Logger LOG = LoggerFactory.getLogger(CloneStore.class);
  /** Events kept while waiting for a snapshot; later ones are fetched again by nack. */
  private static final int MAX_EARLY = 65536;
  /** Besides the periodic ack, a busy clone acks every this many events so its master can trim its log. */
  private static final int ACK_EVERY = 4096;

  /** A write on its way to the master. */
  private static final class PendingWrite {
    final Mutation mutation;
    final Promise<Data> promise;
    final long createdAt = System.nanoTime();
    long seq;

    PendingWrite(Mutation mutation, Promise<Data> promise) {
      this.mutation = mutation;
      this.promise = promise;
    }
  }

  /** A write the master applied, waiting until its event is applied here. */
  private record Visible(long eventSeq, Promise<Data> promise, Data answer) {
  }

  private final CloneOptions options;
  private final Map<Data, Data> values = new HashMap<>();
  private final TreeMap<Long, Data> early = new TreeMap<>();
  private final ArrayDeque<PendingWrite> unacked = new ArrayDeque<>();
  private final List<Visible> invisible = new ArrayList<>();
  private final List<Promise<Void>> waitingForSync = new ArrayList<>();
  private UUID master;
  private String incarnation;
  private boolean attached;
  private boolean everSynced;
  private long session = System.nanoTime();
  private long applied;
  private long processed;
  private long nextWrite = 1;
  private long lastHeard;
  private long lostSince = System.nanoTime();
  private long lastAttachSent;
  private long lastWriteSent;
  private long lastAckSent;
  private long timer = -1;
  private boolean closed;

  /** Creates a clone; {@link #start()} attaches it. */
  CloneStore(EndpointPort endpoint, String name, CloneOptions options) {
    super(endpoint, name);
    this.options = options;
  }

  /** Starts looking for the master (call on the endpoint's context). */
  public CloneStore start() {
    handleCommands(cloneTopic, this::onCommand);
    sendAttach();
    timer = endpoint.vertx().setPeriodic(Math.max(10, Math.min(options.getHeartbeatInterval(),
        options.getResyncInterval()) / 2), t -> endpoint.runOnContext(this::tick));
    return this;
  }

  @Override
  public boolean isMaster() {
    return false;
  }

  // ---------------------------------------------------------------- queries

  @Override
  Future<Void> readable() {
    if (!everSynced) {
      Promise<Void> p = Promise.promise();
      waitingForSync.add(p);
      endpoint.vertx().setTimer(Math.max(1, options.getMaxGetDelay()), t -> endpoint.runOnContext(() -> {
        if (waitingForSync.remove(p)) {
          p.fail(new BrokerException(ErrorCode.STALE_DATA, "clone " + name + " has not synchronized with its master"));
        }
      }));
      return p.future();
    }
    if (!attached && options.getStaleInterval() >= 0
        && System.nanoTime() - lostSince > options.getStaleInterval() * 1_000_000L) {
      return Future.failedFuture(new BrokerException(ErrorCode.STALE_DATA,
          "clone " + name + " has been without its master for more than " + options.getStaleInterval() + " ms"));
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
    if (everSynced && !attached && options.getMutationBufferInterval() <= 0) {
      return Future.failedFuture(new BrokerException(ErrorCode.NO_SUCH_MASTER, "clone " + name + " has no master"));
    }
    PendingWrite w = new PendingWrite(m, Promise.promise());
    unacked.add(w);
    if (attached) {
      w.seq = nextWrite++;
      sendWrite(w);
    }
    return w.promise.future();
  }

  private void sendWrite(PendingWrite w) {
    lastWriteSent = System.nanoTime();
    send(masterTopic, master,
        message(StoreMessages.WRITE, Data.count(session), Data.count(w.seq), w.mutation.toData()));
  }

  // ---------------------------------------------------------------- from the master

  private void onCommand(UUID sender, Data m) {
    if (!closed) {
      StoreMessages.dispatch(name, sender, m, this::onMessage);
    }
  }

  private void onMessage(UUID sender, String tag, Data m) {
    if (attached && sender.equals(master)) {
      lastHeard = System.nanoTime();
    }
    switch (tag) {
      case StoreMessages.SNAPSHOT -> onSnapshot(sender, m);
      case StoreMessages.EVENTS -> onEvents(sender, m);
      case StoreMessages.EVENT -> onEvent(sender, m);
      case StoreMessages.KEEPALIVE -> onKeepalive(sender, m);
      case StoreMessages.RESULT -> onResult(sender, m);
      case StoreMessages.RETRANSMIT_FAILED, StoreMessages.REATTACH -> {
        if (sender.equals(master)) {
          detach("the master asked for a new attach (" + tag + ")");
        }
      }
      default -> throw new IllegalArgumentException("unknown store message " + tag);
    }
  }

  private void onSnapshot(UUID sender, Data m) {
    if (number(m, 0) != session) {
      return;
    }
    long offset = number(m, 1);
    TableData snapshot = (TableData) field(m, 2);
    Map<Data, Data> fresh = new HashMap<>();
    for (int i = 0; i < snapshot.size(); i++) {
      fresh.put(snapshot.keyAt(i), snapshot.valueAt(i));
    }
    for (Map.Entry<Data, Data> e : new ArrayList<>(values.entrySet())) {
      if (!fresh.containsKey(e.getKey())) {
        values.remove(e.getKey());
        emit(new StoreEvent(StoreEvent.Type.ERASE, name, e.getKey(), null, null, null));
      }
    }
    fresh.forEach((k, v) -> {
      Data old = values.put(k, v);
      if (old == null) {
        emit(new StoreEvent(StoreEvent.Type.INSERT, name, k, v, null, null));
      } else if (!old.equals(v)) {
        emit(new StoreEvent(StoreEvent.Type.UPDATE, name, k, v, old, null));
      }
    });
    master = sender;
    incarnation = ((StringData) field(m, 3)).value();
    attached = true;
    everSynced = true;
    applied = offset;
    lastHeard = System.nanoTime();
    early.headMap(offset, true).clear();
    drainEarly();
    waitingForSync.forEach(Promise::tryComplete);
    waitingForSync.clear();
    // the writer channel starts afresh: unanswered writes are sent again under new numbers
    nextWrite = 1;
    for (PendingWrite w : unacked) {
      w.seq = nextWrite++;
      sendWrite(w);
    }
    send(masterTopic, master, message(StoreMessages.ACK, Data.count(applied)));
  }

  private void onEvents(UUID sender, Data m) {
    if (attached && !sender.equals(master)) {
      return;
    }
    long first = number(m, 0);
    VectorData updates = (VectorData) field(m, 1);
    for (int i = 0; i < updates.size(); i++) {
      offer(first + i, updates.get(i));
    }
    if (attached) {
      drainEarly();
    }
  }

  private void onEvent(UUID sender, Data m) {
    if (attached && !sender.equals(master)) {
      return;
    }
    offer(number(m, 0), field(m, 1));
    if (attached) {
      drainEarly();
    }
  }

  /** Applies the update numbered {@code seq} now if it is the next one, else keeps it for later. */
  private void offer(long seq, Data update) {
    if (attached && seq == applied + 1 && early.isEmpty()) {
      applyUpdate(update);
      applied = seq;
      if (applied % ACK_EVERY == 0) {
        send(masterTopic, master, message(StoreMessages.ACK, Data.count(applied)));
      }
      return;
    }
    if (seq <= applied && attached) {
      return;
    }
    if (early.size() >= MAX_EARLY && !attached) {
      return; // the snapshot will cover it, or a nack will bring it back
    }
    early.put(seq, update);
  }

  private void drainEarly() {
    while (!early.isEmpty() && early.firstKey() <= applied + 1) {
      Map.Entry<Long, Data> e = early.pollFirstEntry();
      if (e.getKey() == applied + 1) {
        applyUpdate(e.getValue());
        applied = e.getKey();
        if (applied % ACK_EVERY == 0) {
          send(masterTopic, master, message(StoreMessages.ACK, Data.count(applied)));
        }
      }
    }
    if (!invisible.isEmpty()) {
      Iterator<Visible> it = invisible.iterator();
      while (it.hasNext()) {
        Visible v = it.next();
        if (v.eventSeq() <= applied) {
          it.remove();
          v.promise().complete(v.answer());
        }
      }
    }
  }

  private void applyUpdate(Data update) {
    processed++;
    String tag = StoreMessages.tag(update);
    switch (tag) {
      case StoreMessages.PUT -> {
        Data k = field(update, 0);
        Data v = field(update, 1);
        Data old = values.put(k, v);
        emit(old == null ? new StoreEvent(StoreEvent.Type.INSERT, name, k, v, null, master)
            : new StoreEvent(StoreEvent.Type.UPDATE, name, k, v, old, master));
      }
      case StoreMessages.ERASE, StoreMessages.EXPIRE -> {
        Data k = field(update, 0);
        if (values.remove(k) != null) {
          emit(new StoreEvent(tag.equals(StoreMessages.ERASE) ? StoreEvent.Type.ERASE : StoreEvent.Type.EXPIRE, name,
              k, null, null, master));
        }
      }
      case StoreMessages.CLEAR -> {
        for (Data k : new ArrayList<>(values.keySet())) {
          values.remove(k);
          emit(new StoreEvent(StoreEvent.Type.ERASE, name, k, null, null, master));
        }
      }
      default -> throw new IllegalArgumentException("unknown store update " + tag);
    }
  }

  private void onKeepalive(UUID sender, Data m) {
    if (!attached) {
      if (System.nanoTime() - lastAttachSent > options.getResyncInterval() * 1_000_000L / 4) {
        sendAttach();
      }
      return;
    }
    if (!sender.equals(master)) {
      return;
    }
    if (!((StringData) field(m, 1)).value().equals(incarnation)) {
      detach("the master restarted");
      sendAttach();
      return;
    }
    long latest = number(m, 0);
    if (latest > applied) {
      nackGaps(latest);
    }
  }

  private void nackGaps(long upTo) {
    List<Data> missing = new ArrayList<>();
    for (long s = applied + 1; s <= upTo && missing.size() < 1024; s++) {
      if (!early.containsKey(s)) {
        missing.add(Data.count(s));
      }
    }
    if (!missing.isEmpty()) {
      send(masterTopic, master, message(StoreMessages.NACK, Data.vector(missing)));
    }
  }

  private void onResult(UUID sender, Data m) {
    if (!sender.equals(master) || number(m, 0) != session) {
      return;
    }
    long seq = number(m, 1);
    long error = number(m, 2);
    Data answer = field(m, 3);
    long eventSeq = number(m, 4);
    PendingWrite w = null;
    for (Iterator<PendingWrite> it = unacked.iterator(); it.hasNext(); ) {
      PendingWrite p = it.next();
      if (p.seq == seq) {
        w = p;
        it.remove();
        break;
      }
    }
    if (w == null) {
      return;
    }
    if (error != 0) {
      w.promise.fail(new BrokerException(ErrorCode.fromCode((int) error),
          answer instanceof StringData s ? s.value().replaceFirst("^[a-z_]+: ?", "") : ""));
    } else if (eventSeq <= applied) {
      w.promise.complete(answer);
    } else {
      invisible.add(new Visible(eventSeq, w.promise, answer));
    }
  }

  // ---------------------------------------------------------------- liveness

  private void sendAttach() {
    lastAttachSent = System.nanoTime();
    session++;
    send(masterTopic, null, message(StoreMessages.ATTACH, Data.count(session)));
  }

  private void detach(String why) {
    if (attached) {
      LOG.info("store " + name + ": lost the master: " + why);
      attached = false;
      lostSince = System.nanoTime();
    }
    early.clear();
  }

  private void tick() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    if (attached && now - lastHeard > options.getMasterTimeout() * 1_000_000L) {
      detach("no word for " + options.getMasterTimeout() + " ms");
    }
    if (!attached) {
      if (now - lastAttachSent >= options.getResyncInterval() * 1_000_000L) {
        sendAttach();
      }
      failExpiredBufferedWrites(now);
      return;
    }
    if (now - lastAckSent >= options.getHeartbeatInterval() * 1_000_000L) {
      lastAckSent = now;
      send(masterTopic, master, message(StoreMessages.ACK, Data.count(applied)));
      if (!early.isEmpty()) {
        nackGaps(early.lastKey());
      }
    }
    if (!unacked.isEmpty() && now - lastWriteSent > 2 * options.getHeartbeatInterval() * 1_000_000L) {
      unacked.forEach(this::sendWrite);
    }
  }

  private void failExpiredBufferedWrites(long now) {
    long limit = Math.max(0, options.getMutationBufferInterval()) * 1_000_000L;
    for (Iterator<PendingWrite> it = unacked.iterator(); it.hasNext(); ) {
      PendingWrite w = it.next();
      if (now - Math.max(w.createdAt, lostSince) >= limit) {
        it.remove();
        w.promise.fail(new BrokerException(ErrorCode.NO_SUCH_MASTER,
            "no master within the mutation buffer interval of " + options.getMutationBufferInterval() + " ms"));
      }
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
        unacked.forEach(w -> w.promise.tryFail(gone));
        unacked.clear();
        invisible.forEach(v -> v.promise().tryFail(gone));
        invisible.clear();
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
    long silent = attached ? (System.nanoTime() - lastHeard) / (StoreStats.TICK_MILLIS * 1_000_000L) : 0;
    return new StoreStats(name, false, values.size(), processed, unacked.size(), early.size(), attached ? master : null,
        List.of(new StoreStats.ChannelInput(String.valueOf(master), early.size(), applied, applied + 1, silent)),
        new StoreStats.ChannelOutput(unacked.size(), attached ? 1 : 0, nextWrite - 1));
  }

  /** @return whether the clone is attached to a master (for tests and status) */
  public boolean isAttached() {
    return attached;
  }
}
