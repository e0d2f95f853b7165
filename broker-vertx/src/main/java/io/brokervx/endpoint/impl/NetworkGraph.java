package io.brokervx.endpoint.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The peered network as the link-state database describes it. Routing endpoints are nodes when they
 * advertise; a link between two of them counts only when both ends advertise it. A Broker endpoint is a
 * node with a link to each routing endpoint that advertises it as a direct peer, and the topics it
 * subscribes to. Every endpoint builds the same graph from the same advertisements, so the delivery trees
 * computed from it agree everywhere, which is what makes delivery exactly-once and loop-free.
 *
 * <p>A Broker endpoint is linked, in the graph, to one of the routing endpoints it peers with only: its
 * gateway, the one with the smallest id. Broker forwards by its own rules (every message to every peer
 * whose filter matches, whoever sent it), so only the gateway advertises a filter to it and exchanges
 * values with it; the others advertise nothing and get its traffic through the gateway. That keeps
 * delivery exactly-once when a Broker endpoint closes a cycle with routing endpoints.
 *
 * <p>A message from an origin travels down the breadth-first tree rooted at the origin (neighbors visited
 * in id order), and only into subtrees where someone subscribes. Routing endpoints that do not forward,
 * and Broker endpoints, are leaves.
 */
final class NetworkGraph {
  private static final int TREE_CACHE = 4096;

  /** One endpoint of the graph. */
  private static final class Node {
    final UUID id;
    final boolean broker;
    final boolean forwarding;
    final Set<String> filter = new TreeSet<>();
    final Set<UUID> links = new TreeSet<>(Ids.ORDER);

    Node(UUID id, boolean broker, boolean forwarding) {
      this.id = id;
      this.broker = broker;
      this.forwarding = forwarding;
    }
  }

  private final Map<UUID, Node> nodes = new HashMap<>();
  private final Map<UUID, List<String>> filters = new HashMap<>();
  private final Map<UUID, Map<UUID, UUID>> trees = new HashMap<>();

  NetworkGraph(Collection<LinkStateAd> ads) {
    for (LinkStateAd ad : ads) {
      Node n = new Node(ad.origin(), false, ad.forwarding());
      n.filter.addAll(ad.filter());
      nodes.put(ad.origin(), n);
    }
    Map<UUID, LinkStateAd> byOrigin = new HashMap<>();
    ads.forEach(ad -> byOrigin.put(ad.origin(), ad));
    for (LinkStateAd ad : ads) {
      Node self = nodes.get(ad.origin());
      for (UUID n : ad.neighbors()) {
        LinkStateAd other = byOrigin.get(n);
        if (other != null && other.neighbors().contains(ad.origin())) {
          self.links.add(n);
        }
      }
      for (LinkStateAd.BrokerPeer b : ad.brokerPeers()) {
        Node peer = nodes.computeIfAbsent(b.id(), id -> new Node(id, true, false));
        if (peer.broker) {
          peer.filter.addAll(b.filter());
          peer.links.add(ad.origin());
        }
      }
    }
    for (Node n : nodes.values()) {
      if (n.broker) {
        UUID gateway = n.links.iterator().next(); // the smallest id: links are sorted
        n.links.retainAll(Set.of(gateway));
        nodes.get(gateway).links.add(n.id);
      }
      filters.put(n.id, Topics.minimize(n.filter));
    }
  }

  /** @return the routing endpoint through which the Broker endpoint {@code broker} is reached, or null */
  UUID gatewayOf(UUID broker) {
    Node n = nodes.get(broker);
    return n == null || !n.broker ? null : n.links.iterator().next();
  }

  /** @return whether {@code id} is a Broker (protocol version 1) endpoint of the graph */
  boolean isBroker(UUID id) {
    Node n = nodes.get(id);
    return n != null && n.broker;
  }

  /** @return the filter of {@code id}, or an empty list when it is not in the graph */
  List<String> filterOf(UUID id) {
    return filters.getOrDefault(id, List.of());
  }

  /** @return whether {@code id} relays for others */
  boolean isForwarding(UUID id) {
    Node n = nodes.get(id);
    return n != null && n.forwarding;
  }

  /** @return the endpoints linked to {@code id}, sorted (do not modify) */
  Set<UUID> linksOf(UUID id) {
    Node n = nodes.get(id);
    return n == null ? Set.of() : n.links;
  }

  /** @return how many delivery trees have been computed from this graph */
  int treeCount() {
    return trees.size();
  }

  /** @return every endpoint of the graph */
  Set<UUID> endpoints() {
    return nodes.keySet();
  }

  /** @return the parent of every endpoint in the delivery tree rooted at {@code root} (the root maps to null) */
  Map<UUID, UUID> tree(UUID root) {
    Map<UUID, UUID> t = trees.get(root);
    if (t == null) {
      if (trees.size() >= TREE_CACHE) {
        trees.clear();
      }
      t = buildTree(root);
      trees.put(root, t);
    }
    return t;
  }

  private Map<UUID, UUID> buildTree(UUID root) {
    Map<UUID, UUID> parent = new HashMap<>();
    if (!nodes.containsKey(root)) {
      return parent;
    }
    parent.put(root, null);
    ArrayDeque<UUID> queue = new ArrayDeque<>();
    queue.add(root);
    while (!queue.isEmpty()) {
      UUID u = queue.poll();
      Node n = nodes.get(u);
      if (u.equals(root) || n.forwarding) {
        for (UUID v : n.links) {
          if (!parent.containsKey(v)) {
            parent.put(v, u);
            queue.add(v);
          }
        }
      }
    }
    return parent;
  }

  /** @return the endpoints reachable from {@code self} over links (ignoring forwarding) */
  Set<UUID> reachable(UUID self) {
    Set<UUID> seen = new LinkedHashSet<>();
    if (!nodes.containsKey(self)) {
      return seen;
    }
    ArrayDeque<UUID> queue = new ArrayDeque<>();
    queue.add(self);
    seen.add(self);
    while (!queue.isEmpty()) {
      for (UUID v : nodes.get(queue.poll()).links) {
        if (seen.add(v)) {
          queue.add(v);
        }
      }
    }
    return seen;
  }

  /**
   * @return the children of {@code self} in {@code origin}'s delivery tree whose subtree holds a
   *     subscriber of {@code topic}
   */
  List<UUID> forwardTargets(UUID origin, UUID self, String topic) {
    Map<UUID, UUID> parent = tree(origin);
    Node me = nodes.get(self);
    if (me == null || !parent.containsKey(self) || (!self.equals(origin) && !me.forwarding)) {
      return List.of();
    }
    Map<UUID, List<UUID>> children = children(parent);
    List<UUID> out = new ArrayList<>();
    for (UUID child : children.getOrDefault(self, List.of())) {
      if (subtreeWants(child, children, topic)) {
        out.add(child);
      }
    }
    return out;
  }

  private boolean subtreeWants(UUID node, Map<UUID, List<UUID>> children, String topic) {
    ArrayDeque<UUID> stack = new ArrayDeque<>();
    stack.push(node);
    while (!stack.isEmpty()) {
      UUID u = stack.pop();
      if (Topics.matches(filters.get(u), topic)) {
        return true;
      }
      for (UUID c : children.getOrDefault(u, List.of())) {
        stack.push(c);
      }
    }
    return false;
  }

  private static Map<UUID, List<UUID>> children(Map<UUID, UUID> parent) {
    Map<UUID, List<UUID>> children = new HashMap<>();
    for (Map.Entry<UUID, UUID> e : parent.entrySet()) {
      if (e.getValue() != null) {
        children.computeIfAbsent(e.getValue(), k -> new ArrayList<>()).add(e.getKey());
      }
    }
    return children;
  }

  /**
   * @return the child of {@code self} in {@code root}'s delivery tree on the way to {@code target} (every hop of
   *     an addressed message follows its origin's tree), or null when {@code target} is not below {@code self}
   */
  UUID nextHop(UUID root, UUID self, UUID target) {
    Map<UUID, UUID> parent = tree(root);
    if (!parent.containsKey(target) || target.equals(self)) {
      return null;
    }
    UUID hop = target;
    while (hop != null && !self.equals(parent.get(hop))) {
      hop = parent.get(hop);
    }
    return hop;
  }

  /** @return the reachable endpoints (other than {@code self}) whose filter matches {@code topic} */
  Set<UUID> subscribersOf(UUID self, String topic) {
    Set<UUID> out = new HashSet<>();
    for (UUID id : reachable(self)) {
      if (!id.equals(self) && Topics.matches(filters.get(id), topic)) {
        out.add(id);
      }
    }
    return out;
  }
}
