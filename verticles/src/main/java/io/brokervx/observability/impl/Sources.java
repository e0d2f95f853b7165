package io.brokervx.observability.impl;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.store.Store;
import io.brokervx.store.StoreStats;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.streams.ReadStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The endpoints a status server shows, by name, and the one way to read them: {@link #take()} asks each for a
 * snapshot on its own context (endpoint and stores together) and hands the whole to the server's context.
 * Each shown endpoint's status events feed the {@link EventRing}.
 */
final class Sources {
  private static final int MAX_FORMER_NAMES = 4096;

  private record Source(Endpoint endpoint, ReadStream<StatusEvent> statuses) {
  }

  private final Context context;
  private final EventRing events;
  private final Map<String, Source> sources = new LinkedHashMap<>();
  /** Names of endpoints no longer shown (still named while the network remembers them). */
  private final Map<UUID, String> formerNames = new HashMap<>();
  private Supplier<Future<Map<UUID, String>>> peerNames = () -> Future.succeededFuture(Map.of());

  Sources(Context context, EventRing events) {
    this.context = context;
    this.events = events;
  }

  synchronized void add(String name, Endpoint endpoint) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("an endpoint needs a name");
    }
    if (sources.containsKey(name)) {
      throw new IllegalArgumentException("an endpoint named '" + name + "' is shown already");
    }
    ReadStream<StatusEvent> statuses = endpoint.statuses();
    statuses.handler(e -> events.add(name, e));
    sources.put(name, new Source(endpoint, statuses));
  }

  synchronized void remove(String name) {
    Source s = sources.remove(name);
    if (s != null) {
      s.statuses().handler(null);
      s.endpoint().stats().onSuccess(st -> remember(st.id(), name));
    }
  }

  /** Stops listening to every shown endpoint's status events and forgets them. */
  synchronized void close() {
    sources.values().forEach(s -> s.statuses().handler(null));
    sources.clear();
  }

  private synchronized void remember(UUID id, String name) {
    if (formerNames.size() < MAX_FORMER_NAMES) {
      formerNames.put(id, name);
    }
  }

  synchronized void peerNames(Supplier<Future<Map<UUID, String>>> names) {
    this.peerNames = names;
  }

  /** @return a snapshot of every shown endpoint, completed on the server's context */
  Future<Snapshot> take() {
    Map<String, Source> now;
    Supplier<Future<Map<UUID, String>>> names;
    Map<UUID, String> former;
    synchronized (this) {
      now = new LinkedHashMap<>(sources);
      names = peerNames;
      former = new HashMap<>(formerNames);
    }
    long nanos = System.nanoTime();
    List<Future<Snapshot.Node>> nodes = new ArrayList<>();
    now.forEach((name, s) -> nodes.add(node(name, s.endpoint())));
    Future<Map<UUID, String>> peers = names.get().recover(e -> Future.succeededFuture(Map.of()));
    Promise<Snapshot> done = Promise.promise();
    Future.join(nodes).andThen(x -> peers.onComplete(p -> context.runOnContext(v -> {
      List<Snapshot.Node> taken = new ArrayList<>();
      Map<UUID, String> known = new HashMap<>(former);
      known.putAll(p.succeeded() ? p.result() : Map.of());
      for (Future<Snapshot.Node> f : nodes) {
        if (f.succeeded()) {
          taken.add(f.result());
          known.put(f.result().stats().id(), f.result().name());
        }
      }
      done.complete(new Snapshot(nanos, Instant.now(), List.copyOf(taken), Map.copyOf(known)));
    })));
    return done.future();
  }

  private static Future<Snapshot.Node> node(String name, Endpoint endpoint) {
    Future<EndpointStats> stats = endpoint.stats();
    Future<List<StoreStats>> stores = Store.attachedTo(endpoint).compose(list -> {
      List<Future<StoreStats>> each = list.stream().map(Store::stats).toList();
      return Future.join(each).transform(x -> Future.succeededFuture(
          each.stream().filter(Future::succeeded).map(Future::result).toList()));
    });
    return Future.all(stats, stores).map(x -> new Snapshot.Node(name, stats.result(), stores.result()));
  }
}
