package io.brokervx.verticle;

import io.brokervx.cluster.Cluster;
import io.brokervx.cluster.ClusterLayout;
import io.brokervx.cluster.ClusterOptions;
import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.observability.MetricsServerOptions;
import io.brokervx.observability.StatusServer;
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
 *       vanished node is declared down);</li>
 *   <li>{@code metricsHost}: where the node's {@code metricsPort} (from the layout) is served, default
 *       {@code 127.0.0.1}.</li>
 * </ul>
 * A node whose layout entry has a {@code metricsPort} serves its metrics, Broker's status report and the live
 * status page there (a {@link StatusServer}, naming the other nodes by their cluster names). Undeploying
 * leaves the cluster, closes the node's endpoint and stops its status server.
 */
public class ClusterNodeVerticle extends VerticleBase {
  private Cluster cluster;
  private StatusServer status;

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
      StrictJson c = StrictJson.of(config(), "cluster node config")
          .only(Set.of("layout", "node", "topicPrefix", "endpoint", "metricsHost"));
      if (!config().containsKey("layout")) {
        throw new IllegalArgumentException("cluster node config: 'layout' is required");
      }
      layout = ClusterLayout.fromJson(c.object("layout"));
      node = c.requireString("node");
      options.setTopicPrefix(c.string("topicPrefix", options.getTopicPrefix()));
      if (config().containsKey("endpoint")) {
        options.setEndpointOptions(new EndpointOptions(c.object("endpoint")));
      }
      int metricsPort = layout.node(node).map(ClusterLayout.Node::metricsPort).orElse(0);
      if (metricsPort > 0) {
        status = StatusServer.create(vertx, new MetricsServerOptions().setPort(metricsPort)
            .setHost(c.string("metricsHost", MetricsServerOptions.DEFAULT_HOST)));
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Cluster.start(vertx, layout, node, options).compose(c -> {
      cluster = c;
      if (status == null) {
        return Future.succeededFuture();
      }
      status.addEndpoint(node, c.endpoint()).peerNames(c::nodeNames);
      return status.listen().recover(t -> c.close().transform(x -> Future.failedFuture(t)));
    });
  }

  /** @return the status page's URL, when the layout gives this node a {@code metricsPort} (else null) */
  public String statusUrl() {
    return status == null ? null : status.url();
  }

  @Override
  public Future<?> stop() {
    Future<Void> statusClosed = status == null ? Future.succeededFuture() : status.close();
    return statusClosed.eventually(() -> cluster == null ? Future.succeededFuture() : cluster.close());
  }
}
