package io.brokervx.verticle.impl;

import io.brokervx.endpoint.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Endpoints shared by name among the verticles of one Vert.x instance, reference-counted: the endpoint
 * closes when the last verticle using it is undeployed. A verticle that needs an endpoint may be deployed
 * before the endpoint's own verticle has started (both "in the same breath"): {@link #acquire} waits for
 * it, up to a bound, and fails with the endpoint's own failure if it cannot start.
 */
public final class SharedEndpoints {
  /** How long {@link #acquire} waits by default for an endpoint to be deployed: 10 s. */
  public static final int DEFAULT_WAIT_MILLIS = 10_000;
  private static final Map<Vertx, Map<String, Entry>> REGISTRY = new WeakHashMap<>();

  /**
   * One name: claimed by an endpoint verticle, then ready with its endpoint, awaited by others meanwhile;
   * the failure of the last endpoint that could not start under it, until another claims it.
   */
  private static final class Entry {
    boolean claimed;
    Endpoint endpoint;
    int users;
    IllegalStateException failure;
    final List<Promise<Endpoint>> waiters = new ArrayList<>();

    boolean unused() {
      return !claimed && users == 0 && waiters.isEmpty() && failure == null;
    }
  }

  private SharedEndpoints() {
  }

  private static Entry entry(Vertx vertx, String name) {
    return REGISTRY.computeIfAbsent(vertx, v -> new HashMap<>()).computeIfAbsent(name, n -> new Entry());
  }

  private static void dropIfUnused(Vertx vertx, String name, Entry e) {
    Map<String, Entry> byName = REGISTRY.get(vertx);
    if (byName != null && e.unused() && byName.get(name) == e) {
      byName.remove(name);
    }
  }

  /**
   * Reserves {@code name} for an endpoint that is starting; {@link #ready} or {@link #failed} follows.
   *
   * @throws IllegalStateException when the name is taken
   */
  public static synchronized void claim(Vertx vertx, String name) {
    Entry e = entry(vertx, name);
    if (e.claimed) {
      throw new IllegalStateException("an endpoint named '" + name + "' is already deployed");
    }
    e.claimed = true;
    e.failure = null;
  }

  /** The endpoint claimed as {@code name} has started: its verticle is its first user; waiters get it too. */
  public static void ready(Vertx vertx, String name, Endpoint endpoint) {
    List<Promise<Endpoint>> woken;
    synchronized (SharedEndpoints.class) {
      Entry e = entry(vertx, name);
      e.endpoint = endpoint;
      e.users += 1 + e.waiters.size();
      woken = new ArrayList<>(e.waiters);
      e.waiters.clear();
    }
    woken.forEach(p -> p.tryComplete(endpoint));
  }

  /**
   * The endpoint claimed as {@code name} could not start: the name is free again, and waiters fail with
   * that reason (as do later ones, until another endpoint claims the name).
   */
  public static void failed(Vertx vertx, String name, Throwable cause) {
    List<Promise<Endpoint>> woken;
    IllegalStateException why;
    synchronized (SharedEndpoints.class) {
      Entry e = entry(vertx, name);
      e.claimed = false;
      e.failure = new IllegalStateException("endpoint '" + name + "' failed to start: " + cause.getMessage(), cause);
      woken = new ArrayList<>(e.waiters);
      e.waiters.clear();
      why = e.failure;
    }
    woken.forEach(p -> p.tryFail(why));
  }

  /**
   * @param waitMillis how long to wait for an endpoint of that name that is not deployed yet
   * @return the endpoint named {@code name}, with one more user, completed on the caller's context; failed
   *     when none appears within {@code waitMillis} or it failed to start
   */
  public static Future<Endpoint> acquire(Vertx vertx, String name, long waitMillis) {
    Promise<Endpoint> p = ((ContextInternal) vertx.getOrCreateContext()).promise();
    synchronized (SharedEndpoints.class) {
      Entry e = entry(vertx, name);
      if (e.endpoint != null) {
        e.users++;
        p.complete(e.endpoint);
        return p.future();
      }
      if (!e.claimed && e.failure != null) {
        p.fail(e.failure);
        return p.future();
      }
      e.waiters.add(p);
    }
    long timer = vertx.setTimer(Math.max(1, waitMillis), t -> {
      synchronized (SharedEndpoints.class) {
        Entry e = entry(vertx, name);
        if (!e.waiters.remove(p)) {
          return;
        }
        dropIfUnused(vertx, name, e);
      }
      p.tryFail(new IllegalArgumentException("no endpoint named '" + name + "' was deployed within " + waitMillis
          + " ms (deploy an EndpointVerticle named '" + name + "', or set 'endpoint' to the name of one)"));
    });
    return p.future().onComplete(ar -> vertx.cancelTimer(timer));
  }

  /** Drops one user of {@code name}; @return a future completed once closed, when that was the last user */
  public static Future<Void> release(Vertx vertx, String name) {
    Endpoint closing;
    synchronized (SharedEndpoints.class) {
      Map<String, Entry> byName = REGISTRY.get(vertx);
      Entry e = byName == null ? null : byName.get(name);
      if (e == null || e.endpoint == null || --e.users > 0) {
        return Future.succeededFuture();
      }
      closing = e.endpoint;
      e.endpoint = null;
      e.claimed = false;
      dropIfUnused(vertx, name, e);
    }
    return closing.close();
  }
}
