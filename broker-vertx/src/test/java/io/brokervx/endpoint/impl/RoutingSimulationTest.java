package io.brokervx.endpoint.impl;

import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The link-state routers of a random network without sockets ({@link RoutingSimulation}): they converge,
 * and every publication reaches each subscriber exactly once with at most one copy per link, before and after
 * links are lost.
 */
@ExtendWith(VertxExtension.class)
class RoutingSimulationTest {
  private static final int N = 60;
  private static final List<String> TOPICS = List.of("/t/0", "/t/1", "/t/2", "/t/3");

  @Test
  void everyPublicationReachesEachSubscriberOnceWithAtMostOneCopyPerLink(Vertx vertx) {
    Random rnd = new Random(4);
    RoutingSimulation sim = RoutingSimulation.create(vertx);
    for (int i = 0; i < N; i++) {
      int pick = rnd.nextInt(TOPICS.size() + 1);
      sim.addEndpoint(pick == TOPICS.size() ? List.of() : List.of(TOPICS.get(pick)), rnd.nextInt(10) > 0);
    }
    for (int i = 1; i < N; i++) {
      sim.addLink(i, rnd.nextInt(i)); // a spanning tree keeps it connected
    }
    while (sim.links().size() < 2 * N) { // average degree 4
      sim.addLink(rnd.nextInt(N), rnd.nextInt(N));
    }
    RoutingSimulation.Convergence start = await(sim.start());
    assertTrue(start.rounds() > 1 && start.messages() > 0, start.toString());
    assertEquals(0, await(sim.disagreeing()));
    checkEveryPublication(sim);
    for (int cut = 0; cut < 5; cut++) {
      int[] link = removableLink(sim, rnd);
      RoutingSimulation.Convergence c = await(sim.cutLink(link[0], link[1]));
      assertTrue(c.messages() > 0, c.toString());
      assertEquals(0, await(sim.disagreeing()), "after losing " + link[0] + "-" + link[1]);
      checkEveryPublication(sim);
    }
  }

  private static void checkEveryPublication(RoutingSimulation sim) {
    for (int origin = 0; origin < N; origin++) {
      for (String topic : TOPICS) {
        RoutingSimulation.Publication p = await(sim.publish(origin, topic + "/x"));
        String what = "from " + origin + " on " + topic + ": " + p;
        assertEquals(p.subscribers(), p.delivered(), what);
        assertEquals(0, p.duplicates(), what);
        assertEquals(0, p.offPath(), what);
        assertTrue(p.maxPerLink() <= 1, what);
      }
    }
  }

  /** @return a link whose loss leaves the network connected */
  private static int[] removableLink(RoutingSimulation sim, Random rnd) {
    List<int[]> links = new ArrayList<>(sim.links());
    while (true) {
      int[] candidate = links.get(rnd.nextInt(links.size()));
      Map<Integer, Set<Integer>> adj = new HashMap<>();
      for (int[] l : links) {
        if (l != candidate) {
          adj.computeIfAbsent(l[0], k -> new HashSet<>()).add(l[1]);
          adj.computeIfAbsent(l[1], k -> new HashSet<>()).add(l[0]);
        }
      }
      Set<Integer> seen = new HashSet<>(List.of(0));
      ArrayDeque<Integer> queue = new ArrayDeque<>(seen);
      while (!queue.isEmpty()) {
        for (int v : adj.getOrDefault(queue.poll(), Set.of())) {
          if (seen.add(v)) {
            queue.add(v);
          }
        }
      }
      if (seen.size() == sim.endpoints()) {
        return candidate;
      }
    }
  }
}
