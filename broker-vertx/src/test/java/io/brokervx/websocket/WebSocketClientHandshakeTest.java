package io.brokervx.websocket;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Our client's HTTP upgrade as a raw server sees it: RFC 6455's spelling of the header names (Broker 6.2's server
 * needs {@code Sec-WebSocket-Key} exactly), and the failures of a refused, forged or unanswered upgrade.
 */
@ExtendWith(VertxExtension.class)
class WebSocketClientHandshakeTest {

  /** A server that reads one request head, hands it to {@code heads} and answers {@code response} (if not null). */
  private static int serve(Vertx vertx, String response, Promise<String> heads) {
    NetServer server = vertx.createNetServer();
    server.connectHandler(so -> {
      Buffer head = Buffer.buffer();
      so.handler(b -> {
        head.appendBuffer(b);
        String text = head.toString();
        if (text.contains("\r\n\r\n") && heads.tryComplete(text) && response != null) {
          so.write(response).onComplete(ar -> so.close());
        }
      });
    });
    return await(server.listen(0, "127.0.0.1")).actualPort();
  }

  private static ZeekWebSocketClientOptions options(int port) {
    return new ZeekWebSocketClientOptions().setUrl("ws://127.0.0.1:" + port + "/v1/messages/json")
        .setApplicationName("app").setReconnect(false).setHandshakeTimeout(Duration.ofSeconds(1));
  }

  @Test
  void theUpgradeSpellsHeaderNamesAsRfc6455AndARefusalFailsWithItsStatus(Vertx vertx) {
    Promise<String> head = Promise.promise();
    int port = serve(vertx, "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n", head);
    BrokerException e = failure(ZeekWebSocketClient.connect(vertx, options(port)), BrokerException.class);
    assertEquals(ErrorCode.PEER_UNAVAILABLE, e.error());
    assertTrue(e.getMessage().contains("400"), e.getMessage());
    List<String> lines = List.of(await(head.future()).split("\r\n"));
    assertEquals("GET /v1/messages/json HTTP/1.1", lines.get(0));
    for (String expected : List.of("Host: 127.0.0.1:" + port, "Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Version: 13", "X-Application-Name: app")) {
      assertTrue(lines.contains(expected), expected + " in " + lines);
    }
    assertTrue(lines.stream().anyMatch(l -> l.matches("Sec-WebSocket-Key: [A-Za-z0-9+/]{22}==")), lines.toString());
  }

  @Test
  void aWrongAcceptKeyFailsTheConnect(Vertx vertx) {
    int port = serve(vertx, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\n\r\n", Promise.promise());
    BrokerException e = failure(ZeekWebSocketClient.connect(vertx, options(port)), BrokerException.class);
    assertEquals(ErrorCode.PEER_UNAVAILABLE, e.error());
    assertTrue(e.getMessage().contains("Invalid challenge"), e.getMessage()); // Netty's check of the accept key
  }

  @Test
  void anUnansweredUpgradeTimesOut(Vertx vertx) {
    Promise<String> head = Promise.promise();
    int port = serve(vertx, null, head);
    BrokerException e = failure(ZeekWebSocketClient.connect(vertx, options(port)), BrokerException.class);
    assertEquals(ErrorCode.CONNECTION_TIMEOUT, e.error());
    await(head.future());
  }
}
