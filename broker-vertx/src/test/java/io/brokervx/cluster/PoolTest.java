package io.brokervx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pool membership, HRW and round-robin with nodes dying and coming back. */
class PoolTest {
  private static final String PROXIES = "zeek/cluster/pool/proxy";

  @Test
  void hrwMovesOnlyTheDeadNodesKeysAndRoundRobinSkipsIt() {
    Pool pool = new Pool(new PoolSpec(PROXIES, NodeType.PROXY, 0, false), List.of("proxy-1", "proxy-2", "proxy-3"));
    assertNull(pool.hrw("10.0.0.1"), "nobody alive yet");
    pool.members().forEach(m -> pool.setAlive(m, true));
    Map<String, String> before = new java.util.HashMap<>();
    for (int i = 0; i < 600; i++) {
      before.put("k" + i, pool.hrw("k" + i));
    }
    pool.setAlive("proxy-2", false);
    before.forEach((k, owner) -> {
      String now = pool.hrw(k);
      if (!owner.equals("proxy-2")) {
        assertEquals(owner, now, "a survivor keeps " + k);
      } else {
        assertEquals(true, !now.equals("proxy-2"));
      }
    });
    assertEquals(List.of("proxy-1", "proxy-3", "proxy-1"), List.of(pool.roundRobin("r"), pool.roundRobin("r"),
        pool.roundRobin("r")));
    assertEquals("proxy-1", pool.roundRobin("other"), "each key has its own cursor");
    pool.setAlive("proxy-2", true);
    before.forEach((k, owner) -> assertEquals(owner, pool.hrw(k), "back to the original owner"));
  }

  @Test
  void membershipFollowsZeeksRules() {
    Map<NodeType, List<String>> nodes = Map.of(NodeType.PROXY, List.of("p3", "p1", "p2"),
        NodeType.WORKER, List.of("w2", "w1"));
    Map<String, List<String>> m = Pool.memberships(List.of(
        new PoolSpec("b/capped", NodeType.PROXY, 1, false),
        new PoolSpec("a/exclusive", NodeType.PROXY, 1, true),
        new PoolSpec("c/capped", NodeType.PROXY, 1, false),
        new PoolSpec("d/workers", NodeType.WORKER, 0, false)), nodes);
    assertEquals(List.of("p1"), m.get("a/exclusive"));
    assertEquals(List.of("p2"), m.get("b/capped"));
    assertEquals(List.of("p3"), m.get("c/capped"), "the cursor persists across pools of a type");
    assertEquals(List.of("w1", "w2"), m.get("d/workers"));
    assertThrows(IllegalArgumentException.class, () -> Pool.memberships(
        List.of(new PoolSpec("x", NodeType.PROXY, 5, true)), nodes));
    assertThrows(IllegalArgumentException.class, () -> new PoolSpec("x", NodeType.PROXY, 0, true));
  }
}
