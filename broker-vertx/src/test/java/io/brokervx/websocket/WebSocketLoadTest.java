package io.brokervx.websocket;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.test.PlainEndpoints;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many clients and a slow one: 1,000 clients connected at once all get what a native peer publishes; a client
 * that stops reading holds at most its outbound queue's bytes and is dropped (or its messages are) per the
 * overflow policy while a reading client gets every message.
 */
@ExtendWith(VertxExtension.class)
class WebSocketLoadTest {
  private Vertx vertx;
  private Endpoint server;
  private Endpoint peer;
  private WebSocketClient wsClient;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    server = Endpoint.create(vertx, PlainEndpoints.plaintext());
    peer = Endpoint.create(vertx, PlainEndpoints.plaintext());
    wsClient = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(2000)
        .setMaxFrameSize(1024 * 1024).setMaxMessageSize(1024 * 1024));
  }

  @AfterEach
  void tearDown() {
    await(wsClient.close());
    await(peer.close());
    await(server.close());
  }

  private ZeekWebSocketServer start(WebSocketServerOptions options) {
    ZeekWebSocketServer ws = await(ZeekWebSocketServer.start(server, options.setPort(0)));
    int port = await(server.listen("127.0.0.1", 0));
    await(peer.peer("127.0.0.1", port));
    return ws;
  }

  /** Counts messages and tells when a count is reached. */
  private static final class Counter extends AtomicLong {
    private long target = Long.MAX_VALUE;
    private Promise<Void> reached;

    synchronized void increment() {
      if (incrementAndGet() >= target) {
        target = Long.MAX_VALUE;
        reached.complete();
      }
    }

    synchronized Future<Void> reach(long n) {
      if (get() >= n) {
        return Future.succeededFuture();
      }
      target = n;
      reached = Promise.promise();
      return reached.future();
    }
  }

  /** Connects, subscribes to {@code topic} and waits for the ack; {@code messages} counts what arrives after it. */
  private Future<WebSocket> connect(int port, String topic, AtomicLong messages) {
    return connect(wsClient, port, topic, messages);
  }

  private Future<WebSocket> connect(WebSocketClient client, int port, String topic, AtomicLong messages) {
    Promise<WebSocket> acked = Promise.promise();
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI(ZeekWebSocketServer.PATH)).onFailure(acked::tryFail).onSuccess(ws -> {
          ws.textMessageHandler(text -> {
            if (text.contains("\"ack\"")) {
              acked.tryComplete(ws);
            } else {
              if (messages instanceof Counter c) {
                c.increment();
              } else {
                messages.incrementAndGet();
              }
            }
          });
          ws.writeTextMessage("[\"" + topic + "\"]");
        });
    return acked.future();
  }

  @Test
  void aThousandClientsAtOnceEachGetWhatAPeerPublishes() throws Exception {
    ZeekWebSocketServer ws = start(new WebSocketServerOptions().setMaxClients(1000));
    AtomicLong received = new AtomicLong();
    List<Future<WebSocket>> all = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      all.add(connect(ws.actualPort(), "/all", received));
    }
    await(Future.all(all), Duration.ofMinutes(2), "1000 clients connect and get their acks");
    assertEquals(1000, ws.clients().size());
    try (PythonWsClient extra = PythonWsClient.connect("ws://127.0.0.1:" + ws.actualPort() + ZeekWebSocketServer.PATH)) {
      assertTrue(extra.opening().startsWith("refused") && extra.opening().contains("503"), extra.opening());
    }
    eventually(vertx, "the peer sees the clients' subscription",
        () -> peer.subscribersOf("/all/x").map(s -> s.contains(server.id())));
    peer.publish("/all/x", Data.count(1));
    eventually(vertx, "every client got the message", () -> received.get() == 1000);
  }

  private void slowReader(OverflowPolicy policy) {
    long bound = 256 * 1024;
    ZeekWebSocketServer ws = start(new WebSocketServerOptions().setOutboundQueueBytes(bound)
        .setOutboundQueueSize(100_000).setOverflowPolicy(policy));
    Counter fast = new Counter();
    await(connect(ws.actualPort(), "/load", fast));
    // a small receive buffer, so that the kernel does not absorb megabytes for the client that stops reading
    WebSocketClient small = vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(8192));
    WebSocket slow = await(connect(small, ws.actualPort(), "/load", new AtomicLong()));
    slow.pause();
    eventually(vertx, "the peer sees the subscription",
        () -> peer.subscribersOf("/load/x").map(s -> s.contains(server.id())));
    String payload = "x".repeat(8000);
    int n = 1_000;
    int batch = 10;
    AtomicLong maxQueued = new AtomicLong();
    long sampler = vertx.setPeriodic(1, t -> ws.clients().forEach(c -> maxQueued.accumulateAndGet(c.queuedBytes(), Math::max)));
    for (int i = 0; i < n; i += batch) {
      for (int j = 0; j < batch; j++) {
        peer.publish("/load/x", Data.string(payload));
      }
      int upTo = i + batch;
      await(fast.reach(upTo), "the reading client gets " + upTo);
    }
    vertx.cancelTimer(sampler);
    eventually(vertx, "the reading client got all " + n, () -> fast.get() == n);
    assertTrue(maxQueued.get() <= bound, "queued " + maxQueued + " > " + bound);
    if (policy == OverflowPolicy.DISCONNECT) {
      eventually(vertx, "the slow client is dropped", () -> ws.clients().size() == 1);
    } else {
      WebSocketClientInfo s = ws.clients().stream().filter(c -> c.sent() < n).findFirst().orElseThrow();
      assertTrue(s.dropped() > 0 && s.sent() + s.dropped() <= n, s.toString());
      assertEquals(2, ws.clients().size());
    }
    await(small.close());
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedAndOthersGetEverything() {
    slowReader(OverflowPolicy.DISCONNECT);
  }

  @Test
  void withDropNewestAClientThatStopsReadingLosesMessagesButStays() {
    slowReader(OverflowPolicy.DROP_NEWEST);
  }
}
