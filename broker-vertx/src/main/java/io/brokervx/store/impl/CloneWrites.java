package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Promise;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A clone's writes from submission to completion. A write waits here, in order, until a master takes it:
 * it is sent on the current writer channel (numbered there) or, without a master, buffered. It completes
 * with our master's {@link WriteResult} once the clone applied the event that carries it, or, with a
 * Broker master (which answers nothing), once the master acknowledged it on the writer channel —
 * {@code put_unique} then completes with Broker's {@code put_unique_result}. Not thread-safe: the clone's
 * context only.
 */
final class CloneWrites {
  /** A write on its way to the master. */
  static final class Pending {
    final Mutation mutation;
    final Promise<Data> promise = Promise.promise();
    final long createdAt = System.nanoTime();
    final long reqId;
    /** Its number on the current writer channel; 0 while unsent. */
    long seq;

    Pending(Mutation mutation, long reqId) {
      this.mutation = mutation;
      this.reqId = reqId;
    }
  }

  /** A write the master applied, waiting until its event is applied here. */
  private record Invisible(long eventSeq, Promise<Data> promise, Data answer) {
  }

  private final Map<Long, Pending> pending = new LinkedHashMap<>();
  private final List<Invisible> invisible = new ArrayList<>();
  private long nextReqId = 1;

  /** @return a new pending write of {@code m} */
  Pending add(Mutation m) {
    Pending w = new Pending(m, nextReqId++);
    pending.put(w.reqId, w);
    return w;
  }

  /** @return the writes not sent on the current channel, in submission order */
  List<Pending> unsent() {
    return pending.values().stream().filter(w -> w.seq == 0).toList();
  }

  /** @return the writes not completed yet */
  int size() {
    return pending.size() + invisible.size();
  }

  /** The writer channel is gone: everything not answered is sent again on the next one. */
  void channelLost() {
    pending.values().forEach(w -> w.seq = 0);
  }

  /** A fresh snapshot arrived: it shows every write the master has applied. */
  void resynced() {
    invisible.forEach(v -> v.promise().tryComplete(v.answer()));
    invisible.clear();
  }

  /** A Broker master acknowledged the writer channel up to {@code ack}: those writes (but put_unique) are done. */
  void acked(long ack) {
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending w = it.next();
      if (w.seq > 0 && w.seq <= ack && w.mutation.op() != Mutation.Op.PUT_UNIQUE) {
        it.remove();
        w.promise.tryComplete(Data.none());
      }
    }
  }

  /** Broker's {@code put_unique_result} for request {@code reqId}. */
  void putUniqueResult(long reqId, boolean inserted) {
    Pending w = pending.get(reqId);
    if (w != null && w.mutation.op() == Mutation.Op.PUT_UNIQUE) {
      pending.remove(reqId);
      w.promise.tryComplete(Data.bool(inserted));
    }
  }

  /** Our master's result for write {@code r.writerSeq()}; {@code consumed}: the last event applied here. */
  void result(WriteResult r, long consumed) {
    Pending w = null;
    for (Pending p : pending.values()) {
      if (p.seq == r.writerSeq()) {
        w = p;
        break;
      }
    }
    if (w == null) {
      return;
    }
    pending.remove(w.reqId);
    BrokerException failure = r.failure();
    if (failure != null) {
      w.promise.tryFail(failure);
    } else if (r.eventSeq() <= consumed) {
      w.promise.tryComplete(r.answer());
    } else {
      invisible.add(new Invisible(r.eventSeq(), w.promise, r.answer()));
    }
  }

  /** The clone applied the master's events up to {@code consumed}. */
  void visible(long consumed) {
    if (invisible.isEmpty()) {
      return;
    }
    for (Iterator<Invisible> it = invisible.iterator(); it.hasNext(); ) {
      Invisible v = it.next();
      if (v.eventSeq() <= consumed) {
        it.remove();
        v.promise().tryComplete(v.answer());
      }
    }
  }

  /** Fails the unsent writes buffered longer than {@code intervalMillis} since {@code since} (nanoTime). */
  void failExpired(long now, long since, long intervalMillis) {
    long limit = Math.max(0, intervalMillis) * 1_000_000L;
    for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
      Pending w = it.next();
      if (w.seq == 0 && now - Math.max(w.createdAt, since) >= limit) {
        it.remove();
        w.promise.tryFail(new BrokerException(ErrorCode.NO_SUCH_MASTER,
            "no master within the mutation buffer interval of " + intervalMillis + " ms"));
      }
    }
  }

  /** Fails everything with {@code e}. */
  void failAll(BrokerException e) {
    pending.values().forEach(w -> w.promise.tryFail(e));
    pending.clear();
    invisible.forEach(v -> v.promise().tryFail(e));
    invisible.clear();
  }
}
