package io.brokervx.test;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records what a stream delivers, in order, and lets a test wait for it without polling: a future completes
 * as soon as a matching item (or enough items) has arrived. Safe to feed from any thread.
 *
 * @param <T> the item type
 */
public final class Inbox<T> implements Handler<T> {
  private final List<T> items = new ArrayList<>();
  private final List<Waiter<T>> waiters = new ArrayList<>();

  /** A pending wait, offered each new item: returns the completion to run once it is satisfied, else null. */
  private interface Waiter<T> {
    Runnable offer(T latest);
  }

  /** @return an inbox installed as {@code stream}'s handler */
  public static <T> Inbox<T> of(ReadStream<T> stream) {
    Inbox<T> inbox = new Inbox<>();
    stream.handler(inbox);
    return inbox;
  }

  @Override
  public void handle(T item) {
    List<Runnable> satisfied = new ArrayList<>();
    synchronized (this) {
      items.add(item);
      for (Iterator<Waiter<T>> it = waiters.iterator(); it.hasNext(); ) {
        Runnable r = it.next().offer(item);
        if (r != null) {
          it.remove();
          satisfied.add(r);
        }
      }
    }
    satisfied.forEach(Runnable::run); // outside the lock: completing runs the waiting test's callbacks
  }

  /** @return an unmodifiable copy of {@code list}, which may hold nulls (an end handler's items) */
  private static <T> List<T> copy(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }

  /** @return a copy of the items received so far */
  public synchronized List<T> items() {
    return copy(items);
  }

  /** @return the number of items received so far */
  public synchronized int size() {
    return items.size();
  }

  /** @return a future of the first item, received or to come, that satisfies {@code p} */
  public synchronized Future<T> first(Predicate<? super T> p) {
    for (T item : items) {
      if (p.test(item)) {
        return Future.succeededFuture(item);
      }
    }
    Promise<T> promise = Promise.promise();
    waiters.add(latest -> p.test(latest) ? () -> promise.complete(latest) : null);
    return promise.future();
  }

  /** @return a future of the items so far, completed once at least {@code n} have arrived */
  public synchronized Future<List<T>> atLeast(int n) {
    if (items.size() >= n) {
      return Future.succeededFuture(copy(items));
    }
    Promise<List<T>> promise = Promise.promise();
    waiters.add(latest -> {
      if (items.size() < n) {
        return null;
      }
      List<T> snapshot = copy(items);
      return () -> promise.complete(snapshot);
    });
    return promise.future();
  }

  /** @return a future of the items that satisfy {@code p}, completed once at least {@code n} of them arrived */
  public synchronized Future<List<T>> atLeast(int n, Predicate<? super T> p) {
    List<T> matching = new ArrayList<>();
    for (T item : items) {
      if (p.test(item)) {
        matching.add(item);
      }
    }
    if (matching.size() >= n) {
      return Future.succeededFuture(copy(matching));
    }
    Promise<List<T>> promise = Promise.promise();
    waiters.add(latest -> {
      if (!p.test(latest)) {
        return null;
      }
      matching.add(latest);
      if (matching.size() < n) {
        return null;
      }
      List<T> snapshot = copy(matching);
      return () -> promise.complete(snapshot);
    });
    return promise.future();
  }

  /** Blocks the test thread until an item satisfies {@code p}; @return that item */
  public T await(String what, Predicate<? super T> p) {
    return Await.await(first(p), what);
  }

  /** Blocks the test thread until at least {@code n} items have arrived; @return the items so far */
  public List<T> awaitSize(int n) {
    return Await.await(atLeast(n), n + " items (" + size() + " had arrived before waiting)");
  }

  /** Blocks the test thread until {@code n} items satisfy {@code p}; @return those items */
  public List<T> await(String what, int n, Predicate<? super T> p) {
    return Await.await(atLeast(n, p), what);
  }
}
