package io.brokervx.verticle;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.JsonFormat;
import io.brokervx.config.StrictJson;
import io.brokervx.data.DataMessage;
import io.brokervx.error.ErrorCode;
import io.brokervx.websocket.ZeekWebSocketClient;
import io.brokervx.websocket.ZeekWebSocketClientOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A {@link ZeekWebSocketClient} on the event bus, for applications that talk to a Zeek (or any WebSocket API v1
 * server) without an endpoint of their own. Configuration:
 * <ul>
 *   <li>{@code client} (required): {@link ZeekWebSocketClientOptions} as JSON, e.g.
 *       {@code {"url": "ws://127.0.0.1:27759/v1/messages/json", "subscriptions": ["zeek/events/"]}};</li>
 *   <li>{@code address} (required): what arrives is published here as JSON v1 data-message objects; a JSON v1
 *       data-message object sent to {@code address + ".out"} is published to the server (the reply is empty once
 *       written, or fails with Broker's error code).</li>
 * </ul>
 * Deployment waits for the first ack; undeploying closes the connection.
 */
public class WebSocketClientVerticle extends VerticleBase {
  private ZeekWebSocketClient client;
  private MessageConsumer<Object> consumer;

  @Override
  public Future<?> start() {
    ZeekWebSocketClientOptions options;
    String address;
    try {
      StrictJson c = StrictJson.of(config(), "websocket client config").only(Set.of("client", "address"));
      address = c.requireString("address");
      if (!config().containsKey("client")) {
        throw new IllegalArgumentException("websocket client config: 'client' is required (at least {\"url\": …})");
      }
      options = new ZeekWebSocketClientOptions(c.object("client"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return ZeekWebSocketClient.connect(vertx, options).onSuccess(c -> {
      client = c;
      c.messages().handler(m -> vertx.eventBus().publish(address, JsonFormat.encodeMessage(m)));
      consumer = vertx.eventBus().consumer(address + ".out", this::publish);
    });
  }

  private void publish(Message<Object> msg) {
    DataMessage m;
    try {
      Object body = msg.body();
      m = body instanceof JsonObject o ? JsonFormat.decodeMessage(o) : JsonFormat.decodeMessage(String.valueOf(body));
    } catch (DecodeException e) {
      msg.fail(ErrorCode.INVALID_DATA.code(), ErrorCode.INVALID_DATA.brokerName() + ": " + e.getMessage());
      return;
    }
    client.publish(m.topic(), m.data()).onComplete(ar -> {
      if (ar.succeeded()) {
        msg.reply(null);
      } else {
        msg.fail(ErrorCode.PEER_UNAVAILABLE.code(), ar.cause().getMessage());
      }
    });
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return unregistered.eventually(() -> client == null ? Future.succeededFuture() : client.close());
  }
}
