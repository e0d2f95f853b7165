package io.brokervx.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Zeek's HRW against values computed by hand from the formula, and its key-moving property. */
class HrwTest {
  @Test
  void fnv1a32MatchesTheReferenceValues() {
    assertEquals(0x811c9dc5L, Hrw.fnv1a32(""), "the offset basis");
    assertEquals(0xe40c292cL, Hrw.fnv1a32("a"), "FNV-1a 32 test vector");
    assertEquals(0xbf9cf968L, Hrw.fnv1a32("foobar"), "FNV-1a 32 test vector");
  }

  @Test
  void theWeightFollowsZeeksFormula() {
    // by hand: site 1, digest 0: inner = (1103515245*1 + 12345) mod 2^32 = 1103527590;
    // (1103515245 * (1103527590 XOR 0) + 12345) mod 2^32 = 2524885223 (= 0x967EB0E7); mod 2^31 = 377401575
    assertEquals(377_401_575L, Hrw.weight(1, 0));
    // the digest's top bit is ignored: 0x80000000 behaves as 0
    assertEquals(Hrw.weight(1, 0), Hrw.weight(1, 0x80000000L));
    long site = Hrw.fnv1a32("proxy-1.0");
    long digest = Hrw.fnv1a32("10.0.0.1");
    long inner = (1103515245L * site + 12345L) % (1L << 32);
    long expected = ((1103515245L * (inner ^ (digest & 0x7fffffffL)) + 12345L) % (1L << 32)) % (1L << 31);
    assertEquals(expected, Hrw.weight(site, digest));
  }

  @Test
  void aDeadSiteMovesOnlyItsOwnKeys() {
    List<Long> sites = new ArrayList<>();
    for (String n : List.of("proxy-1", "proxy-2", "proxy-3")) {
      sites.add(Hrw.siteId(n, sites));
    }
    Map<String, Long> before = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      before.put("10.0." + (i / 256) + "." + (i % 256), Hrw.pick(sites, "10.0." + (i / 256) + "." + (i % 256)));
    }
    long dead = sites.remove(1);
    int moved = 0;
    for (Map.Entry<String, Long> e : before.entrySet()) {
      long now = Hrw.pick(sites, e.getKey());
      if (e.getValue() == dead) {
        moved++;
        assertTrue(sites.contains(now));
      } else {
        assertEquals(e.getValue(), now, "a survivor's key stayed: " + e.getKey());
      }
    }
    assertTrue(moved > 500 && moved < 1500, "about a third of the keys belonged to the dead site: " + moved);
    assertEquals(-1, Hrw.pick(List.of(), "k"));
  }

  @Test
  void siteIdsAreUniqueWithinAPool() {
    long first = Hrw.fnv1a32("n.0");
    assertEquals(Hrw.fnv1a32("n.1"), Hrw.siteId("n", Set.of(first)));
  }

  @Test
  void topicsFollowZeeksConventions() {
    ClusterTopics t = ClusterTopics.zeek();
    assertEquals("zeek/cluster/manager", t.managerTopic());
    assertEquals("zeek/cluster/worker", t.typeTopic(NodeType.WORKER));
    assertEquals("zeek/cluster/node/proxy-1/", t.nodeTopic("proxy-1"));
    assertTrue(!t.nodeTopic("proxy-10").startsWith(t.nodeTopic("proxy-1")), "trailing slash keeps nodes apart");
    UUID id = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    assertEquals("zeek/cluster/nodeid/" + id + "/", t.nodeIdTopic(id));
    assertEquals("zeek/cluster/pool/proxy", t.poolTopic("proxy"));
    assertEquals("my/x/node/a/", new ClusterTopics("my/x/").nodeTopic("a"));
    assertThrows(IllegalArgumentException.class, () -> new ClusterTopics("no-slash"));
    assertEquals(NodeType.DATA, NodeType.fromConfigName("data"));
    assertThrows(IllegalArgumentException.class, () -> NodeType.fromConfigName("boss"));
  }
}
