package io.brokervx.cluster;

import io.brokervx.endpoint.EndpointOptions;
import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of a cluster node: the topic prefix, the endpoint's options (its heartbeat timeout bounds how
 * fast a vanished node is declared down; default 3 s), and the pools (default: Zeek's proxy, worker and
 * logger pools).
 */
public class ClusterOptions {
  private String topicPrefix = ClusterTopics.DEFAULT_PREFIX;
  private EndpointOptions endpointOptions = new EndpointOptions()
      .setHeartbeatInterval(Duration.ofMillis(500)).setRetryInterval(Duration.ofMillis(500));
  private List<PoolSpec> pools;

  /** Creates options with the defaults. */
  public ClusterOptions() {
  }

  /** @return the topic prefix (default {@code zeek/cluster/}) */
  public String getTopicPrefix() {
    return topicPrefix;
  }

  /** Sets the topic prefix; it must end in {@code /}. */
  public ClusterOptions setTopicPrefix(String topicPrefix) {
    this.topicPrefix = new ClusterTopics(topicPrefix).prefix();
    return this;
  }

  /** @return the options of the node's endpoint */
  public EndpointOptions getEndpointOptions() {
    return endpointOptions;
  }

  /** Sets the options of the node's endpoint. */
  public ClusterOptions setEndpointOptions(EndpointOptions endpointOptions) {
    this.endpointOptions = Objects.requireNonNull(endpointOptions);
    return this;
  }

  /** @return the pools: those set, or Zeek's proxy, worker and logger pools under the topic prefix */
  public List<PoolSpec> getPools() {
    if (pools != null) {
      return pools;
    }
    ClusterTopics t = new ClusterTopics(topicPrefix);
    return List.of(new PoolSpec(t.poolTopic("proxy"), NodeType.PROXY, 0, false),
        new PoolSpec(t.poolTopic("worker"), NodeType.WORKER, 0, false),
        new PoolSpec(t.poolTopic("logger"), NodeType.LOGGER, 0, false));
  }

  /** Sets the pools. */
  public ClusterOptions setPools(List<PoolSpec> pools) {
    this.pools = new ArrayList<>(pools);
    return this;
  }
}
