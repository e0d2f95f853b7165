package io.brokervx.endpoint.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once delivery in networks that mix routing endpoints with Broker endpoints, simulated hop by hop
 * without sockets: routing endpoints follow their delivery trees ({@link NetworkGraph}), Broker endpoints
 * follow Broker's own rule (every message to every peer whose advertised filter matches, except the one it
 * came from), with the filters routing endpoints advertise to them.
 */
class MixedGraphDeliveryTest {
  private static final List<String> TOPICS = List.of("/a", "/b", "/c");

  /** A simulated network: routing endpoints with their links, Broker endpoints with their peers and filters. */
  private static final class Network {
    final List<UUID> routers = new ArrayList<>();
    final Map<UUID, Set<UUID>> links = new HashMap<>();
    final Map<UUID, List<String>> filters = new HashMap<>();
    final Map<UUID, Set<UUID>> brokerPeers = new HashMap<>(); // Broker endpoint -> its routing peers

    UUID router(List<String> filter) {
      UUID id = UUID.randomUUID();
      routers.add(id);
      links.put(id, new TreeSet<>(Ids.ORDER));
      filters.put(id, filter);
      return id;
    }

    UUID broker(List<String> filter, UUID... peers) {
      UUID id = UUID.randomUUID();
      filters.put(id, filter);
      brokerPeers.put(id, new HashSet<>(List.of(peers)));
      return id;
    }

    void link(UUID a, UUID b) {
      links.get(a).add(b);
      links.get(b).add(a);
    }

    NetworkGraph graph() {
      List<LinkStateAd> ads = new ArrayList<>();
      for (UUID r : routers) {
        List<LinkStateAd.BrokerPeer> bs = new ArrayList<>();
        brokerPeers.forEach((b, ps) -> {
          if (ps.contains(r)) {
            bs.add(new LinkStateAd.BrokerPeer(b, filters.get(b)));
          }
        });
        ads.add(new LinkStateAd(r, 1, 1, true, List.copyOf(links.get(r)), filters.get(r), bs));
      }
      return new NetworkGraph(ads);
    }

    /** @return the filter routing endpoint {@code r} advertises to Broker endpoint {@code b} */
    List<String> advertisedTo(NetworkGraph g, UUID r, UUID b) {
      if (!r.equals(g.gatewayOf(b))) {
        return List.of();
      }
      Set<String> all = new HashSet<>();
      for (UUID x : g.reachable(r)) {
        if (!x.equals(b)) {
          all.addAll(g.filterOf(x));
        }
      }
      return Topics.minimize(all);
    }

    /** @return how many times each endpoint got a message {@code origin} published on {@code topic} */
    Map<UUID, Integer> publish(UUID origin, String topic) {
      NetworkGraph g = graph();
      Map<UUID, Integer> got = new HashMap<>();
      record Hop(UUID to, UUID from, UUID root) {
      }
      ArrayDeque<Hop> queue = new ArrayDeque<>();
      boolean brokerOrigin = brokerPeers.containsKey(origin);
      if (brokerOrigin) {
        for (UUID p : brokerPeers.get(origin)) {
          if (Topics.matches(advertisedTo(g, p, origin), topic)) {
            queue.add(new Hop(p, origin, null));
          }
        }
      } else {
        for (UUID t : g.forwardTargets(origin, origin, topic)) {
          queue.add(new Hop(t, origin, origin));
        }
      }
      while (!queue.isEmpty()) {
        Hop h = queue.poll();
        if (brokerPeers.containsKey(h.to())) { // a Broker endpoint: delivers, forwards by Broker's rule
          if (Topics.matches(filters.get(h.to()), topic)) {
            got.merge(h.to(), 1, Integer::sum);
          }
          for (UUID p : brokerPeers.get(h.to())) {
            if (!p.equals(h.from()) && Topics.matches(advertisedTo(g, p, h.to()), topic)) {
              queue.add(new Hop(p, h.to(), null));
            }
          }
          continue;
        }
        UUID root = h.root();
        if (root == null) { // from a Broker peer: only its gateway takes it, down the peer's own tree
          if (!h.to().equals(g.gatewayOf(h.from()))) {
            continue;
          }
          root = h.from();
        }
        if (Topics.matches(filters.get(h.to()), topic)) {
          got.merge(h.to(), 1, Integer::sum);
        }
        for (UUID t : g.forwardTargets(root, h.to(), topic)) {
          if (!t.equals(h.from())) {
            queue.add(new Hop(t, h.to(), root));
          }
        }
      }
      return got;
    }

    /** @return the endpoints other than {@code origin} that subscribe to a prefix of {@code topic} */
    Set<UUID> subscribers(UUID origin, String topic) {
      Set<UUID> out = new HashSet<>();
      filters.forEach((id, f) -> {
        if (!id.equals(origin) && Topics.matches(f, topic)) {
          out.add(id);
        }
      });
      return out;
    }
  }

  private static void assertExactlyOnce(Network n, UUID origin, String topic) {
    Map<UUID, Integer> got = n.publish(origin, topic);
    Map<UUID, Integer> expected = new HashMap<>();
    n.subscribers(origin, topic).forEach(s -> expected.put(s, 1));
    assertEquals(expected, got, "deliveries of a message from " + origin + " on " + topic);
  }

  @Test
  void ourPublisherWithABrokerSubscriberAndOurRelayInATriangle() {
    Network n = new Network();
    UUID p = n.router(List.of());
    UUID r = n.router(List.of());
    n.link(p, r);
    n.broker(List.of("/a"), p, r);
    assertExactlyOnce(n, p, "/a/x");
  }

  @Test
  void aBrokerPublisherWithOurSubscriberAndOurRelayInATriangle() {
    Network n = new Network();
    UUID sub = n.router(List.of("/a"));
    UUID relay = n.router(List.of());
    n.link(sub, relay);
    UUID b = n.broker(List.of(), sub, relay);
    assertExactlyOnce(n, b, "/a/x");
  }

  @Test
  void triangleWhereEveryoneSubscribes() {
    Network n = new Network();
    UUID e1 = n.router(List.of("/a"));
    UUID e2 = n.router(List.of("/a"));
    n.link(e1, e2);
    UUID b = n.broker(List.of("/a"), e1, e2);
    assertExactlyOnce(n, e1, "/a/x");
    assertExactlyOnce(n, e2, "/a/x");
    assertExactlyOnce(n, b, "/a/x");
  }

  @Test
  void randomMixedNetworksDeliverExactlyOnceFromEveryOrigin() {
    Random random = new Random(20261202);
    for (int round = 0; round < 200; round++) {
      Network n = new Network();
      int routers = 2 + random.nextInt(12);
      for (int i = 0; i < routers; i++) {
        n.router(randomFilter(random));
        if (i > 0) {
          n.link(n.routers.get(i), n.routers.get(random.nextInt(i)));
        }
      }
      for (int extra = random.nextInt(routers); extra > 0; extra--) {
        UUID a = n.routers.get(random.nextInt(routers));
        UUID b = n.routers.get(random.nextInt(routers));
        if (!a.equals(b)) {
          n.link(a, b);
        }
      }
      int brokers = random.nextInt(5);
      List<UUID> brokerIds = new ArrayList<>();
      for (int i = 0; i < brokers; i++) {
        Set<UUID> peers = new HashSet<>();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          peers.add(n.routers.get(random.nextInt(routers)));
        }
        brokerIds.add(n.broker(randomFilter(random), peers.toArray(new UUID[0])));
      }
      for (String topic : List.of("/a/x", "/b/y", "/c")) {
        for (UUID origin : n.routers) {
          assertExactlyOnce(n, origin, topic);
        }
        for (UUID origin : brokerIds) {
          assertExactlyOnce(n, origin, topic);
        }
      }
    }
  }

  private static List<String> randomFilter(Random random) {
    List<String> f = new ArrayList<>();
    for (String t : TOPICS) {
      if (random.nextInt(3) == 0) {
        f.add(t);
      }
    }
    return f;
  }
}
