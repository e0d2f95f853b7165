package io.brokervx.websocket;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.websocket.impl.WebSocketServerImpl;
import io.vertx.core.Future;
import java.util.List;

/**
 * Zeek's WebSocket API v1 served by an {@link Endpoint}: any Zeek WebSocket client connects to
 * {@code ws[s]://host:port/v1/messages/json}, sends the array of topic prefixes it subscribes to, gets
 * {@code {"type":"ack","endpoint":…,"version":…}}, and then exchanges data messages in the JSON v1 format.
 *
 * <p>A client is attached to the endpoint like a local publisher and subscriber: what it publishes reaches the
 * endpoint's peers and its local subscribers (the event bus bridge included) but never comes back to the client
 * itself, and whatever the endpoint receives or publishes on a topic matching the client's prefixes is written to
 * it. Authorization rules apply to a client by the identity a peer would have: the subject of its verified
 * client certificate, else its address. The {@code X-Application-Name} header is recorded
 * ({@link #clients()}) but grants nothing, since any client may claim any name.
 *
 * <p>Errors follow Zeek: {@code {"type":"error","code":…,"context":…}}; see README "WebSocket API" for each case.
 * The server closes with the endpoint.
 */
public interface ZeekWebSocketServer {
  /** The one path of the API. */
  String PATH = "/v1/messages/json";

  /**
   * Starts serving the API for {@code endpoint} on the host and port of {@code options}.
   *
   * @return the running server; failed (with the host and port named) when it cannot listen
   */
  static Future<ZeekWebSocketServer> start(Endpoint endpoint, WebSocketServerOptions options) {
    return WebSocketServerImpl.start(endpoint, new WebSocketServerOptions(options));
  }

  /** @return the port the server listens on */
  int actualPort();

  /** @return whether the server speaks TLS ({@code wss}) */
  boolean isSsl();

  /** @return the clients connected now */
  List<WebSocketClientInfo> clients();

  /** Closes every client (1001, "Terminating", as Zeek) and stops listening. */
  Future<Void> close();
}
