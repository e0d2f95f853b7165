package io.brokervx.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster's layout: its nodes, read from JSON
 * {@code {"nodes": [{"name": "manager", "type": "manager", "host": "127.0.0.1", "port": 9999,
 * "pools": ["zeek/cluster/pool/proxy"], "metricsPort": 9911}, …]}} and validated: unique names, known
 * types, a port for every node others connect to, no two nodes on one host and port, and a manager when
 * there are workers, proxies or loggers to manage.
 *
 * @param nodes the nodes, by name
 */
public record ClusterLayout(Map<String, Node> nodes) {

  /**
   * One node of the layout.
   *
   * @param name the node's unique name
   * @param type its role
   * @param host where it listens (or runs)
   * @param port its listening port, or 0 when it only connects out (workers)
   * @param pools the topics of the pools it asks to join
   * @param metricsPort its metrics port, or 0
   */
  public record Node(String name, NodeType type, String host, int port, List<String> pools, int metricsPort) {
  }

  /**
   * @throws IllegalArgumentException with a message naming the node and the problem
   */
  public static ClusterLayout fromJson(JsonObject json) {
    Object list = json.getValue("nodes");
    if (!(list instanceof JsonArray array) || array.isEmpty()) {
      throw new IllegalArgumentException("layout: 'nodes' must be a non-empty array");
    }
    Map<String, Node> nodes = new LinkedHashMap<>();
    Map<String, String> endpoints = new HashMap<>();
    for (int i = 0; i < array.size(); i++) {
      if (!(array.getValue(i) instanceof JsonObject o)) {
        throw new IllegalArgumentException("layout: nodes[" + i + "] must be an object");
      }
      Node n = node(o, i);
      if (nodes.put(n.name(), n) != null) {
        throw new IllegalArgumentException("layout: duplicate node name '" + n.name() + "'");
      }
      if (n.port() > 0) {
        String where = n.host() + ":" + n.port();
        String other = endpoints.put(where, n.name());
        if (other != null) {
          throw new IllegalArgumentException("layout: nodes '" + other + "' and '" + n.name() + "' both use " + where);
        }
      }
    }
    boolean managed = nodes.values().stream().anyMatch(n -> n.type() != NodeType.MANAGER);
    if (managed && nodes.values().stream().noneMatch(n -> n.type() == NodeType.MANAGER)) {
      throw new IllegalArgumentException("layout: a cluster with workers, proxies, loggers or data nodes needs a manager");
    }
    return new ClusterLayout(Map.copyOf(nodes));
  }

  private static Node node(JsonObject o, int i) {
    String at = "layout: nodes[" + i + "]";
    if (!(o.getValue("name") instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException(at + ": 'name' must be a non-empty string");
    }
    at = "layout: node '" + name + "'";
    if (!(o.getValue("type") instanceof String type)) {
      throw new IllegalArgumentException(at + ": 'type' must be one of manager, logger, proxy, worker, data");
    }
    NodeType t;
    try {
      t = NodeType.fromConfigName(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ": " + e.getMessage());
    }
    String host = o.getValue("host") instanceof String h ? h : "127.0.0.1";
    int port = number(o, "port", at);
    if (port == 0 && t != NodeType.WORKER) {
      throw new IllegalArgumentException(at + ": a " + type + " needs a 'port' others can connect to");
    }
    List<String> pools = new ArrayList<>();
    if (o.getValue("pools") instanceof JsonArray p) {
      for (Object x : p) {
        if (!(x instanceof String s)) {
          throw new IllegalArgumentException(at + ": 'pools' must hold topic strings");
        }
        pools.add(s);
      }
    } else if (o.containsKey("pools")) {
      throw new IllegalArgumentException(at + ": 'pools' must be an array");
    }
    return new Node(name, t, host, port, List.copyOf(pools), number(o, "metricsPort", at));
  }

  private static int number(JsonObject o, String key, String at) {
    Object v = o.getValue(key);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Number n) || n.intValue() < 0 || n.intValue() > 65535 || n.doubleValue() != n.intValue()) {
      throw new IllegalArgumentException(at + ": '" + key + "' must be a port number 0..65535");
    }
    return n.intValue();
  }

  /** @return the node named {@code name} */
  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.get(name));
  }

  /** @return the names of the nodes of {@code type}, sorted */
  public List<String> names(NodeType type) {
    return nodes.values().stream().filter(n -> n.type() == type).map(Node::name).sorted().toList();
  }

  /** @return the default master node of cluster stores: the first manager by name */
  public Optional<String> firstManager() {
    return nodes.values().stream().filter(n -> n.type() == NodeType.MANAGER).map(Node::name)
        .min(Comparator.naturalOrder());
  }

  /**
   * @return the nodes {@code name} connects to, as Zeek's broker backend wires a cluster: a manager to
   *     every logger; a proxy to every logger and the manager; a worker to every logger, every proxy and the
   *     manager; a data node to the manager
   */
  public List<Node> connectionsOf(String name) {
    Node self = nodes.get(name);
    if (self == null) {
      throw new IllegalArgumentException("no node named '" + name + "' in the layout");
    }
    List<NodeType> targets = switch (self.type()) {
      case MANAGER -> List.of(NodeType.LOGGER);
      case PROXY -> List.of(NodeType.LOGGER, NodeType.MANAGER);
      case WORKER -> List.of(NodeType.LOGGER, NodeType.PROXY, NodeType.MANAGER);
      case DATA -> List.of(NodeType.MANAGER);
      case LOGGER -> List.of();
    };
    return nodes.values().stream().filter(n -> targets.contains(n.type()) && !n.name().equals(name))
        .sorted(Comparator.comparing(Node::name)).toList();
  }
}
