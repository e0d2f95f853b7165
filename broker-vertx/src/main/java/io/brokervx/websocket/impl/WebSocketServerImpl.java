package io.brokervx.websocket.impl;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.websocket.WebSocketClientInfo;
import io.brokervx.websocket.WebSocketServerOptions;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The server: accepts WebSocket upgrades up to {@code maxClients}, turns away wrong paths and application names
 * as Zeek does (an error, then close 1008), hands each accepted client to a {@link ClientSession}, pings them
 * all on one timer, and closes with the endpoint.
 */
public final class WebSocketServerImpl implements ZeekWebSocketServer {
  /** What Zeek accepts in {@code X-Application-Name}. */
  private static final Pattern APPLICATION_NAME = Pattern.compile("[-/_.=:*@a-zA-Z0-9]+");

  private final Endpoint endpoint;
  private final EndpointPort port;
  private final WebSocketServerOptions options;
  private final HttpServer server;
  private final Map<String, ClientSession> sessions = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicLong ids = new AtomicLong();
  private final String resourceName;
  private final EndpointPort.Resource resource = this::close;
  private long pingTimer = -1;
  private Future<Void> closing;

  private WebSocketServerImpl(Endpoint endpoint, WebSocketServerOptions options) {
    this.endpoint = endpoint;
    this.port = EndpointPort.of(endpoint);
    this.options = options;
    HttpServerOptions http = new HttpServerOptions().setHost(options.getHost()).setPort(options.getPort())
        .setMaxWebSocketMessageSize(options.getMaxMessageSize())
        .setMaxWebSocketFrameSize(options.getMaxMessageSize())
        // no compression: a small deflated frame could inflate past every bound before anything checks it
        .setPerMessageWebSocketCompressionSupported(false).setPerFrameWebSocketCompressionSupported(false)
        .setWebSocketClosingTimeout(5);
    TlsSetup.server(http, options.getTls());
    this.server = port.vertx().createHttpServer(http);
    this.resourceName = "websocket-server-" + System.identityHashCode(this);
  }

  /** Starts a server for {@code endpoint}; see {@link ZeekWebSocketServer#start}. */
  public static Future<ZeekWebSocketServer> start(Endpoint endpoint, WebSocketServerOptions options) {
    WebSocketServerImpl s = new WebSocketServerImpl(endpoint, options);
    return s.listen();
  }

  private Future<ZeekWebSocketServer> listen() {
    server.webSocketHandshakeHandler(this::onHandshake).webSocketHandler(this::onOpen);
    String where = (options.getTls().hasIdentity() ? "wss://" : "ws://") + options.getHost() + ":" + options.getPort();
    return server.listen().<ZeekWebSocketServer>transform(ar -> {
      if (ar.failed()) {
        return Future.failedFuture(new BrokerException(ErrorCode.CANNOT_OPEN_RESOURCE,
            "cannot listen for WebSocket clients on " + where + ": " + ar.cause().getMessage(), ar.cause()));
      }
      Promise<ZeekWebSocketServer> registered = Promise.promise();
      port.runOnContext(() -> {
        if (!port.register(resourceName, resource)) {
          server.close();
          registered.fail(new BrokerException(ErrorCode.SHUTTING_DOWN, "the endpoint is closed"));
          return;
        }
        long every = options.getPingInterval().toMillis();
        pingTimer = port.vertx().setPeriodic(every, every, t -> {
          long now = System.nanoTime();
          sessions.values().forEach(s -> s.keepAlive(now));
        });
        registered.complete(this);
      });
      return registered.future();
    });
  }

  private void onHandshake(ServerWebSocketHandshake h) {
    if (connections.incrementAndGet() > options.getMaxClients()) {
      connections.decrementAndGet();
      h.reject(503);
      return;
    }
    h.accept().onFailure(e -> connections.decrementAndGet());
  }

  private void onOpen(ServerWebSocket ws) {
    if (!PATH.equals(ws.path())) {
      turnAway(ws, "invalid_uri", ApiMessages.INVALID_URI);
      return;
    }
    String app = ws.headers().get("X-Application-Name");
    if (app != null && !APPLICATION_NAME.matcher(app).matches()) {
      turnAway(ws, "invalid_application_name", ApiMessages.INVALID_APPLICATION_NAME);
      return;
    }
    String id = endpoint.id() + "-websocket-" + ids.incrementAndGet();
    String subject = TlsSetup.verifiedSubject(ws.isSsl(), ws::peerCertificates);
    ClientSession session = new ClientSession(id, ws, endpoint, options, app, subject, () -> {
      sessions.remove(id);
      connections.decrementAndGet();
    });
    sessions.put(id, session);
  }

  /** Zeek's answer to a wrong path or application name: an error with Zeek's own code, then close 1008. */
  private void turnAway(ServerWebSocket ws, String code, String context) {
    ws.closeHandler(v -> connections.decrementAndGet());
    ws.writeTextMessage(ApiMessages.error(code, context));
    ws.close(ApiMessages.POLICY_VIOLATION, context);
  }

  @Override
  public int actualPort() {
    return server.actualPort();
  }

  @Override
  public boolean isSsl() {
    return options.getTls().hasIdentity();
  }

  @Override
  public List<WebSocketClientInfo> clients() {
    return sessions.values().stream().map(ClientSession::info).toList();
  }

  @Override
  public synchronized Future<Void> close() {
    if (closing == null) {
      if (pingTimer >= 0) {
        port.vertx().cancelTimer(pingTimer);
      }
      sessions.values().forEach(ClientSession::terminate);
      closing = server.close();
      port.runOnContext(() -> port.unregister(resourceName, resource));
    }
    return closing;
  }
}
