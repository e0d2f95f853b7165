package io.brokervx.endpoint.impl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The peered network as the link-state database describes it: a link counts only when both ends
 * advertise it. Every endpoint builds the same graph from the same advertisements, so the delivery trees
 * computed from it agree everywhere, which is what makes delivery exactly-once and loop-free.
 *
 * <p>A message from an origin travels down the breadth-first tree rooted at the origin (neighbors visited
 * in id order; endpoints that do not forward are leaves), and only into subtrees where someone
 * subscribes.
 */
final class NetworkGraph {
  private final Map<UUID, LinkStateAd> ads;
  private final Map<UUID, List<UUID>> adjacency = new HashMap<>();
  private final Map<UUID, Map<UUID, UUID>> parents = new HashMap<>();

  NetworkGraph(Collection<LinkStateAd> all) {
    this.ads = new HashMap<>();
    for (LinkStateAd ad : all) {
      ads.put(ad.origin(), ad);
    }
    for (LinkStateAd ad : all) {
      List<UUID> links = new ArrayList<>();
      for (UUID n : ad.neighbors()) {
        LinkStateAd other = ads.get(n);
        if (other != null && other.neighbors().contains(ad.origin())) {
          links.add(n);
        }
      }
      links.sort(Ids.ORDER);
      adjacency.put(ad.origin(), links);
    }
  }

  /** @return the parent of every endpoint in the delivery tree rooted at {@code root} (the root maps to null) */
  Map<UUID, UUID> tree(UUID root) {
    return parents.computeIfAbsent(root, r -> {
      Map<UUID, UUID> parent = new HashMap<>();
      if (!adjacency.containsKey(r)) {
        return parent;
      }
      parent.put(r, null);
      ArrayDeque<UUID> queue = new ArrayDeque<>();
      queue.add(r);
      while (!queue.isEmpty()) {
        UUID u = queue.poll();
        if (!u.equals(r) && !ads.get(u).forwarding()) {
          continue;
        }
        for (UUID v : adjacency.get(u)) {
          if (!parent.containsKey(v)) {
            parent.put(v, u);
            queue.add(v);
          }
        }
      }
      return parent;
    });
  }

  /** @return the endpoints reachable from {@code self} over two-way links (ignoring forwarding) */
  Set<UUID> reachable(UUID self) {
    Set<UUID> seen = new HashSet<>();
    if (!adjacency.containsKey(self)) {
      return seen;
    }
    ArrayDeque<UUID> queue = new ArrayDeque<>();
    queue.add(self);
    seen.add(self);
    while (!queue.isEmpty()) {
      for (UUID v : adjacency.get(queue.poll())) {
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
    if (!parent.containsKey(self) || (!self.equals(origin) && !ads.get(self).forwarding())) {
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
      if (Topics.matches(ads.get(u).filter(), topic)) {
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

  /** @return the neighbor of {@code self} on the shortest path to {@code target}, or null when unreachable */
  UUID nextHop(UUID self, UUID target) {
    Map<UUID, UUID> parent = tree(self);
    if (!parent.containsKey(target) || target.equals(self)) {
      return null;
    }
    UUID hop = target;
    while (!self.equals(parent.get(hop))) {
      hop = parent.get(hop);
    }
    return hop;
  }

  /** @return the reachable endpoints (other than {@code self}) whose filter matches {@code topic} */
  Set<UUID> subscribersOf(UUID self, String topic) {
    Set<UUID> out = new HashSet<>();
    for (UUID id : reachable(self)) {
      if (!id.equals(self) && Topics.matches(ads.get(id).filter(), topic)) {
        out.add(id);
      }
    }
    return out;
  }
}
