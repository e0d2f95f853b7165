package io.brokervx.websocket.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.ErrorCode;
import io.brokervx.websocket.WebSocketClientInfo;
import io.brokervx.websocket.WebSocketServerOptions;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WebSocket client attached to the endpoint: its handshake (the subscription array, then the ack), its data
 * messages into the endpoint's routing (paused while the endpoint's peers are congested, as Zeek stalls a
 * client whose events queue up), and what its subscription receives written back to it through a queue bounded
 * in messages and bytes whose overflow policy decides between closing it and dropping the message.
 */
final class ClientSession {
  private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

  private static final short TOO_BIG = 1009;
  /** Messages this long (characters) or longer are decoded on a worker thread. */
  private static final int LARGE = 64 * 1024;

  private final String id;
  private final ServerWebSocket ws;
  private final Endpoint endpoint;
  private final EndpointPort port;
  private final EndpointPort.ClientAccess access;
  private final WebSocketServerOptions options;
  private final String applicationName;
  private final String subject;
  private final Runnable onEnd;
  private final WriteStream<Data> congestionProbe;
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicInteger queued = new AtomicInteger();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean released = new AtomicBoolean();
  private final long handshakeTimer;
  private volatile List<String> subscriptions = List.of();
  private volatile long lastPong = System.nanoTime();
  private volatile boolean closed;
  private boolean acked;
  private volatile boolean stalled;
  private volatile boolean decoding;
  private volatile long received;
  private volatile Subscription subscription;

  ClientSession(String id, ServerWebSocket ws, Endpoint endpoint, WebSocketServerOptions options,
      String applicationName, String subject, Runnable onEnd) {
    this.id = id;
    this.ws = ws;
    this.endpoint = endpoint;
    this.port = EndpointPort.of(endpoint);
    this.options = options;
    this.applicationName = applicationName;
    this.subject = subject;
    this.onEnd = onEnd;
    this.access = port.clientAccess(subject, ws.remoteAddress().hostAddress());
    this.congestionProbe = endpoint.publisher("websocket");
    ws.textMessageHandler(this::onText);
    ws.binaryMessageHandler(b -> refuse(ErrorCode.DESERIALIZATION_FAILED, ApiMessages.BINARY,
        ApiMessages.UNSUPPORTED_DATA));
    ws.pongHandler(p -> lastPong = System.nanoTime());
    ws.exceptionHandler(this::onException);
    ws.closeHandler(v -> end());
    handshakeTimer = port.vertx().setTimer(options.getHandshakeTimeout().toMillis(), t -> {
      if (!acked && !closed) {
        ws.close(ApiMessages.POLICY_VIOLATION, "no subscription array within " + options.getHandshakeTimeout());
      }
    });
  }

  /**
   * A frame the decoder refused ends the client with the status it names (1009 for a frame too big, 1002); a
   * message whose frames together grow too big (Vert.x's aggregator says so with an IllegalStateException) with
   * 1009.
   */
  private void onException(Throwable e) {
    LOG.debug("websocket client " + id + ": " + e.getMessage());
    if (closed) {
      return;
    }
    if (e instanceof CorruptedWebSocketFrameException c) {
      short code = (short) c.closeStatus().code();
      ws.close(code, code == TOO_BIG ? tooBig() : c.closeStatus().reasonText());
    } else if (e instanceof IllegalStateException) {
      ws.close(TOO_BIG, tooBig());
    }
  }

  private String tooBig() {
    return "message larger than " + options.getMaxMessageSize() + " bytes";
  }

  /** @return what is known about the client */
  WebSocketClientInfo info() {
    return new WebSocketClientInfo(id, ws.remoteAddress().toString(), applicationName, subject, subscriptions,
        received, sent.get(), dropped.get(), queuedBytes.get());
  }

  /** Pings the client, or closes it when it has left pings unanswered too long (any thread). */
  void keepAlive(long now) {
    if (closed) {
      return;
    }
    if (now - lastPong > options.getPingTimeout().toNanos()) {
      ws.close(ApiMessages.GOING_AWAY, "no pong within " + options.getPingTimeout());
    } else {
      ws.writePing(Buffer.buffer("ping"));
    }
  }

  /** Closes the client as the server goes away. */
  void terminate() {
    if (!closed) {
      ws.close(ApiMessages.GOING_AWAY, "Terminating");
    }
  }

  private void onText(String text) {
    if (closed) {
      return;
    }
    if (!acked) {
      handshake(text);
    } else {
      publish(text);
    }
  }

  private void handshake(String text) {
    Object parsed;
    try {
      parsed = JsonFormat.parse(text);
    } catch (DecodeException e) {
      parsed = null;
    }
    if (!(parsed instanceof JsonArray array)) {
      refuse(ErrorCode.DESERIALIZATION_FAILED, ApiMessages.NOT_AN_ARRAY, ApiMessages.POLICY_VIOLATION);
      return;
    }
    List<String> topics = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof String s)) {
        refuse(ErrorCode.DESERIALIZATION_FAILED, ApiMessages.NOT_A_STRING, ApiMessages.POLICY_VIOLATION);
        return;
      }
      topics.add(s);
    }
    port.vertx().cancelTimer(handshakeTimer);
    subscriptions = List.copyOf(topics);
    if (!topics.isEmpty()) {
      subscription = endpoint.subscribe(topics);
      subscription.handler(this::deliver);
    }
    acked = true;
    ws.writeTextMessage(ApiMessages.ack(endpoint.id().toString(), options.getVersion()));
    LOG.debug("websocket client " + id + " (" + ws.remoteAddress() + (applicationName == null ? ""
        : ", " + applicationName) + ") subscribed to " + topics);
  }

  private void publish(String text) {
    if (text.length() < LARGE) {
      publish(decode(text));
      return;
    }
    // a large message is decoded off the event loop; reading stops meanwhile, so nothing overtakes it
    decoding = true;
    ws.pause();
    port.vertx().executeBlocking(() -> decode(text)).onComplete(ar -> {
      decoding = false;
      publish(ar.succeeded() ? ar.result() : ApiMessages.BAD_OBJECT);
      if (!stalled && !closed) {
        ws.resume();
      }
    });
  }

  /** @return the message {@code text} holds, or the context of the error it gets (any thread) */
  private static Object decode(String text) {
    JsonObject json;
    try {
      json = JsonFormat.parse(text) instanceof JsonObject o ? o : null;
    } catch (DecodeException e) {
      json = null;
    }
    if (json == null) {
      return ApiMessages.BAD_OBJECT;
    }
    if (!(json.getValue("topic") instanceof String topic) || topic.isEmpty()) {
      return ApiMessages.NO_TOPIC;
    }
    try {
      return JsonFormat.decodeMessage(json);
    } catch (DecodeException e) {
      return ApiMessages.BAD_OBJECT;
    }
  }

  /** Publishes a decoded message, or answers with the error it got (on the connection's context). */
  private void publish(Object decoded) {
    if (!(decoded instanceof DataMessage message)) {
      error(ErrorCode.DESERIALIZATION_FAILED, (String) decoded);
      return;
    }
    if (!access.mayPublish(message.topic())) {
      error(ErrorCode.INVALID_TOPIC_KEY, ApiMessages.DENIED);
      return;
    }
    received++;
    port.publishFrom(subscription, message.topic(), message.data());
    if (!stalled && congestionProbe.writeQueueFull()) {
      stalled = true;
      ws.pause();
      congestionProbe.drainHandler(v -> {
        stalled = false;
        if (!decoding) {
          ws.resume();
        }
      });
    }
  }

  /** Writes a message the subscription received (on the endpoint's context). */
  private void deliver(DataMessage m) {
    if (closed || !access.mayReceive(m.topic())) {
      return;
    }
    String text = JsonFormat.encodeMessage(m).encode();
    long size = text.length();
    if (queued.get() >= options.getOutboundQueueSize()
        || queuedBytes.get() + size > options.getOutboundQueueBytes()) {
      dropped.incrementAndGet();
      if (options.getOverflowPolicy() == OverflowPolicy.DISCONNECT) {
        overflow();
      }
      return;
    }
    queued.incrementAndGet();
    queuedBytes.addAndGet(size);
    ws.writeTextMessage(text).onComplete(ar -> {
      queued.decrementAndGet();
      queuedBytes.addAndGet(-size);
      if (ar.succeeded()) {
        sent.incrementAndGet();
      }
    });
  }

  private void overflow() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("websocket client " + id + " (" + ws.remoteAddress() + ") disconnected: its outbound queue is full ("
        + options.getOutboundQueueSize() + " messages, " + options.getOutboundQueueBytes() + " bytes)");
    release();
    ws.close(ApiMessages.POLICY_VIOLATION, "outbound queue overflow");
  }

  private void error(ErrorCode code, String context) {
    ws.writeTextMessage(ApiMessages.error(code, context));
  }

  private void refuse(ErrorCode code, String context, short closeCode) {
    if (closed) {
      return;
    }
    error(code, context);
    ws.close(closeCode, context);
  }

  private void end() {
    closed = true;
    release();
    port.vertx().cancelTimer(handshakeTimer);
    LOG.debug("websocket client " + id + " (" + ws.remoteAddress() + ") left");
  }

  private void release() {
    if (!released.compareAndSet(false, true)) {
      return;
    }
    Subscription s = subscription;
    if (s != null) {
      port.runOnContext(s::close);
    }
    onEnd.run();
  }
}
