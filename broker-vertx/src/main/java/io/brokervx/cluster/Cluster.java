package io.brokervx.cluster;

import io.brokervx.cluster.impl.ClusterNode;
import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One node of a cluster started from a layout: it listens and peers as Zeek's broker backend wires a
 * cluster (retrying until its peers are up), subscribes to its type, node, node-id and pool topics, greets
 * every endpoint it can reach with {@code Cluster::hello}, and reports {@code node_up} / {@code node_down}.
 * Routing is multi-hop, so every node sees every other (workers included) and worker-to-worker
 * publishing works. Pools choose members by Zeek's HRW or round-robin among the nodes that are up.
 */
public interface Cluster {
  /** @return the node named {@code nodeName} of {@code layout}, started */
  static Future<Cluster> start(Vertx vertx, ClusterLayout layout, String nodeName, ClusterOptions options) {
    return ClusterNode.start(vertx, layout, nodeName, options);
  }

  /** @return this node's name */
  String nodeName();

  /** @return this node's endpoint */
  Endpoint endpoint();

  /** @return the topic conventions in use */
  ClusterTopics topics();

  /** @return what arrives on this node's type, node and pool topics (bounded; read it or it drops the oldest) */
  Subscription messages();

  /** @return a new stream of node_up / node_down events, from now on */
  ReadStream<NodeEvent> nodeEvents();

  /** @return the names of the other nodes that are up */
  Future<Set<String>> nodesUp();

  /** @return the names of the other nodes that are up, by endpoint id */
  Future<Map<UUID, String>> nodeNames();

  /** @return the members of the pool with {@code poolTopic}, in order */
  List<String> poolMembers(String poolTopic);

  /**
   * @return the node topic of the pool member that HRW assigns {@code key} to among those up (this node
   *     included), or null when none is up
   */
  Future<String> topicForKey(String poolTopic, String key);

  /** @return the node topic of the next member up in {@code key}'s round-robin, or null when none is up */
  Future<String> topicRoundRobin(String poolTopic, String key);

  /** Publishes {@code data} to the HRW owner of {@code key}; @return whether there was one */
  Future<Boolean> publishHrw(String poolTopic, String key, Data data);

  /** Publishes {@code data} to the next round-robin member for {@code key}; @return whether there was one */
  Future<Boolean> publishRr(String poolTopic, String key, Data data);

  /** @return the store defaults of the whole cluster node (changes apply to stores created afterwards) */
  StoreDefaults storeDefaults();

  /** @return the defaults of the store {@code name}: a copy of the node's taken on first use, then its own */
  StoreDefaults storeDefaults(String name);

  /**
   * Creates the store {@code name}: the master on the master node (default: the first manager by name),
   * clones elsewhere; memory unless {@code persistent}, then SQLite at {@code <storeDir>/<name>.sqlite}.
   */
  Future<io.brokervx.store.Store> createStore(String name, boolean persistent);

  /** Leaves the cluster: closes the endpoint. */
  Future<Void> close();
}
