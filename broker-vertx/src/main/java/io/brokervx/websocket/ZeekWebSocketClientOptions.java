package io.brokervx.websocket;

import io.brokervx.config.Durations;
import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Options of a {@link ZeekWebSocketClient}. JSON form, every key optional but {@code url}:
 * <pre>{@code
 * {"url": "ws://127.0.0.1:27759/v1/messages/json", "subscriptions": ["zeek/events/"],
 *  "applicationName": "my-app", "tls": {"cafile": "ca.pem"}, "reconnect": true, "retryInterval": "1s",
 *  "retryIntervalCap": "30s", "handshakeTimeout": "10s", "maxMessageSize": 8388608, "inboundQueueSize": 1024}
 * }</pre>
 * A {@code wss} URL speaks TLS ({@link WebSocketTlsOptions}: the server checked against {@code cafile}, a client
 * certificate presented when set).
 */
@DataObject
public class ZeekWebSocketClientOptions {
  public static final String DEFAULT_URL = "ws://127.0.0.1:27759" + ZeekWebSocketServer.PATH;
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_RETRY_INTERVAL_CAP = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;
  public static final int DEFAULT_INBOUND_QUEUE_SIZE = 1024;

  private static final List<String> KEYS = List.of("url", "subscriptions", "applicationName", "tls", "reconnect",
      "retryInterval", "retryIntervalCap", "handshakeTimeout", "maxMessageSize", "inboundQueueSize");
  private static final Duration MS = Duration.ofMillis(1);

  private URI url = URI.create(DEFAULT_URL);
  private List<String> subscriptions = List.of();
  private String applicationName;
  private WebSocketTlsOptions tls = new WebSocketTlsOptions();
  private boolean reconnect = true;
  private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
  private Duration retryIntervalCap = DEFAULT_RETRY_INTERVAL_CAP;
  private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private int inboundQueueSize = DEFAULT_INBOUND_QUEUE_SIZE;

  /** The defaults: Zeek's default address, no subscriptions. */
  public ZeekWebSocketClientOptions() {
  }

  /** A copy of {@code other}. */
  public ZeekWebSocketClientOptions(ZeekWebSocketClientOptions other) {
    this(other.toJson());
  }

  /** Options read from JSON. @throws IllegalArgumentException for an unknown key or a bad value */
  public ZeekWebSocketClientOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "websocket client option").only(KEYS);
    setUrl(j.string("url", url.toString()));
    List<String> subs = new ArrayList<>();
    for (Object o : j.array("subscriptions")) {
      if (!(o instanceof String s)) {
        throw new IllegalArgumentException("websocket client option: 'subscriptions' must hold strings, not " + o);
      }
      subs.add(s);
    }
    setSubscriptions(subs);
    setApplicationName(j.string("applicationName", null));
    if (j.has("tls")) {
      setTls(new WebSocketTlsOptions(j.object("tls")));
    }
    setReconnect(j.bool("reconnect", reconnect));
    setRetryInterval(j.duration("retryInterval", MS, retryInterval));
    setRetryIntervalCap(j.duration("retryIntervalCap", MS, retryIntervalCap));
    setHandshakeTimeout(j.duration("handshakeTimeout", MS, handshakeTimeout));
    setMaxMessageSize(j.integer("maxMessageSize", 1024, Integer.MAX_VALUE, maxMessageSize));
    setInboundQueueSize(j.integer("inboundQueueSize", 1, Integer.MAX_VALUE, inboundQueueSize));
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("url", url.toString()).put("subscriptions", new JsonArray(subscriptions));
    if (applicationName != null) {
      j.put("applicationName", applicationName);
    }
    return j.put("tls", tls.toJson()).put("reconnect", reconnect)
        .put("retryInterval", Durations.format(retryInterval)).put("retryIntervalCap", Durations.format(retryIntervalCap))
        .put("handshakeTimeout", Durations.format(handshakeTimeout)).put("maxMessageSize", maxMessageSize)
        .put("inboundQueueSize", inboundQueueSize);
  }

  public URI getUrl() {
    return url;
  }

  /** Sets the server's URL, {@code ws://host:port/v1/messages/json} or {@code wss://…}. */
  public ZeekWebSocketClientOptions setUrl(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("websocket client option: 'url' is not a URL: " + url);
    }
    if (!("ws".equals(u.getScheme()) || "wss".equals(u.getScheme())) || u.getHost() == null) {
      throw new IllegalArgumentException("websocket client option: 'url' must be ws://HOST:PORT/PATH or wss://…, not "
          + url);
    }
    this.url = u;
    return this;
  }

  public List<String> getSubscriptions() {
    return subscriptions;
  }

  /** Sets the topic prefixes to subscribe to (sent at each connection; empty: publish only). */
  public ZeekWebSocketClientOptions setSubscriptions(List<String> subscriptions) {
    this.subscriptions = List.copyOf(subscriptions);
    return this;
  }

  public String getApplicationName() {
    return applicationName;
  }

  /** Sets the {@code X-Application-Name} header (null: none). */
  public ZeekWebSocketClientOptions setApplicationName(String applicationName) {
    this.applicationName = applicationName;
    return this;
  }

  public WebSocketTlsOptions getTls() {
    return tls;
  }

  /** Sets the TLS material for {@code wss} URLs. */
  public ZeekWebSocketClientOptions setTls(WebSocketTlsOptions tls) {
    this.tls = tls == null ? new WebSocketTlsOptions() : tls;
    return this;
  }

  public boolean isReconnect() {
    return reconnect;
  }

  /** Sets whether a lost connection is made again (with backoff) rather than ending the client. */
  public ZeekWebSocketClientOptions setReconnect(boolean reconnect) {
    this.reconnect = reconnect;
    return this;
  }

  public Duration getRetryInterval() {
    return retryInterval;
  }

  /** Sets the first pause before reconnecting; it doubles after each failed attempt. */
  public ZeekWebSocketClientOptions setRetryInterval(Duration retryInterval) {
    this.retryInterval = retryInterval;
    return this;
  }

  public Duration getRetryIntervalCap() {
    return retryIntervalCap;
  }

  /** Sets the longest pause between reconnection attempts. */
  public ZeekWebSocketClientOptions setRetryIntervalCap(Duration retryIntervalCap) {
    this.retryIntervalCap = retryIntervalCap;
    return this;
  }

  public Duration getHandshakeTimeout() {
    return handshakeTimeout;
  }

  /** Sets how long a connection may take, from the TCP connect through the HTTP upgrade to the server's ack. */
  public ZeekWebSocketClientOptions setHandshakeTimeout(Duration handshakeTimeout) {
    this.handshakeTimeout = handshakeTimeout;
    return this;
  }

  public int getMaxMessageSize() {
    return maxMessageSize;
  }

  /** Sets the largest message accepted from the server. */
  public ZeekWebSocketClientOptions setMaxMessageSize(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
    return this;
  }

  public int getInboundQueueSize() {
    return inboundQueueSize;
  }

  /**
   * Sets how many received messages may wait while the reader is paused; reading from the socket stops as soon as
   * one waits, so the bound is only reached by messages already decoded; beyond it the oldest is dropped.
   */
  public ZeekWebSocketClientOptions setInboundQueueSize(int inboundQueueSize) {
    this.inboundQueueSize = inboundQueueSize;
    return this;
  }
}
