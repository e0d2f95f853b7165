package io.brokervx.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pool of nodes with Zeek's two ways of choosing one: highest-random-weight by key ({@link #hrw}) and
 * round-robin per key ({@link #roundRobin}). Only alive nodes are chosen; a node that dies leaves at once,
 * and with HRW only its keys move. Not thread-safe: use it from one context.
 */
public final class Pool {
  private final PoolSpec spec;
  private final Map<String, Long> siteIds = new LinkedHashMap<>();
  private final List<String> order;
  private final Map<String, Boolean> alive = new HashMap<>();
  private final Map<String, Integer> cursors = new HashMap<>();

  /** Creates a pool of {@code members} (in Zeek's deterministic order), none alive yet. */
  public Pool(PoolSpec spec, List<String> members) {
    this.spec = spec;
    this.order = List.copyOf(members);
    for (String m : members) {
      siteIds.put(m, Hrw.siteId(m, siteIds.values()));
      alive.put(m, false);
    }
  }

  /** @return the pool's definition */
  public PoolSpec spec() {
    return spec;
  }

  /** @return the members, in order */
  public List<String> members() {
    return order;
  }

  /** @return the alive members, in order */
  public List<String> aliveMembers() {
    return order.stream().filter(alive::get).toList();
  }

  /** Marks {@code node} alive or dead; @return whether it is a member */
  public boolean setAlive(String node, boolean isAlive) {
    if (!alive.containsKey(node)) {
      return false;
    }
    alive.put(node, isAlive);
    return true;
  }

  /** @return the alive member HRW assigns {@code key} to, or null when none is alive */
  public String hrw(String key) {
    List<Long> sites = new ArrayList<>();
    Map<Long, String> bySite = new HashMap<>();
    for (String m : order) {
      if (alive.get(m)) {
        sites.add(siteIds.get(m));
        bySite.put(siteIds.get(m), m);
      }
    }
    long site = Hrw.pick(sites, key);
    return site < 0 ? null : bySite.get(site);
  }

  /** @return the next alive member for {@code key}'s own rotation, or null when none is alive */
  public String roundRobin(String key) {
    int n = order.size();
    int cursor = cursors.getOrDefault(key, 0);
    for (int i = 0; i < n; i++) {
      String m = order.get((cursor + i) % n);
      if (alive.get(m)) {
        cursors.put(key, (cursor + i + 1) % n);
        return m;
      }
    }
    return null;
  }

  /**
   * Computes the members of every pool as Zeek does: pools in topic order; eligible nodes of each type in
   * name order; an exclusive pool takes the first {@code maxNodes} eligible nodes away from the others; a
   * capped pool takes its share round-robin from a cursor per node type that persists across pools.
   *
   * @param specs the pools
   * @param nodesByType the node names of each type
   * @return the members of each pool, by topic
   * @throws IllegalArgumentException when an exclusive pool cannot be filled
   */
  public static Map<String, List<String>> memberships(List<PoolSpec> specs, Map<NodeType, List<String>> nodesByType) {
    Map<NodeType, List<String>> eligible = new HashMap<>();
    nodesByType.forEach((t, names) -> eligible.put(t, new ArrayList<>(names.stream().sorted().toList())));
    Map<NodeType, Integer> cursor = new HashMap<>();
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<PoolSpec> sorted = specs.stream().sorted((a, b) -> a.topic().compareTo(b.topic())).toList();
    for (PoolSpec s : sorted) {
      List<String> pool = eligible.getOrDefault(s.nodeType(), new ArrayList<>());
      if (s.exclusive()) {
        if (pool.size() < s.maxNodes()) {
          throw new IllegalArgumentException("pool " + s.topic() + " needs " + s.maxNodes() + " exclusive "
              + s.nodeType().configName() + " nodes, only " + pool.size() + " are left");
        }
        List<String> taken = new ArrayList<>(pool.subList(0, s.maxNodes()));
        pool.subList(0, s.maxNodes()).clear();
        out.put(s.topic(), taken);
        continue;
      }
      int want = s.maxNodes() == 0 ? pool.size() : Math.min(s.maxNodes(), pool.size());
      if (want == pool.size()) {
        out.put(s.topic(), List.copyOf(pool));
        continue;
      }
      List<String> members = new ArrayList<>();
      int c = cursor.getOrDefault(s.nodeType(), 0);
      for (int i = 0; i < want; i++) {
        members.add(pool.get((c + i) % pool.size()));
      }
      cursor.put(s.nodeType(), (c + want) % pool.size());
      out.put(s.topic(), members);
    }
    return out;
  }
}
