package io.brokervx.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.VectorData;
import io.brokervx.test.TestNetwork;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subscriber receives every publication exactly once, and no message crosses a link twice, in the
 * topologies where Broker loops or loses: chains through relays, stars, rings, full meshes and Zeek's
 * cluster graph.
 */
@ExtendWith(VertxExtension.class)
class TopologyTest {
  private static final int MESSAGES_PER_NODE = 50;

  static Stream<Arguments> topologies() {
    return Stream.of(
        Arguments.of("pair", 2, new int[][] {{0, 1}}, List.of(0, 1)),
        Arguments.of("chain of 3, relay without subscribers", 3, new int[][] {{0, 1}, {1, 2}}, List.of(0, 2)),
        Arguments.of("star", 5, new int[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}}, List.of(0, 1, 2, 3, 4)),
        Arguments.of("ring of 4", 4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 0}}, List.of(0, 1, 2, 3)),
        Arguments.of("full mesh of 4", 4, new int[][] {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}},
            List.of(0, 1, 2, 3)),
        // Zeek's broker backend: 0 manager, 1 logger, 2 proxy, 3 and 4 workers
        Arguments.of("zeek cluster graph", 5, new int[][] {{3, 1}, {3, 2}, {3, 0}, {4, 1}, {4, 2}, {4, 0}, {2, 1},
            {2, 0}, {0, 1}}, List.of(0, 1, 2, 3, 4)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("topologies")
  void everySubscriberGetsEveryMessageOnceAndNoLinkCarriesACopyTwice(String name, int n, int[][] edges,
      List<Integer> members, Vertx vertx) {
    try (TestNetwork net = new TestNetwork(vertx, n, i -> new EndpointOptions())) {
      for (int[] e : edges) {
        net.peer(e[0], e[1]);
      }
      for (int m : members) {
        net.subscribe(m, "/hello");
      }
      net.awaitSubscribers("/hello/x", members, members);
      for (int m : members) {
        for (int k = 0; k < MESSAGES_PER_NODE; k++) {
          net.node(m).publish("/hello/x", Data.vector(Data.count(m), Data.count(k)));
        }
      }
      int expectedEach = (members.size() - 1) * MESSAGES_PER_NODE;
      for (int m : members) {
        net.awaitReceived(m, expectedEach);
      }
      // nothing more arrives: publish a marker from every member and wait for all markers
      for (int m : members) {
        net.node(m).publish("/hello/marker", Data.count(m));
      }
      for (int m : members) {
        net.awaitReceived(m, expectedEach + members.size() - 1);
      }
      for (int m : members) {
        Map<Data, Integer> counts = new HashMap<>();
        for (DataMessage msg : net.received(m).items()) {
          counts.merge(msg.data(), 1, Integer::sum);
        }
        assertEquals(expectedEach + members.size() - 1, net.received(m).items().size(), "node " + m + " total");
        counts.forEach((d, c) -> assertEquals(1, c, "node " + m + " got " + d + " " + c + " times"));
        for (DataMessage msg : net.received(m).items()) {
          if (msg.data() instanceof VectorData v) {
            assertTrue(!v.get(0).equals(Data.count(m)), "node " + m + " got its own message");
          }
        }
      }
      long published = (long) members.size() * (MESSAGES_PER_NODE + 1);
      Map<String, Long> perLink = net.dataFramesPerLink();
      perLink.forEach((link, frames) -> assertTrue(frames <= published,
          name + ": link " + link + " carried " + frames + " data frames for " + published + " messages"));
      long total = perLink.values().stream().mapToLong(Long::longValue).sum();
      // each message travels a spanning tree of the n nodes: n-1 link crossings, never more
      assertTrue(total <= published * (n - 1), name + ": " + total + " frames for " + published + " messages");
    }
  }
}
