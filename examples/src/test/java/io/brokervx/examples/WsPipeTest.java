package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.test.Await;
import io.brokervx.test.Inbox;
import io.brokervx.websocket.WebSocketServerOptions;
import io.brokervx.websocket.ZeekWebSocketServer;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code ws-pipe} in-process against an endpoint's WebSocket API server on 127.0.0.1, both modes. */
class WsPipeTest {
  private Vertx vertx;
  private Endpoint endpoint;
  private ZeekWebSocketServer server;
  private String url;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    endpoint = Endpoint.create(vertx);
    server = ToolRuntime.await(ZeekWebSocketServer.start(endpoint, new WebSocketServerOptions().setPort(0)));
    url = "ws://127.0.0.1:" + server.actualPort() + ZeekWebSocketServer.PATH;
  }

  @AfterEach
  void tearDown() throws Exception {
    ToolRuntime.await(endpoint.close());
    ToolRuntime.await(vertx.close());
  }

  @Test
  void publishSendsEachLine() throws Exception {
    Inbox<DataMessage> got = Inbox.of(endpoint.subscribe("/demo"));
    ToolRun run = ToolRun.withInput("hello\nworld\n", "ws-pipe", "-m", "publish", "-t", "/demo/x", "-u", url).ok();
    assertEquals(List.of(new DataMessage("/demo/x", Data.string("hello")), new DataMessage("/demo/x",
        Data.string("world"))), got.awaitSize(2));
    assertTrue(run.err().endsWith("ws-pipe: published 2 messages on /demo/x\n"), run.err());
  }

  @Test
  void subscribePrintsWhatArrivesUpToTheCap() throws Exception {
    CompletableFuture<ToolRun> run = CompletableFuture.supplyAsync(() -> {
      try {
        return ToolRun.of("ws-pipe", "-m", "subscribe", "-t", "/demo", "-u", url, "-c", "2");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    Await.eventually(vertx, "ws-pipe subscribed",
        () -> !server.clients().isEmpty() && !server.clients().get(0).subscriptions().isEmpty());
    EndpointPort.of(endpoint).publishFrom(null, "/demo/x", Data.string("hello"));
    EndpointPort.of(endpoint).publishFrom(null, "/demo/y", Data.count(7));
    ToolRun done = run.get(30, TimeUnit.SECONDS).ok();
    assertEquals("hello\n7\n", done.out());
    assertTrue(done.err().startsWith("ws-pipe: connected to " + url), done.err());
  }
}
