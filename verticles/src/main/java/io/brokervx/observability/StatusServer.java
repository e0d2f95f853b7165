package io.brokervx.observability;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.observability.impl.StatusServerImpl;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An HTTP server that lets an operator see endpoints at work, on one port:
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text with Broker's and Zeek's metric names
 *       ({@code broker_connections}, {@code broker_processed_messages_total{type}}, {@code broker_store_*{name}},
 *       {@code zeek_broker_peer_buffer_*{peer}}, …, each with an {@code endpoint} label) plus Vert.x's own
 *       metrics when Vert.x was created with {@link VertxMetrics};</li>
 *   <li>{@code GET /v1/status/json}: Broker 2.6's status report (add {@code ?endpoint=NAME} to pick one of
 *       several endpoints), with our routing graph;</li>
 *   <li>{@code GET /}: a live page drawing the peered network, its per-link message rates, buffer fill and
 *       drops, the stores and the recent status events, refreshed by server-sent events from
 *       {@code /v1/status/live}.</li>
 * </ul>
 * Each request takes one snapshot of every endpoint on its own context ({@link Endpoint#stats()}); the
 * endpoints count as they work and nothing is measured per message.
 */
public interface StatusServer {

  /** @return a server for {@code vertx}, using Vert.x's Prometheus registry when it has one (see {@link VertxMetrics}) */
  static StatusServer create(Vertx vertx, MetricsServerOptions options) {
    return new StatusServerImpl(vertx, new MetricsServerOptions(options),
        VertxMetrics.registryOf(vertx).orElseGet(VertxMetrics::newRegistry));
  }

  /** @return a server whose meters go to {@code registry}, which {@code /metrics} serves */
  static StatusServer create(Vertx vertx, MetricsServerOptions options, PrometheusMeterRegistry registry) {
    return new StatusServerImpl(vertx, new MetricsServerOptions(options), registry);
  }

  /**
   * Shows {@code endpoint} under {@code name}: the {@code endpoint} label of its metrics, its
   * {@code cluster-node} in the status report and its label on the page. Names must be unique per registry.
   */
  StatusServer addEndpoint(String name, Endpoint endpoint);

  /**
   * Counts the clients of {@code server}, the WebSocket API of the endpoint shown under {@code endpoint}, as
   * the gauge {@code broker_websocket_clients{endpoint}}.
   */
  StatusServer addWebSocketServer(String endpoint, ZeekWebSocketServer server);

  /** Stops showing the endpoint added under {@code name}. */
  StatusServer removeEndpoint(String name);

  /**
   * Names the other endpoints (peers, nodes of the graph) with what {@code names} answers, e.g. a cluster
   * node's {@code io.brokervx.cluster.Cluster#nodeNames()}; unnamed endpoints are shown by id.
   */
  StatusServer peerNames(Supplier<Future<Map<UUID, String>>> names);

  /** Starts listening; @return the bound port */
  Future<Integer> listen();

  /** @return the bound port, once listening (0 before) */
  int port();

  /** @return the status page's URL, e.g. {@code http://127.0.0.1:9911/}, once listening */
  String url();

  /** Stops listening, ends the live pages and removes its meters from the registry. */
  Future<Void> close();
}
