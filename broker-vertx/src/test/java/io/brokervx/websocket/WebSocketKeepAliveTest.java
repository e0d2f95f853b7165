package io.brokervx.websocket;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.test.Inbox;
import io.brokervx.test.PlainEndpoints;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keepalive and handshake bounds, against a raw client that completes the HTTP upgrade and then answers nothing:
 * it is pinged, and closed once it has left pings unanswered for {@code pingTimeout}; a client that never sends
 * its subscriptions is closed after {@code handshakeTimeout}.
 */
@ExtendWith(VertxExtension.class)
class WebSocketKeepAliveTest {
  private static final String UPGRADE = "GET " + ZeekWebSocketServer.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      + "Sec-WebSocket-Version: 13\r\n\r\n";
  /** A masked text frame holding {@code []} (mask 0). */
  private static final byte[] EMPTY_SUBSCRIPTIONS = {(byte) 0x81, (byte) 0x82, 0, 0, 0, 0, '[', ']'};

  private NetSocket silentClient(Vertx vertx, NetClient net, int port, Inbox<Buffer> received, boolean subscribe) {
    NetSocket s = await(net.connect(port, "127.0.0.1"));
    s.handler(received);
    s.write(UPGRADE);
    if (subscribe) {
      await(received.first(b -> b.toString().contains("101 Switching Protocols")));
      s.write(Buffer.buffer(EMPTY_SUBSCRIPTIONS));
    }
    return s;
  }

  @Test
  void aClientThatAnswersNoPingIsClosed(Vertx vertx) {
    Endpoint endpoint = Endpoint.create(vertx, PlainEndpoints.plaintext());
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(endpoint, new WebSocketServerOptions().setPort(0)
        .setPingInterval(Duration.ofMillis(100)).setPingTimeout(Duration.ofMillis(600))));
    NetClient net = vertx.createNetClient();
    Inbox<Buffer> received = new Inbox<>();
    Inbox<Void> closed = new Inbox<>();
    NetSocket s = silentClient(vertx, net, ws.actualPort(), received, true);
    s.closeHandler(closed);
    eventually(vertx, "the client is acked", () -> ws.clients().size() == 1);
    closed.awaitSize(1);
    String all = received.items().stream().map(Buffer::toString).reduce("", String::concat);
    assertTrue(all.contains("\"ack\""), all);
    assertTrue(all.contains("ping"), "pinged: " + all);
    assertTrue(all.contains("no pong within"), "the close frame's reason: " + all);
    eventually(vertx, "the server forgot it", () -> ws.clients().isEmpty());
    await(net.close());
    await(endpoint.close());
  }

  @Test
  void aClientThatSendsNoSubscriptionsIsClosed(Vertx vertx) {
    Endpoint endpoint = Endpoint.create(vertx, PlainEndpoints.plaintext());
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(endpoint, new WebSocketServerOptions().setPort(0)
        .setHandshakeTimeout(Duration.ofMillis(300))));
    NetClient net = vertx.createNetClient();
    Inbox<Buffer> received = new Inbox<>();
    Inbox<Void> closed = new Inbox<>();
    silentClient(vertx, net, ws.actualPort(), received, false).closeHandler(closed);
    closed.awaitSize(1);
    String all = received.items().stream().map(Buffer::toString).reduce("", String::concat);
    assertTrue(all.contains("no subscription array within"), all);
    assertEquals(0, ws.clients().size());
    await(net.close());
    await(endpoint.close());
  }
}
