package io.brokervx.verticle;

import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.verticle.impl.Bridge;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A whole Broker node from one configuration, the main verticle of {@code broker-node.jar}:
 * <pre>{@code
 * {"endpoint": {"listen": {"host": "127.0.0.1", "port": 9999}, "peers": ["host:port"], "options": {…}},
 *  "stores": [{"name": "kv", "role": "master"|"clone", "backend": "memory"|"sqlite", "path": "kv.sqlite",
 *              "options": {…}}],
 *  "bridges": [{"topic": "zeek/", "address": "zeek.events", "direction": "in"|"out"|"both",
 *               "format": "json"|"data"}],
 *  "metrics": {"host": "127.0.0.1", "port": 9911}}
 * }</pre>
 * With only {@code endpoint.listen} it is a plain relay that forwards between its peers. It deploys an
 * {@link EndpointVerticle} (named {@code "node"}), then a {@link MasterVerticle} or {@link CloneVerticle}
 * per store; a bad configuration fails the deployment with a message naming the key. With {@code metrics} the
 * endpoint serves Prometheus metrics, Broker's status report and the live status page (see
 * {@link EndpointVerticle}). Once started it logs
 * what it does (listen address, peers, bridges, stores), then one line per peering change.
 */
public class BrokerNodeVerticle extends VerticleBase {
  static final String ENDPOINT_NAME = "node";
  private static final Logger LOG = LoggerFactory.getLogger(BrokerNodeVerticle.class);
  /** What the node does, one line each, logged once it started. */
  private final List<String> summary = new ArrayList<>();
  /** The configured peers ({@code host:port}), whose connections this node retries. */
  private final Set<String> configuredPeers = ConcurrentHashMap.newKeySet();
  /** Configured peers whose failure was already reported, so retries do not repeat it (endpoint's context). */
  private final Set<String> reportedFailures = new HashSet<>();
  private volatile int port;

  /** @return the port the node listens on for peerings, once started with {@code endpoint.listen} (else 0) */
  public int port() {
    return port;
  }

  @Override
  public Future<?> start() {
    JsonObject endpoint;
    JsonArray stores;
    try {
      StrictJson c = StrictJson.of(config(), "broker-node config").only(Set.of("endpoint", "stores", "bridges", "metrics"));
      if (!config().containsKey("endpoint")) {
        throw new IllegalArgumentException("broker-node config: 'endpoint' is required (at least {\"listen\": "
            + "{\"host\": …, \"port\": …}} or {\"peers\": [\"host:port\"]})");
      }
      endpoint = c.object("endpoint").copy().put("name", ENDPOINT_NAME).put("bridges", c.array("bridges"));
      if (config().containsKey("metrics")) {
        endpoint.put("metrics", c.object("metrics"));
      }
      stores = c.array("stores");
      for (Object s : stores) {
        if (!(s instanceof JsonObject)) {
          throw new IllegalArgumentException("broker-node config: every store must be an object");
        }
        StrictJson.of((JsonObject) s, "broker-node config: store").choice("role", Set.of("master", "clone"), null);
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    if (endpoint.getValue("peers") instanceof JsonArray peers) { // checked by the EndpointVerticle
      peers.forEach(p -> configuredPeers.add(String.valueOf(p)));
    }
    EndpointVerticle ev = new EndpointVerticle();
    Future<?> chain = vertx.deployVerticle(ev, new DeploymentOptions().setConfig(endpoint)).onSuccess(id -> {
      ev.endpoint().statuses().handler(this::report);
      port = ev.port();
      describeEndpoint(endpoint, ev.port());
      if (ev.statusUrl() != null) {
        summary.add("status page at " + ev.statusUrl() + ", Prometheus metrics at " + ev.statusUrl() + "metrics");
      }
      if (ev.webSocketUrl() != null) {
        summary.add("WebSocket API at " + ev.webSocketUrl());
      }
    });
    for (Object s : stores) {
      JsonObject store = ((JsonObject) s).copy();
      String role = (String) store.remove("role");
      store.put("endpoint", ENDPOINT_NAME);
      chain = chain.compose(id -> vertx.deployVerticle(role.equals("master") ? new MasterVerticle() : new CloneVerticle(),
          new DeploymentOptions().setConfig(store)).onSuccess(x -> summary.add("store " + store.getString("name")
          + ": " + role + ", " + store.getString("backend", "memory")
          + (store.containsKey("path") ? " " + store.getString("path") : "") + ", service at "
          + store.getString("address", StoreService.ADDRESS_PREFIX + store.getString("name")))));
    }
    return chain.onSuccess(x -> summary.forEach(LOG::info));
  }

  private void describeEndpoint(JsonObject endpoint, int port) {
    JsonObject listen = endpoint.getJsonObject("listen");
    summary.add(listen == null ? "not listening (no endpoint.listen)"
        : "listening on " + listen.getString("host", EndpointVerticle.DEFAULT_LISTEN_HOST) + ":" + port
            + (listen.containsKey("host") ? "" : " (loopback only: set endpoint.listen.host to accept other hosts)"));
    JsonArray peers = endpoint.getJsonArray("peers", new JsonArray());
    summary.add(peers.isEmpty() ? "peers: none configured" : "peering with "
        + String.join(", ", peers.stream().map(String::valueOf).toList()));
    for (Object o : endpoint.getJsonArray("bridges")) {
      JsonObject b = (JsonObject) o;
      String direction = b.getString("direction", "both");
      String address = b.getString("address");
      String line = "bridge " + b.getString("topic") + ":";
      if (!direction.equals("out")) {
        line += " Broker -> " + address + " (published)";
      }
      if (!direction.equals("in")) {
        line += (direction.equals("both") ? ";" : "") + " " + address + Bridge.OUT_SUFFIX + " -> Broker";
      }
      summary.add(line + ", " + b.getString("format", "json"));
    }
  }

  private void report(StatusEvent e) {
    String peer = e.host() + ":" + e.port();
    switch (e.code()) {
      case PEER_ADDED -> {
        reportedFailures.remove(peer);
        LOG.info((configuredPeers.contains(peer) ? "peered with " : "accepted a peering from ") + peer + " (endpoint "
            + e.endpoint() + ")");
      }
      case PEER_LOST -> LOG.warn("lost peer " + peer + ": " + e.message());
      case PEER_REMOVED -> LOG.info("peer " + peer + " left");
      case ERROR -> {
        if (!configuredPeers.contains(peer)) {
          LOG.warn("rejected a connection from " + peer + ": " + e.message());
        } else if (reportedFailures.add(peer)) {
          LOG.warn("cannot peer with " + peer + " yet: " + e.message() + " (retrying until it answers)");
        }
      }
      default -> {
        // endpoints discovered or unreachable through others are not peerings of this node
      }
    }
  }
}
