package io.brokervx.websocket;

import io.brokervx.config.Durations;
import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.OverflowPolicy;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;

/**
 * Options of a {@link ZeekWebSocketServer}. JSON form, every key optional (durations: milliseconds, or a string
 * such as {@code "5s"}):
 * <pre>{@code
 * {"host": "127.0.0.1", "port": 27759, "tls": {...}, "maxClients": 4096, "maxMessageSize": 8388608,
 *  "outboundQueueSize": 512, "outboundQueueBytes": 8388608, "overflowPolicy": "disconnect",
 *  "pingInterval": "5s", "pingTimeout": "15s", "handshakeTimeout": "10s", "version": "broker-vertx"}
 * }</pre>
 * The defaults follow Zeek ({@code Cluster::WebSocketServerOptions}: loopback, port 27759 as zeekctl's
 * {@code WebSocketPort}, a ping every 5 s) and Broker's last WebSocket server (512 messages per client, a client
 * that falls behind is disconnected). Memory per client is bounded by {@code outboundQueueBytes} (what waits to be
 * written to it) and {@code maxMessageSize} (what it may send at once).
 */
@DataObject
public class WebSocketServerOptions {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 27759;
  public static final int DEFAULT_MAX_CLIENTS = 4096;
  public static final int DEFAULT_MAX_MESSAGE_SIZE = 8 * 1024 * 1024;
  public static final int DEFAULT_OUTBOUND_QUEUE_SIZE = 512;
  public static final long DEFAULT_OUTBOUND_QUEUE_BYTES = 8 * 1024 * 1024;
  public static final OverflowPolicy DEFAULT_OVERFLOW_POLICY = OverflowPolicy.DISCONNECT;
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_PING_TIMEOUT = Duration.ofSeconds(15);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
  /** What the ack's {@code version} says unless set. */
  public static final String DEFAULT_VERSION = "broker-vertx";

  private static final List<String> KEYS = List.of("host", "port", "tls", "maxClients", "maxMessageSize",
      "outboundQueueSize", "outboundQueueBytes", "overflowPolicy", "pingInterval", "pingTimeout", "handshakeTimeout",
      "version");
  private static final Duration MS = Duration.ofMillis(1);

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private WebSocketTlsOptions tls = new WebSocketTlsOptions();
  private int maxClients = DEFAULT_MAX_CLIENTS;
  private int maxMessageSize = DEFAULT_MAX_MESSAGE_SIZE;
  private int outboundQueueSize = DEFAULT_OUTBOUND_QUEUE_SIZE;
  private long outboundQueueBytes = DEFAULT_OUTBOUND_QUEUE_BYTES;
  private OverflowPolicy overflowPolicy = DEFAULT_OVERFLOW_POLICY;
  private Duration pingInterval = DEFAULT_PING_INTERVAL;
  private Duration pingTimeout = DEFAULT_PING_TIMEOUT;
  private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
  private String version = DEFAULT_VERSION;

  /** The defaults. */
  public WebSocketServerOptions() {
  }

  /** A copy of {@code other}. */
  public WebSocketServerOptions(WebSocketServerOptions other) {
    this(other.toJson());
  }

  /**
   * Options read from JSON; absent keys keep their defaults.
   *
   * @throws IllegalArgumentException for an unknown key, or a value of the wrong type or out of range
   */
  public WebSocketServerOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "websocket option").only(KEYS);
    setHost(j.string("host", host));
    setPort(j.integer("port", 0, 65535, port));
    if (j.has("tls")) {
      setTls(new WebSocketTlsOptions(j.object("tls")));
    }
    setMaxClients(j.integer("maxClients", 1, Integer.MAX_VALUE, maxClients));
    setMaxMessageSize(j.integer("maxMessageSize", 1024, Integer.MAX_VALUE, maxMessageSize));
    setOutboundQueueSize(j.integer("outboundQueueSize", 1, Integer.MAX_VALUE, outboundQueueSize));
    setOutboundQueueBytes(j.number("outboundQueueBytes", 1024, Long.MAX_VALUE, outboundQueueBytes));
    setOverflowPolicy(j.value("overflowPolicy", overflowPolicy, OverflowPolicy::fromConfigName));
    setPingInterval(j.duration("pingInterval", MS, pingInterval));
    setPingTimeout(j.duration("pingTimeout", MS, pingTimeout));
    setHandshakeTimeout(j.duration("handshakeTimeout", MS, handshakeTimeout));
    setVersion(j.string("version", version));
  }

  /** @return these options as JSON (durations as strings such as {@code "5s"}) */
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("tls", tls.toJson()).put("maxClients", maxClients)
        .put("maxMessageSize", maxMessageSize).put("outboundQueueSize", outboundQueueSize)
        .put("outboundQueueBytes", outboundQueueBytes).put("overflowPolicy", overflowPolicy.configName())
        .put("pingInterval", Durations.format(pingInterval)).put("pingTimeout", Durations.format(pingTimeout))
        .put("handshakeTimeout", Durations.format(handshakeTimeout)).put("version", version);
  }

  public String getHost() {
    return host;
  }

  /** Sets the address to listen on (default loopback, as Zeek). */
  public WebSocketServerOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("websocket option: 'host' must not be empty");
    }
    this.host = host;
    return this;
  }

  public int getPort() {
    return port;
  }

  /** Sets the port to listen on; 0 picks a free one. */
  public WebSocketServerOptions setPort(int port) {
    this.port = port;
    return this;
  }

  public WebSocketTlsOptions getTls() {
    return tls;
  }

  /** Sets TLS ({@code wss}): on when a certificate and key are set. */
  public WebSocketServerOptions setTls(WebSocketTlsOptions tls) {
    this.tls = tls == null ? new WebSocketTlsOptions() : tls;
    return this;
  }

  public int getMaxClients() {
    return maxClients;
  }

  /** Sets how many clients may be connected at once; more are refused with HTTP 503. */
  public WebSocketServerOptions setMaxClients(int maxClients) {
    this.maxClients = maxClients;
    return this;
  }

  public int getMaxMessageSize() {
    return maxMessageSize;
  }

  /** Sets the largest message (all its frames) a client may send; a larger one closes it with 1009. */
  public WebSocketServerOptions setMaxMessageSize(int maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
    return this;
  }

  public int getOutboundQueueSize() {
    return outboundQueueSize;
  }

  /** Sets how many messages may wait to be written to one client. */
  public WebSocketServerOptions setOutboundQueueSize(int outboundQueueSize) {
    this.outboundQueueSize = outboundQueueSize;
    return this;
  }

  public long getOutboundQueueBytes() {
    return outboundQueueBytes;
  }

  /** Sets how many bytes of messages may wait to be written to one client. */
  public WebSocketServerOptions setOutboundQueueBytes(long outboundQueueBytes) {
    this.outboundQueueBytes = outboundQueueBytes;
    return this;
  }

  public OverflowPolicy getOverflowPolicy() {
    return overflowPolicy;
  }

  /**
   * Sets what happens to a message for a client whose queue is full: {@code disconnect} (the default, as Broker's
   * server) closes the client with 1008, {@code drop_newest} discards the message. {@code drop_oldest} is refused:
   * what is queued is already in the socket's buffers.
   */
  public WebSocketServerOptions setOverflowPolicy(OverflowPolicy overflowPolicy) {
    if (overflowPolicy == OverflowPolicy.DROP_OLDEST) {
      throw new IllegalArgumentException("websocket option: 'overflowPolicy' must be disconnect or drop_newest");
    }
    this.overflowPolicy = overflowPolicy;
    return this;
  }

  public Duration getPingInterval() {
    return pingInterval;
  }

  /** Sets how often each client is pinged. */
  public WebSocketServerOptions setPingInterval(Duration pingInterval) {
    this.pingInterval = pingInterval;
    return this;
  }

  public Duration getPingTimeout() {
    return pingTimeout;
  }

  /** Sets how long a client may leave pings unanswered before it is closed (1001). */
  public WebSocketServerOptions setPingTimeout(Duration pingTimeout) {
    this.pingTimeout = pingTimeout;
    return this;
  }

  public Duration getHandshakeTimeout() {
    return handshakeTimeout;
  }

  /** Sets how long a client may take to send its subscription array before it is closed (1008). */
  public WebSocketServerOptions setHandshakeTimeout(Duration handshakeTimeout) {
    this.handshakeTimeout = handshakeTimeout;
    return this;
  }

  public String getVersion() {
    return version;
  }

  /** Sets the {@code version} the ack reports. */
  public WebSocketServerOptions setVersion(String version) {
    this.version = version;
    return this;
  }
}
