package io.brokervx.cluster;

import java.util.Objects;
import java.util.UUID;

/**
 * Zeek's cluster topic conventions under a configurable prefix (default {@code zeek/cluster/}): a topic per
 * node type ({@code zeek/cluster/worker}), per node ({@code zeek/cluster/node/<name>/}), per endpoint id
 * ({@code zeek/cluster/nodeid/<id>/}) and per pool ({@code zeek/cluster/pool/proxy}). Node and id topics end
 * in {@code /} so that {@code proxy-1} does not match {@code proxy-10} under prefix matching.
 *
 * @param prefix the prefix, ending in {@code /}
 */
public record ClusterTopics(String prefix) {
  /** Zeek's prefix. */
  public static final String DEFAULT_PREFIX = "zeek/cluster/";

  /** @throws IllegalArgumentException when the prefix is empty or does not end in {@code /} */
  public ClusterTopics {
    Objects.requireNonNull(prefix, "prefix");
    if (prefix.isEmpty() || !prefix.endsWith("/")) {
      throw new IllegalArgumentException("a cluster topic prefix must end in '/': '" + prefix + "'");
    }
  }

  /** @return the topics under Zeek's prefix */
  public static ClusterTopics zeek() {
    return new ClusterTopics(DEFAULT_PREFIX);
  }

  /** @return the topic of every node of {@code type}, e.g. {@code zeek/cluster/worker} */
  public String typeTopic(NodeType type) {
    return prefix + type.configName();
  }

  /** @return the manager's topic, {@code zeek/cluster/manager} */
  public String managerTopic() {
    return typeTopic(NodeType.MANAGER);
  }

  /** @return the topic of node {@code name}, {@code zeek/cluster/node/<name>/} */
  public String nodeTopic(String name) {
    return prefix + "node/" + name + "/";
  }

  /** @return the topic of the endpoint {@code id}, {@code zeek/cluster/nodeid/<id>/} */
  public String nodeIdTopic(UUID id) {
    return prefix + "nodeid/" + id + "/";
  }

  /** @return the topic of the pool named {@code pool}, {@code zeek/cluster/pool/<pool>} */
  public String poolTopic(String pool) {
    return prefix + "pool/" + pool;
  }
}
