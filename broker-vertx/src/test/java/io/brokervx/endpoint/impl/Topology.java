package io.brokervx.endpoint.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * A network for routing tests without sockets: nodes with ids, two-way links, forwarding flags and topic
 * filters, from which it writes the link-state advertisements every endpoint would flood. Shapes: seeded
 * random connected graphs, rings, full meshes, random trees, stars and chains.
 */
final class Topology {
  /** The topic the tests publish on; subscribers have the filter {@code /t}, others {@code /other} or none. */
  static final String TOPIC = "/t/x";

  private final String name;
  private final List<UUID> ids;
  private final Map<UUID, Integer> index = new HashMap<>();
  private final Set<List<Integer>> links;
  private final List<List<Integer>> neighbours = new ArrayList<>();
  private final boolean[] forwarding;
  private final List<List<String>> filters;

  /**
   * @param name what the test report calls it
   * @param ids the node ids, index = node number
   * @param links the two-way links, each as {@code [a, b]} with {@code a < b}
   * @param forwarding per node, whether it relays
   * @param filters per node, the topic prefixes it subscribes to
   */
  Topology(String name, List<UUID> ids, Set<List<Integer>> links, boolean[] forwarding, List<List<String>> filters) {
    this.name = name;
    this.ids = List.copyOf(ids);
    this.links = Set.copyOf(links);
    this.forwarding = forwarding.clone();
    this.filters = List.copyOf(filters);
    for (int i = 0; i < ids.size(); i++) {
      index.put(ids.get(i), i);
      neighbours.add(new ArrayList<>());
    }
    for (List<Integer> l : links) {
      neighbours.get(l.get(0)).add(l.get(1));
      neighbours.get(l.get(1)).add(l.get(0));
    }
    neighbours.forEach(n -> n.sort(null));
  }

  String name() {
    return name;
  }

  List<UUID> ids() {
    return ids;
  }

  /** @return the number of node {@code id}, or -1 */
  int index(UUID id) {
    return index.getOrDefault(id, -1);
  }

  Set<List<Integer>> links() {
    return links;
  }

  boolean forwards(int i) {
    return forwarding[i];
  }

  int size() {
    return ids.size();
  }

  /** @return a copy in which every link of node {@code i} is gone and node {@code i} advertises nothing */
  Topology withoutNode(int i) {
    Set<List<Integer>> kept = new HashSet<>();
    for (List<Integer> l : links) {
      if (l.get(0) != i && l.get(1) != i) {
        kept.add(l);
      }
    }
    return new Topology(name + " without node " + i, ids, kept, forwarding, filters);
  }

  /** @return a copy without the link between {@code a} and {@code b} */
  Topology withoutLink(int a, int b) {
    Set<List<Integer>> kept = new HashSet<>(links);
    kept.remove(link(a, b));
    return new Topology(name + " without link " + a + "-" + b, ids, kept, forwarding, filters);
  }

  /** @return the neighbours of node {@code i} over the links */
  List<Integer> neighbours(int i) {
    return neighbours.get(i);
  }

  boolean subscribes(int i) {
    return Topics.matches(filters.get(i), TOPIC);
  }

  /** @return the advertisements of every node: its neighbours over the links, its flag and its filter */
  List<LinkStateAd> ads() {
    List<LinkStateAd> out = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      out.add(ad(i, neighbours(i)));
    }
    return out;
  }

  /**
   * @return the advertisements after the link {@code a}-{@code b} went down where only {@code b} has noticed
   *     yet: {@code a} still lists {@code b}
   */
  List<LinkStateAd> adsAfterOneSidedLoss(int a, int b) {
    List<LinkStateAd> out = withoutLink(a, b).ads();
    List<Integer> stale = new ArrayList<>(withoutLink(a, b).neighbours(a));
    stale.add(b);
    out.set(a, ad(a, stale));
    return out;
  }

  private LinkStateAd ad(int i, List<Integer> neighbours) {
    List<UUID> n = new ArrayList<>();
    for (int j : neighbours) {
      n.add(ids.get(j));
    }
    return new LinkStateAd(ids.get(i), 1, 1, forwarding[i], List.copyOf(n), filters.get(i), List.of());
  }

  static List<Integer> link(int a, int b) {
    return List.of(Math.min(a, b), Math.max(a, b));
  }

  // ---------------------------------------------------------------- shapes

  /** A builder of one shape: the links of {@code n} nodes. */
  interface Shape {
    Set<List<Integer>> links(int n, Random random);
  }

  static final Shape RANDOM_TREE = (n, r) -> {
    Set<List<Integer>> links = new HashSet<>();
    for (int i = 1; i < n; i++) {
      links.add(link(i, r.nextInt(i)));
    }
    return links;
  };

  static final Shape RANDOM_CONNECTED = (n, r) -> {
    Set<List<Integer>> links = RANDOM_TREE.links(n, r);
    double p = r.nextDouble() * 0.3; // from tree-like to dense
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        if (r.nextDouble() < p) {
          links.add(link(a, b));
        }
      }
    }
    return links;
  };

  static final Shape RING = (n, r) -> {
    Set<List<Integer>> links = new HashSet<>();
    for (int i = 0; i < n; i++) {
      links.add(link(i, (i + 1) % n));
    }
    links.removeIf(l -> l.get(0).equals(l.get(1)));
    return links;
  };

  static final Shape FULL_MESH = (n, r) -> {
    Set<List<Integer>> links = new HashSet<>();
    for (int a = 0; a < n; a++) {
      for (int b = a + 1; b < n; b++) {
        links.add(link(a, b));
      }
    }
    return links;
  };

  static final Shape STAR = (n, r) -> {
    Set<List<Integer>> links = new HashSet<>();
    for (int i = 1; i < n; i++) {
      links.add(link(0, i));
    }
    return links;
  };

  static final Shape CHAIN = (n, r) -> {
    Set<List<Integer>> links = new HashSet<>();
    for (int i = 1; i < n; i++) {
      links.add(link(i - 1, i));
    }
    return links;
  };

  /**
   * @param nonForwarding the share of nodes that do not relay
   * @return a topology of {@code n} nodes with random ids, where each node subscribes with probability 1/3
   */
  static Topology random(String shapeName, Shape shape, int n, long seed, double nonForwarding) {
    Random r = new Random(seed);
    List<UUID> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(new UUID(r.nextLong(), r.nextLong()));
    }
    boolean[] forwarding = new boolean[n];
    List<List<String>> filters = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      forwarding[i] = r.nextDouble() >= nonForwarding;
      int f = r.nextInt(3);
      filters.add(f == 0 ? List.of("/t") : f == 1 ? List.of("/other") : List.of());
    }
    String name = shapeName + " of " + n + " (seed " + seed + (nonForwarding > 0 ? ", some not forwarding" : "") + ")";
    return new Topology(name, List.copyOf(ids), shape.links(n, r), forwarding, List.copyOf(filters));
  }

  @Override
  public String toString() {
    return name;
  }
}
