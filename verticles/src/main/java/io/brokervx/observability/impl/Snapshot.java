package io.brokervx.observability.impl;

import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.store.StoreStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One moment of every endpoint a status server shows: each endpoint's {@link EndpointStats} and its stores'
 * {@link StoreStats}, taken on the endpoint's own context, and the names known for endpoint ids.
 *
 * @param nanos {@link System#nanoTime()} when it was taken (for rates)
 * @param time when it was taken
 * @param nodes the shown endpoints, in the order they were added
 * @param names names of endpoint ids: the shown endpoints' own, then what the peer-name source told
 */
record Snapshot(long nanos, Instant time, List<Node> nodes, Map<UUID, String> names) {

  /**
   * One shown endpoint.
   *
   * @param name the name it was added under
   * @param stats its counters and routing graph
   * @param stores its stores
   */
  record Node(String name, EndpointStats stats, List<StoreStats> stores) {
    /** @return the peering with {@code peer}, or null */
    PeerInfo peer(UUID peer) {
      for (PeerInfo p : stats.peers()) {
        if (peer.equals(p.id())) {
          return p;
        }
      }
      return null;
    }

    /** @return the store called {@code store}, or null */
    StoreStats store(String store) {
      for (StoreStats s : stores) {
        if (s.name().equals(store)) {
          return s;
        }
      }
      return null;
    }
  }

  /** @return the shown endpoint called {@code name}, or null */
  Node node(String name) {
    for (Node n : nodes) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  /** @return the shown endpoint with id {@code id}, or null */
  Node node(UUID id) {
    for (Node n : nodes) {
      if (n.stats().id().equals(id)) {
        return n;
      }
    }
    return null;
  }

  /** @return the name of {@code id}, or the id itself when it has none */
  String nameOf(UUID id) {
    return id == null ? "?" : names.getOrDefault(id, id.toString());
  }
}
