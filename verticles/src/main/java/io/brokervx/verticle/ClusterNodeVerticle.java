package io.brokervx.verticle;

import io.brokervx.cluster.Cluster;
import io.brokervx.cluster.ClusterLayout;
import io.brokervx.cluster.ClusterOptions;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.verticle.impl.Config;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.Set;

/**
 * Runs one node of a cluster. Configuration:
 * <ul>
 *   <li>{@code layout} (required): the cluster layout, {@code {"nodes": [{"name", "type", "host", "port",
 *       "pools", "metricsPort"}, …]}};</li>
 *   <li>{@code node} (required): this node's name in the layout;</li>
 *   <li>{@code topicPrefix}: default {@code zeek/cluster/};</li>
 *   <li>{@code endpoint}: {@link EndpointOptions} as JSON (its {@code heartbeatTimeout} bounds how fast a
 *       vanished node is declared down).</li>
 * </ul>
 * Undeploying leaves the cluster and closes the node's endpoint.
 */
public class ClusterNodeVerticle extends VerticleBase {
  private Cluster cluster;

  /** @return the running cluster node, once deployed */
  public Cluster cluster() {
    return cluster;
  }

  @Override
  public Future<?> start() {
    ClusterLayout layout;
    ClusterOptions options = new ClusterOptions();
    String node;
    try {
      Config c = new Config(config(), "cluster node config").only(Set.of("layout", "node", "topicPrefix", "endpoint"));
      if (!config().containsKey("layout")) {
        throw new IllegalArgumentException("cluster node config: 'layout' is required");
      }
      layout = ClusterLayout.fromJson(c.object("layout"));
      node = c.requireString("node");
      options.setTopicPrefix(c.string("topicPrefix", options.getTopicPrefix()));
      if (config().containsKey("endpoint")) {
        options.setEndpointOptions(new EndpointOptions(c.object("endpoint")));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Cluster.start(vertx, layout, node, options).onSuccess(c -> cluster = c);
  }

  @Override
  public Future<?> stop() {
    return cluster == null ? Future.succeededFuture() : cluster.close();
  }
}
