package io.brokervx.verticle;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.test.Inbox;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The endpoint verticle's {@code webSocket} key: it serves the API (ack with broker-node's version); a bad key fails. */
@ExtendWith(VertxExtension.class)
class WebSocketConfigTest {
  @Test
  void theEndpointVerticleServesTheWebSocketApi(Vertx vertx) {
    EndpointVerticle ev = new EndpointVerticle();
    await(vertx.deployVerticle(ev, new DeploymentOptions().setConfig(new JsonObject().put("name", "ws")
        .put("metrics", new JsonObject().put("port", 0))
        .put("webSocket", new JsonObject().put("port", 0).put("pingInterval", "1s")))));
    URI url = URI.create(ev.webSocketUrl());
    assertTrue(ev.webSocketUrl().startsWith("ws://127.0.0.1:") && url.getPath().equals("/v1/messages/json"),
        ev.webSocketUrl());
    // keep the client referenced: Vert.x closes an unreachable WebSocketClient (and its connections) when collected
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket ws = await(client.connect(url.getPort(), url.getHost(), url.getPath()));
    Promise<String> ack = Promise.promise();
    ws.textMessageHandler(ack::tryComplete);
    ws.writeTextMessage("[]");
    JsonObject a = new JsonObject(await(ack.future()));
    assertEquals(ev.endpoint().id().toString(), a.getString("endpoint"));
    assertEquals(Versions.project(), a.getString("version"));
    URI metrics = URI.create(ev.statusUrl() + "metrics");
    String scraped = await(vertx.createHttpClient().request(HttpMethod.GET, metrics.getPort(), metrics.getHost(),
        metrics.getPath()).compose(r -> r.send()).compose(r -> r.body()).map(Buffer::toString));
    assertTrue(Pattern.compile("(?m)^broker_websocket_clients\\{endpoint=\"ws\"[^}]*} 1(\\.0)?$").matcher(scraped).find(),
        "one WebSocket client counted: " + scraped.lines().filter(l -> l.contains("websocket")).toList());
    await(client.close());
  }

  @Test
  void theClientVerticleBridgesTheApiToTheEventBus(Vertx vertx) {
    EndpointVerticle ev = new EndpointVerticle();
    await(vertx.deployVerticle(ev, new DeploymentOptions().setConfig(new JsonObject().put("name", "ws2")
        .put("webSocket", new JsonObject().put("port", 0)))));
    Inbox<DataMessage> atEndpoint = Inbox.of(ev.endpoint().subscribe("/from-bus"));
    Inbox<Object> fromWs = new Inbox<>();
    vertx.eventBus().consumer("zeek.ws", m -> fromWs.handle(m.body()));
    await(vertx.deployVerticle(new WebSocketClientVerticle(), new DeploymentOptions().setConfig(new JsonObject()
        .put("address", "zeek.ws").put("client", new JsonObject().put("url", ev.webSocketUrl())
            .put("subscriptions", new JsonArray().add("/to-bus"))))));
    await(vertx.eventBus().request("zeek.ws.out", JsonFormat.encodeMessage("/from-bus/x", Data.count(5))));
    assertEquals(List.of(new DataMessage("/from-bus/x", Data.count(5))), atEndpoint.awaitSize(1));
    EndpointPort.of(ev.endpoint()).publishFrom(null, "/to-bus/y", Data.string("hi"));
    assertEquals(JsonFormat.encodeMessage("/to-bus/y", Data.string("hi")), fromWs.awaitSize(1).get(0));
  }

  @Test
  void aBadWebSocketKeyFailsTheDeploymentNamingIt(Vertx vertx) {
    Throwable t = failure(vertx.deployVerticle(new EndpointVerticle(), new DeploymentOptions().setConfig(
        new JsonObject().put("webSocket", new JsonObject().put("prot", 1)))));
    assertInstanceOf(IllegalArgumentException.class, t);
    assertTrue(t.getMessage().contains("websocket option: unknown key 'prot'"), t.getMessage());
  }
}
