package io.brokervx.verticle.impl;

import io.brokervx.endpoint.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Endpoints shared by name among the verticles of one Vert.x instance, reference-counted: the endpoint
 * closes when the last verticle using it is undeployed.
 */
public final class SharedEndpoints {
  private static final Map<Vertx, Map<String, Ref>> REGISTRY = new WeakHashMap<>();

  private static final class Ref {
    final Endpoint endpoint;
    int users = 1;

    Ref(Endpoint endpoint) {
      this.endpoint = endpoint;
    }
  }

  private SharedEndpoints() {
  }

  /**
   * Registers {@code endpoint} under {@code name}.
   *
   * @throws IllegalStateException when the name is taken
   */
  public static synchronized void register(Vertx vertx, String name, Endpoint endpoint) {
    Map<String, Ref> byName = REGISTRY.computeIfAbsent(vertx, v -> new HashMap<>());
    if (byName.containsKey(name)) {
      throw new IllegalStateException("an endpoint named '" + name + "' is already deployed");
    }
    byName.put(name, new Ref(endpoint));
  }

  /**
   * @return the endpoint named {@code name}, with one more user
   * @throws IllegalArgumentException when none is deployed under that name
   */
  public static synchronized Endpoint acquire(Vertx vertx, String name) {
    Ref r = REGISTRY.getOrDefault(vertx, Map.of()).get(name);
    if (r == null) {
      throw new IllegalArgumentException("no endpoint named '" + name + "' is deployed (deploy an EndpointVerticle first)");
    }
    r.users++;
    return r.endpoint;
  }

  /** Drops one user of {@code name}; @return a future completed once closed, when that was the last user */
  public static Future<Void> release(Vertx vertx, String name) {
    Ref r;
    synchronized (SharedEndpoints.class) {
      Map<String, Ref> byName = REGISTRY.get(vertx);
      r = byName == null ? null : byName.get(name);
      if (r == null || --r.users > 0) {
        return Future.succeededFuture();
      }
      byName.remove(name);
    }
    return r.endpoint.close();
  }
}
