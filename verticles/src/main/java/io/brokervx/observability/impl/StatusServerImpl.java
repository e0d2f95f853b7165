package io.brokervx.observability.impl;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.observability.MetricsServerOptions;
import io.brokervx.observability.StatusServer;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The status server: routes {@code /metrics}, {@code /v1/status/json}, {@code /v1/status/live} and the
 * page's files, and owns the parts behind them. Its state lives on the context it was created on.
 */
public final class StatusServerImpl implements StatusServer {
  /** Prometheus' text exposition format, version 0.0.4. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final Vertx vertx;
  private final Context context;
  private final MetricsServerOptions options;
  private final PrometheusMeterRegistry registry;
  private final EventRing events;
  private final Sources sources;
  private final BrokerMeters meters;
  private final EventLoopLag lag;
  private final LiveFeed feed;
  private final PageAssets assets = new PageAssets();
  private HttpServer server;
  private volatile int port;

  /** Creates a server (not listening yet) with its meters in {@code registry}. */
  public StatusServerImpl(Vertx vertx, MetricsServerOptions options, PrometheusMeterRegistry registry) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.registry = registry;
    this.events = new EventRing(options.getRecentEvents());
    this.sources = new Sources(context, events);
    this.meters = new BrokerMeters(registry);
    this.lag = new EventLoopLag(vertx, registry);
    this.feed = new LiveFeed(vertx, options, sources, events::recent, lag);
  }

  @Override
  public StatusServer addEndpoint(String name, Endpoint endpoint) {
    sources.add(name, endpoint);
    return this;
  }

  @Override
  public StatusServer addWebSocketServer(String endpoint, ZeekWebSocketServer server) {
    Gauge.builder("broker_websocket_clients", server, ws -> ws.clients().size())
        .description("Number of clients connected to the endpoint's WebSocket API.")
        .tags(Tags.of("endpoint", endpoint)).register(registry);
    return this;
  }

  @Override
  public StatusServer removeEndpoint(String name) {
    sources.remove(name);
    return this;
  }

  @Override
  public StatusServer peerNames(Supplier<Future<Map<UUID, String>>> names) {
    sources.peerNames(names);
    return this;
  }

  @Override
  public Future<Integer> listen() {
    Promise<Integer> p = Promise.promise();
    context.runOnContext(v -> {
      if (server != null) {
        p.fail(new IllegalStateException("the status server listens already"));
        return;
      }
      server = vertx.createHttpServer(new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort()));
      server.requestHandler(this::handle);
      assets.load(vertx).compose(x -> server.listen()).onComplete(ar -> {
        if (ar.succeeded()) {
          port = ar.result().actualPort();
          lag.start();
          p.complete(port);
        } else {
          p.fail(new BrokerException(ErrorCode.CANNOT_OPEN_RESOURCE, "cannot serve metrics on " + options.getHost()
              + ":" + options.getPort() + ": " + ar.cause().getMessage(), ar.cause()));
        }
      });
    });
    return p.future();
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String url() {
    String host = options.getHost().equals("0.0.0.0") ? "127.0.0.1" : options.getHost();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/";
  }

  private void handle(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (request.method() != HttpMethod.GET) {
      response.setStatusCode(405).putHeader("Allow", "GET").end();
      return;
    }
    String path = request.path();
    switch (path) {
      case "/metrics" -> sources.take().onComplete(ar -> {
        if (ar.succeeded()) {
          meters.update(ar.result());
          response.putHeader("Content-Type", PROMETHEUS_TEXT).end(registry.scrape());
        } else {
          failed(response, ar.cause());
        }
      });
      case "/v1/status/json" -> statusReport(request.getParam("endpoint"), response);
      case "/v1/status/live" -> feed.add(request);
      default -> {
        if (assets.serves(path)) {
          assets.serve(path, response);
        } else {
          response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
              .end("not found: " + path + " (try /, /metrics or /v1/status/json)\n");
        }
      }
    }
  }

  private void statusReport(String endpoint, HttpServerResponse response) {
    sources.take().onComplete(ar -> {
      if (ar.failed()) {
        failed(response, ar.cause());
        return;
      }
      Snapshot s = ar.result();
      Snapshot.Node n = endpoint != null ? s.node(endpoint) : s.nodes().isEmpty() ? null : s.nodes().get(0);
      if (n == null) {
        response.setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end(endpoint == null
            ? "no endpoint is shown yet\n" : "no endpoint named '" + endpoint + "' (shown: "
            + s.nodes().stream().map(Snapshot.Node::name).toList() + ")\n");
        return;
      }
      response.putHeader("Content-Type", "application/json").end(StatusReport.of(s, n, lag).encodePrettily() + "\n");
    });
  }

  private static void failed(HttpServerResponse response, Throwable cause) {
    response.setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
        .end("cannot take a snapshot: " + cause.getMessage() + "\n");
  }

  @Override
  public Future<Void> close() {
    Promise<Void> p = Promise.promise();
    context.runOnContext(v -> {
      feed.close();
      sources.close();
      lag.close();
      meters.close();
      Future<Void> closing = server == null ? Future.succeededFuture() : server.close();
      closing.onComplete(p);
    });
    return p.future();
  }
}
