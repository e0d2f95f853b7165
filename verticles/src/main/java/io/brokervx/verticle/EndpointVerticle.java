package io.brokervx.verticle;

import io.brokervx.codec.EventBusCodecs;
import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.error.BrokerException;
import io.brokervx.observability.MetricsServerOptions;
import io.brokervx.observability.StatusServer;
import io.brokervx.observability.VertxMetrics;
import io.brokervx.verticle.impl.Bridge;
import io.brokervx.verticle.impl.HostPorts;
import io.brokervx.verticle.impl.SharedEndpoints;
import io.brokervx.websocket.WebSocketServerOptions;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Deploys an {@link Endpoint}, shared by name with other verticles of the same Vert.x instance.
 * Configuration ({@code DeploymentOptions.setConfig}), every key optional:
 * <ul>
 *   <li>{@code name}: the name other verticles use to find it (default {@code "default"});</li>
 *   <li>{@code listen}: {@code {"host": "127.0.0.1", "port": 9999}} to accept peerings (port 0: any; no host: 127.0.0.1);</li>
 *   <li>{@code peers}: {@code ["host:port", …]} to peer with (retried until up);</li>
 *   <li>{@code options}: {@link EndpointOptions} as JSON;</li>
 *   <li>{@code bridges}: {@code [{"topic": "zeek/", "address": "zeek.events", "direction": "in"|"out"|"both",
 *       "format": "json"|"data"}]}: topic prefixes mapped to event-bus addresses. {@code in} publishes the
 *       Broker messages under the prefix on {@code address} (JSON v1 data-message objects, or
 *       {@code DataMessage}s with format {@code data}); {@code out} publishes on the topic what is sent to
 *       {@code address + ".out"}; {@code both} (the default) does both. The two addresses differ so that
 *       the bridge never takes a message meant for the application's consumers.</li>
 *   <li>{@code metrics}: {@link MetricsServerOptions} as JSON, e.g. {@code {"port": 9911}} (loopback unless
 *       {@code host} says otherwise): serves the endpoint's Prometheus metrics at {@code /metrics}, Broker's
 *       status report at {@code /v1/status/json} and the live status page at {@code /} (a
 *       {@link StatusServer}; Vert.x's own metrics too when Vert.x was created with {@link VertxMetrics}).</li>
 *   <li>{@code webSocket}: {@link WebSocketServerOptions} as JSON, e.g. {@code {"port": 27759}} (loopback unless
 *       {@code host} says otherwise): serves Zeek's WebSocket API v1 at {@code /v1/messages/json} (a
 *       {@link ZeekWebSocketServer}); the ack's version is broker-node's unless {@code version} is set.</li>
 * </ul>
 * A bad or unknown key fails the deployment with an {@link IllegalArgumentException} naming it; a port that
 * cannot be bound fails it with an {@link IllegalStateException} naming {@code host:port}. Store verticles
 * deployed at the same time wait for the endpoint (see {@link MasterVerticle}); it is handed to them once it
 * listens. Undeploying removes the bridges and closes the endpoint (sockets, timers) once no store verticle
 * uses it.
 */
public class EndpointVerticle extends VerticleBase {
  /** Where {@code listen} binds when it names no host: loopback only; other interfaces must be asked for. */
  public static final String DEFAULT_LISTEN_HOST = "127.0.0.1";
  private static final Set<String> KEYS = Set.of("name", "listen", "peers", "options", "bridges", "metrics",
      "webSocket");
  private final List<Bridge> bridges = new ArrayList<>();
  private String name;
  private Endpoint endpoint;
  private int port;
  private StatusServer status;
  private ZeekWebSocketServer webSocket;
  private String webSocketHost;

  /** @return the deployed endpoint (null before deployment) */
  public Endpoint endpoint() {
    return endpoint;
  }

  /** @return the status page's URL, once deployed with {@code metrics} (null otherwise) */
  public String statusUrl() {
    return status == null ? null : status.url();
  }

  /** @return the WebSocket API's URL, once deployed with {@code webSocket} (null otherwise) */
  public String webSocketUrl() {
    return webSocket == null ? null : (webSocket.isSsl() ? "wss://" : "ws://") + webSocketHost + ":"
        + webSocket.actualPort() + ZeekWebSocketServer.PATH;
  }

  /** @return the port the endpoint listens on, once deployed with {@code listen} (0 otherwise) */
  public int port() {
    return port;
  }

  @Override
  public Future<?> start() {
    StrictJson c;
    EndpointOptions options;
    MetricsServerOptions metrics;
    WebSocketServerOptions ws;
    try {
      c = StrictJson.of(config(), "endpoint config").only(KEYS);
      name = c.string("name", "default");
      options = new EndpointOptions(c.object("options"));
      metrics = config().containsKey("metrics") ? new MetricsServerOptions(c.object("metrics")) : null;
      ws = config().containsKey("webSocket") ? new WebSocketServerOptions(c.object("webSocket")) : null;
      if (ws != null && !c.object("webSocket").containsKey("version")) {
        ws.setVersion(Versions.project());
      }
      for (Object p : c.array("peers")) {
        if (!(p instanceof String s)) {
          throw new IllegalArgumentException("endpoint config: every peer must be a \"host:port\" string");
        }
        HostPorts.split(s, "endpoint config: peers");
      }
      for (Object b : c.array("bridges")) {
        if (!(b instanceof JsonObject)) {
          throw new IllegalArgumentException("endpoint config: every bridge must be an object");
        }
        bridgeConfig((JsonObject) b);
      }
      if (config().containsKey("listen")) {
        StrictJson l = StrictJson.of(c.object("listen"), "endpoint config: listen").only(Set.of("host", "port"));
        l.integer("port", 0, 65535, 0);
        l.string("host", DEFAULT_LISTEN_HOST);
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    EventBusCodecs.register(vertx);
    try {
      SharedEndpoints.claim(vertx, name);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    endpoint = Endpoint.create(vertx, options);
    for (Object b : c.array("bridges")) {
      StrictJson bc = bridgeConfig((JsonObject) b);
      bridges.add(new Bridge(vertx, endpoint, bc.requireString("topic"), bc.requireString("address"),
          bc.choice("direction", Set.of("in", "out", "both"), "both"), bc.choice("format", Set.of("json", "data"), "json"),
          bc.integer("maxJsonBytes", 1, Integer.MAX_VALUE, Bridge.DEFAULT_MAX_JSON_BYTES)));
    }
    for (Object p : c.array("peers")) {
      String[] hp = HostPorts.split((String) p, "peers");
      endpoint.peer(hp[0], Integer.parseInt(hp[1]));
    }
    Future<Integer> listening = Future.succeededFuture(0);
    if (config().containsKey("listen")) {
      StrictJson l = StrictJson.of(c.object("listen"), "endpoint config: listen");
      String host = l.string("host", DEFAULT_LISTEN_HOST);
      int wanted = l.integer("port", 0, 65535, 0);
      listening = endpoint.listen(host, wanted).recover(t -> Future.failedFuture(new IllegalStateException(
          t instanceof BrokerException b ? b.detail() : "cannot listen on " + host + ":" + wanted + ": " + reason(t))));
    }
    if (metrics != null) {
      status = StatusServer.create(vertx, metrics).addEndpoint(name, endpoint);
      listening = listening.compose(p -> status.listen().map(p));
    }
    if (ws != null) {
      WebSocketServerOptions wsOptions = ws;
      webSocketHost = ws.getHost();
      listening = listening.compose(p -> ZeekWebSocketServer.start(endpoint, wsOptions)
          .recover(t -> Future.failedFuture(new IllegalStateException(t instanceof BrokerException b ? b.detail()
              : reason(t))))
          .map(s -> {
            webSocket = s;
            if (status != null) {
              status.addWebSocketServer(name, s);
            }
            return p;
          }));
    }
    return listening.onSuccess(p -> {
      port = p;
      SharedEndpoints.ready(vertx, name, endpoint);
    }).recover(t -> {
      SharedEndpoints.failed(vertx, name, t);
      Future<Void> statusClosed = status == null ? Future.succeededFuture() : status.close();
      Future<Void> wsClosed = webSocket == null ? Future.succeededFuture() : webSocket.close();
      return Future.join(bridges.stream().map(Bridge::close).toList()).eventually(() -> statusClosed)
          .eventually(() -> wsClosed).eventually(endpoint::close).transform(x -> Future.failedFuture(t));
    });
  }

  /** @return the cause's message starting in lower case ("address already in use") */
  private static String reason(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.isEmpty() ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
  }

  private static StrictJson bridgeConfig(JsonObject b) {
    StrictJson bc = StrictJson.of(b, "endpoint config: bridge").only(Set.of("topic", "address", "direction", "format", "maxJsonBytes"));
    bc.requireString("topic");
    bc.requireString("address");
    bc.choice("direction", Set.of("in", "out", "both"), "both");
    bc.choice("format", Set.of("json", "data"), "json");
    bc.integer("maxJsonBytes", 1, Integer.MAX_VALUE, Bridge.DEFAULT_MAX_JSON_BYTES);
    return bc;
  }

  @Override
  public Future<?> stop() {
    List<Future<Void>> closing = new ArrayList<>();
    bridges.forEach(b -> closing.add(b.close()));
    if (status != null) {
      closing.add(status.close());
    }
    if (webSocket != null) {
      closing.add(webSocket.close());
    }
    return Future.join(closing).eventually(() -> SharedEndpoints.release(vertx, name));
  }
}
