package io.brokervx.cluster;

import java.util.Objects;

/**
 * A pool's definition, as Zeek's {@code Cluster::PoolSpec}: the topic naming it, the type of node it draws
 * from, an optional cap, and whether its nodes are reserved for it.
 *
 * @param topic the pool's topic, e.g. {@code zeek/cluster/pool/proxy}
 * @param nodeType the type of node eligible
 * @param maxNodes the cap on members, or 0 for all eligible nodes
 * @param exclusive whether members are taken away from pools defined later (needs a cap)
 */
public record PoolSpec(String topic, NodeType nodeType, int maxNodes, boolean exclusive) {
  /** @throws IllegalArgumentException for an exclusive pool without a cap or a negative cap */
  public PoolSpec {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(nodeType, "nodeType");
    if (maxNodes < 0) {
      throw new IllegalArgumentException("maxNodes must not be negative");
    }
    if (exclusive && maxNodes == 0) {
      throw new IllegalArgumentException("an exclusive pool needs maxNodes (pool " + topic + ")");
    }
  }
}
