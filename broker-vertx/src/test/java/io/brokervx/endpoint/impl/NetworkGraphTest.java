package io.brokervx.endpoint.impl;

import static io.brokervx.endpoint.impl.Topology.TOPIC;
import static io.brokervx.endpoint.impl.Topology.link;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The link-state graph without sockets: for every origin of many topologies (seeded random connected graphs
 * of 2 to 50 nodes, rings, full meshes, trees, stars, chains; some with relays switched off), a message
 * passed hop by hop exactly as the endpoints pass it (each node asks its own {@code forwardTargets}) reaches
 * every reachable subscriber exactly once, over shortest paths, using each link at most once; command paths
 * ({@code nextHop}) are shortest and loop-free; and all of this still holds on what remains after a link or
 * a node is lost, whether or not both ends have re-advertised yet.
 */
class NetworkGraphTest {
  private static final int UNREACHABLE = Integer.MAX_VALUE;
  /** Every size up to 16, then sparser up to 50 (the checks cost about n^3 per graph). */
  private static final int[] RANDOM_SIZES =
      {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 24, 30, 37, 44, 50};

  static Stream<Topology> topologies() {
    List<Topology> out = new ArrayList<>();
    for (int n : RANDOM_SIZES) {
      out.add(Topology.random("random connected graph", Topology.RANDOM_CONNECTED, n, n, 0));
      out.add(Topology.random("random connected graph", Topology.RANDOM_CONNECTED, n, 1000 + n, 0.2));
    }
    for (int n : new int[] {2, 3, 4, 5, 8, 17, 50}) {
      out.add(Topology.random("ring", Topology.RING, n, n, 0));
    }
    for (int n : new int[] {2, 3, 4, 6, 10, 20}) {
      out.add(Topology.random("full mesh", Topology.FULL_MESH, n, n, 0));
    }
    out.add(Topology.random("full mesh", Topology.FULL_MESH, 12, 7, 0.3));
    for (int n : new int[] {5, 20, 50}) {
      out.add(Topology.random("random tree", Topology.RANDOM_TREE, n, n, 0));
      out.add(Topology.random("random tree", Topology.RANDOM_TREE, n, 2000 + n, 0.3));
    }
    out.add(Topology.random("star", Topology.STAR, 30, 1, 0));
    out.add(Topology.random("chain", Topology.CHAIN, 50, 1, 0));
    out.add(Topology.random("chain", Topology.CHAIN, 20, 2, 0.2));
    return out.stream();
  }

  /** The random connected graphs, each with one link and one node to lose. */
  static Stream<Topology> losses() {
    return topologies().filter(t -> t.name().startsWith("random connected") && t.size() > 2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topologies")
  void fromEveryOriginTheDeliveryIsATreeThatReachesEverySubscriberOnce(Topology t) {
    assertDeliveryTrees(t, new NetworkGraph(t.ads()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topologies")
  void nextHopPathsAreShortestAndLoopFree(Topology t) {
    assertNextHops(t, new NetworkGraph(t.ads()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topologies")
  void reachableAndSubscribersFollowTheLinksIgnoringForwarding(Topology t) {
    assertReachability(t, new NetworkGraph(t.ads()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void afterALostLinkTheRemainingGraphStillDeliversExactlyOnce(Topology t) {
    Random r = new Random(t.size());
    List<List<Integer>> links = new ArrayList<>(t.links());
    links.sort((a, b) -> a.get(0) != b.get(0) ? a.get(0) - b.get(0) : a.get(1) - b.get(1));
    List<Integer> lost = links.get(r.nextInt(links.size()));
    Topology after = t.withoutLink(lost.get(0), lost.get(1));
    NetworkGraph both = new NetworkGraph(after.ads());
    assertDeliveryTrees(after, both);
    assertNextHops(after, both);
    assertReachability(after, both);
    // until the other end re-advertises, one end still lists the link: it does not count
    assertSameRouting(after, both, new NetworkGraph(t.adsAfterOneSidedLoss(lost.get(0), lost.get(1))));
    assertSameRouting(after, both, new NetworkGraph(t.adsAfterOneSidedLoss(lost.get(1), lost.get(0))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("losses")
  void afterALostNodeTheRemainingGraphStillDeliversExactlyOnce(Topology t) {
    int gone = new Random(t.size()).nextInt(t.size());
    Topology after = t.withoutNode(gone);
    NetworkGraph isolated = new NetworkGraph(after.ads());
    assertDeliveryTrees(after, isolated);
    assertNextHops(after, isolated);
    assertReachability(after, isolated);
    // the node's advertisement is gone too, while its neighbours still list it: the same routing
    List<LinkStateAd> ads = new ArrayList<>(t.ads());
    ads.remove(gone);
    NetworkGraph forgotten = new NetworkGraph(ads);
    UUID goneId = t.ids().get(gone);
    assertSameRouting(after, isolated, forgotten, goneId);
    assertEquals(List.of(), forgotten.forwardTargets(goneId, goneId, TOPIC));
    assertEquals(Set.of(), forgotten.reachable(goneId));
    for (UUID self : t.ids()) {
      assertNull(forgotten.nextHop(self, self, goneId), "no path to a node without an advertisement");
    }
  }

  // ---------------------------------------------------------------- the checks

  /**
   * Passes one message from every origin hop by hop, each node asking the graph for its own targets (as an
   * endpoint does), and checks the delivery tree: only existing links, each link and each node at most once,
   * never back to the origin, every reachable subscriber at its shortest distance, relays with forwarding off
   * are leaves, and a node that does not subscribe receives only to pass the message on.
   */
  private static void assertDeliveryTrees(Topology t, NetworkGraph g) {
    int n = t.size();
    for (int origin = 0; origin < n; origin++) {
      String where = t + ", origin " + origin;
      UUID originId = t.ids().get(origin);
      assertUnionIsATree(t, g, origin);
      int[] dist = distances(t, origin);
      int[] received = new int[n];
      int[] hops = new int[n];
      boolean[] passedOn = new boolean[n];
      Set<List<Integer>> used = new HashSet<>();
      ArrayDeque<int[]> inFlight = new ArrayDeque<>();
      for (UUID first : g.forwardTargets(originId, originId, TOPIC)) {
        inFlight.add(new int[] {origin, index(t, first), 1});
      }
      while (!inFlight.isEmpty()) {
        int[] hop = inFlight.poll();
        int from = hop[0];
        int to = hop[1];
        assertTrue(t.links().contains(link(from, to)), where + ": a hop " + from + "->" + to + " without a link");
        assertTrue(used.add(link(from, to)), where + ": link " + link(from, to) + " used twice");
        assertNotEquals(origin, to, where + ": the message came back to its origin");
        assertEquals(1, ++received[to], where + ": node " + to + " received twice");
        hops[to] = hop[2];
        List<UUID> next = g.forwardTargets(originId, t.ids().get(to), TOPIC);
        if (!t.forwards(to)) {
          assertEquals(List.of(), next, where + ": node " + to + " does not forward, yet has targets");
        }
        for (UUID target : next) {
          int k = index(t, target);
          assertNotEquals(from, k, where + ": node " + to + " sends back to " + from);
          passedOn[to] = true;
          inFlight.add(new int[] {to, k, hop[2] + 1});
        }
      }
      for (int i = 0; i < n; i++) {
        boolean wanted = i != origin && t.subscribes(i) && dist[i] != UNREACHABLE;
        if (wanted) {
          assertEquals(1, received[i], where + ": subscriber " + i + " at distance " + dist[i]);
          assertEquals(dist[i], hops[i], where + ": subscriber " + i + " not reached on a shortest path");
        } else if (received[i] > 0) {
          assertTrue(passedOn[i], where + ": node " + i + " got a message it neither wants nor passes on");
        }
      }
    }
  }

  /** The targets every node would name for {@code origin}'s messages: each node is named at most once. */
  private static void assertUnionIsATree(Topology t, NetworkGraph g, int origin) {
    UUID originId = t.ids().get(origin);
    Set<UUID> named = new HashSet<>();
    for (UUID self : t.ids()) {
      for (UUID target : g.forwardTargets(originId, self, TOPIC)) {
        assertNotEquals(originId, target, t + ": a node sends origin " + origin + "'s message back to it");
        assertTrue(named.add(target), t + ", origin " + origin + ": two nodes send to " + index(t, target));
      }
    }
  }

  /** Follows {@code nextHop} node by node between every pair: shortest, loop-free, over links, via relays. */
  private static void assertNextHops(Topology t, NetworkGraph g) {
    int n = t.size();
    for (int self = 0; self < n; self++) {
      int[] dist = distances(t, self);
      UUID selfId = t.ids().get(self);
      assertNull(g.nextHop(selfId, selfId, selfId));
      for (int target = 0; target < n; target++) {
        if (target == self) {
          continue;
        }
        String where = t + ", " + self + " to " + target;
        UUID targetId = t.ids().get(target);
        if (dist[target] == UNREACHABLE) {
          assertNull(g.nextHop(selfId, selfId, targetId), where + ": a next hop to an unreachable node");
          continue;
        }
        List<Integer> path = new ArrayList<>(List.of(self));
        int at = self;
        while (at != target) {
          UUID hop = g.nextHop(t.ids().get(at), t.ids().get(at), targetId);
          assertNotNull(hop, where + ": no next hop at " + at + " on " + path);
          int h = index(t, hop);
          assertTrue(t.links().contains(link(at, h)), where + ": next hop " + at + "->" + h + " without a link");
          assertTrue(!path.contains(h), where + ": loop " + path + " then " + h);
          assertTrue(h == target || t.forwards(h), where + ": relayed by " + h + ", which does not forward");
          path.add(h);
          at = h;
        }
        assertEquals(dist[target], path.size() - 1, where + ": path " + path + " is not a shortest one");
      }
    }
  }

  private static void assertReachability(Topology t, NetworkGraph g) {
    for (int self = 0; self < t.size(); self++) {
      Set<UUID> component = new HashSet<>();
      Set<UUID> subscribers = new HashSet<>();
      int[] hops = distances(t, self, true);
      for (int i = 0; i < t.size(); i++) {
        if (hops[i] != UNREACHABLE) {
          component.add(t.ids().get(i));
          if (i != self && t.subscribes(i)) {
            subscribers.add(t.ids().get(i));
          }
        }
      }
      UUID selfId = t.ids().get(self);
      assertEquals(component, g.reachable(selfId), t + ": reachable from " + self);
      assertEquals(subscribers, g.subscribersOf(selfId, TOPIC), t + ": subscribers seen from " + self);
    }
  }

  /**
   * Two graphs of the same network route alike: for every origin and node (but {@code except}), the same
   * targets and the same reach.
   */
  private static void assertSameRouting(Topology t, NetworkGraph expected, NetworkGraph actual, UUID... except) {
    List<UUID> nodes = new ArrayList<>(t.ids());
    nodes.removeAll(List.of(except));
    for (UUID origin : nodes) {
      assertEquals(expected.reachable(origin), actual.reachable(origin), t + ": reach of " + index(t, origin));
      for (UUID self : nodes) {
        assertEquals(expected.forwardTargets(origin, self, TOPIC), actual.forwardTargets(origin, self, TOPIC),
            t + ": targets of " + index(t, self) + " for origin " + index(t, origin));
      }
    }
  }

  // ---------------------------------------------------------------- the reference

  private static int[] distances(Topology t, int root) {
    return distances(t, root, false);
  }

  /**
   * Breadth-first hop counts from {@code root} over the links, computed here independently of the graph:
   * only the root and forwarding nodes pass a message on, unless {@code ignoreForwarding}.
   */
  private static int[] distances(Topology t, int root, boolean ignoreForwarding) {
    int[] dist = new int[t.size()];
    Arrays.fill(dist, UNREACHABLE);
    dist[root] = 0;
    ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(root));
    while (!queue.isEmpty()) {
      int u = queue.poll();
      if (u != root && !ignoreForwarding && !t.forwards(u)) {
        continue;
      }
      for (int v : t.neighbours(u)) {
        if (dist[v] == UNREACHABLE) {
          dist[v] = dist[u] + 1;
          queue.add(v);
        }
      }
    }
    return dist;
  }

  private static int index(Topology t, UUID id) {
    int i = t.index(id);
    assertTrue(i >= 0, "an unknown node " + id);
    return i;
  }
}
