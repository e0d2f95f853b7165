package io.brokervx.endpoint;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Options of an {@link Endpoint}. JSON form (every key optional; times in milliseconds):
 * <pre>{@code
 * {"id": "uuid", "forwarding": true, "deliverOwnMessages": false, "retryInterval": 1000,
 *  "peerBufferSize": 8192, "peerOverflowPolicy": "drop_oldest",
 *  "subscriberQueueSize": 4096, "subscriberOverflowPolicy": "drop_oldest",
 *  "maxFrameSize": 16777216, "handshakeTimeout": 5000, "heartbeatInterval": 1000,
 *  "heartbeatTimeout": 3000, "ttl": 32}
 * }</pre>
 */
@DataObject
public class EndpointOptions {
  /** Default retry interval for outbound peerings: 1 s (Zeek's {@code default_connect_retry}). */
  public static final long DEFAULT_RETRY_INTERVAL = 1000;
  /** Default per-peer output buffer, in messages: 8192 (Zeek's {@code peer_buffer_size}). */
  public static final int DEFAULT_PEER_BUFFER_SIZE = 8192;
  /** Default per-peer overflow policy: drop the oldest (Zeek's {@code peer_overflow_policy}). */
  public static final OverflowPolicy DEFAULT_PEER_OVERFLOW_POLICY = OverflowPolicy.DROP_OLDEST;
  /** Default subscriber queue, in messages: 4096. */
  public static final int DEFAULT_SUBSCRIBER_QUEUE_SIZE = 4096;
  /** Default subscriber overflow policy: drop the oldest. */
  public static final OverflowPolicy DEFAULT_SUBSCRIBER_OVERFLOW_POLICY = OverflowPolicy.DROP_OLDEST;
  /** Default largest frame accepted from a peer: 16 MiB. */
  public static final int DEFAULT_MAX_FRAME_SIZE = 4 * 1024 * 1024;
  /** Bytes of data frames (and, separately, of control frames) that may wait for one peer. */
  public static final long DEFAULT_PEER_BUFFER_BYTES = 1024 * 1024;
  /** Bytes of values that may wait in one subscription's queue. */
  public static final long DEFAULT_SUBSCRIBER_QUEUE_BYTES = 16 * 1024 * 1024;
  /** Bytes all connections together may hold of frames that have not arrived whole. */
  public static final long DEFAULT_MAX_PENDING_FRAME_BYTES = 64 * 1024 * 1024;
  /** How long a frame may take to arrive whole once its first byte has (milliseconds). */
  public static final long DEFAULT_FRAME_TIMEOUT = 10_000;
  /** Connections (peerings and handshakes) one remote address may hold at once. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 32;
  /** Accepted connections that may be in their handshake at once. */
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 128;
  /** Default time a peer has to complete the handshake: 5 s. */
  public static final long DEFAULT_HANDSHAKE_TIMEOUT = 5000;
  /** Default interval between heartbeats on an idle peering: 1 s. */
  public static final long DEFAULT_HEARTBEAT_INTERVAL = 1000;
  /** Default silence after which a peer is declared lost: 3 s. */
  public static final long DEFAULT_HEARTBEAT_TIMEOUT = 3000;
  /** Default hop limit of a message: 32. */
  public static final int DEFAULT_TTL = 32;
  /** The longest pause between attempts of a peering whose connections keep failing (milliseconds). */
  public static final long DEFAULT_RETRY_INTERVAL_CAP = 30_000;

  private String id;
  private boolean forwarding = true;
  private boolean deliverOwnMessages;
  private long retryInterval = DEFAULT_RETRY_INTERVAL;
  private int peerBufferSize = DEFAULT_PEER_BUFFER_SIZE;
  private OverflowPolicy peerOverflowPolicy = DEFAULT_PEER_OVERFLOW_POLICY;
  private int subscriberQueueSize = DEFAULT_SUBSCRIBER_QUEUE_SIZE;
  private OverflowPolicy subscriberOverflowPolicy = DEFAULT_SUBSCRIBER_OVERFLOW_POLICY;
  private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  private long handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
  private long heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private long heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
  private int ttl = DEFAULT_TTL;
  private long retryIntervalCap = DEFAULT_RETRY_INTERVAL_CAP;
  private long peerBufferBytes = DEFAULT_PEER_BUFFER_BYTES;
  private long subscriberQueueBytes = DEFAULT_SUBSCRIBER_QUEUE_BYTES;
  private long maxPendingFrameBytes = DEFAULT_MAX_PENDING_FRAME_BYTES;
  private long frameTimeout = DEFAULT_FRAME_TIMEOUT;
  private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS_PER_HOST;
  private int maxPendingHandshakes = DEFAULT_MAX_PENDING_HANDSHAKES;
  private List<AuthorizationRule> authorization = List.of();
  private TlsOptions tls = new TlsOptions();

  /** Creates options with every default (a random endpoint id). */
  public EndpointOptions() {
  }

  /** Creates a copy of {@code other}. */
  public EndpointOptions(EndpointOptions other) {
    this(other.toJson());
  }

  /**
   * Creates options from JSON; absent keys keep their defaults.
   *
   * @throws IllegalArgumentException for a value of the wrong type or out of range, or an unknown key
   */
  public EndpointOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      Object v = json.getValue(key);
      try {
        switch (key) {
          case "id" -> setId((String) v);
          case "forwarding" -> setForwarding((Boolean) v);
          case "deliverOwnMessages" -> setDeliverOwnMessages((Boolean) v);
          case "retryInterval" -> setRetryInterval(((Number) v).longValue());
          case "peerBufferSize" -> setPeerBufferSize(((Number) v).intValue());
          case "peerOverflowPolicy" -> setPeerOverflowPolicy(OverflowPolicy.fromConfigName((String) v));
          case "subscriberQueueSize" -> setSubscriberQueueSize(((Number) v).intValue());
          case "subscriberOverflowPolicy" -> setSubscriberOverflowPolicy(OverflowPolicy.fromConfigName((String) v));
          case "maxFrameSize" -> setMaxFrameSize(((Number) v).intValue());
          case "handshakeTimeout" -> setHandshakeTimeout(((Number) v).longValue());
          case "heartbeatInterval" -> setHeartbeatInterval(((Number) v).longValue());
          case "heartbeatTimeout" -> setHeartbeatTimeout(((Number) v).longValue());
          case "ttl" -> setTtl(((Number) v).intValue());
          case "retryIntervalCap" -> setRetryIntervalCap(((Number) v).longValue());
          case "tls" -> setTls(new TlsOptions((JsonObject) v));
          case "peerBufferBytes" -> setPeerBufferBytes(((Number) v).longValue());
          case "subscriberQueueBytes" -> setSubscriberQueueBytes(((Number) v).longValue());
          case "maxPendingFrameBytes" -> setMaxPendingFrameBytes(((Number) v).longValue());
          case "frameTimeout" -> setFrameTimeout(((Number) v).longValue());
          case "maxConnectionsPerHost" -> setMaxConnectionsPerHost(((Number) v).intValue());
          case "maxPendingHandshakes" -> setMaxPendingHandshakes(((Number) v).intValue());
          case "authorization" -> setAuthorization(AuthorizationRule.fromJson((JsonArray) v));
          default -> throw new IllegalArgumentException("unknown endpoint option '" + key + "'");
        }
      } catch (ClassCastException | NullPointerException e) {
        throw new IllegalArgumentException("endpoint option '" + key + "' has the wrong type: " + v);
      }
    }
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (id != null) {
      j.put("id", id);
    }
    return j.put("forwarding", forwarding).put("deliverOwnMessages", deliverOwnMessages)
        .put("retryInterval", retryInterval).put("peerBufferSize", peerBufferSize)
        .put("peerOverflowPolicy", peerOverflowPolicy.configName()).put("subscriberQueueSize", subscriberQueueSize)
        .put("subscriberOverflowPolicy", subscriberOverflowPolicy.configName()).put("maxFrameSize", maxFrameSize)
        .put("handshakeTimeout", handshakeTimeout).put("heartbeatInterval", heartbeatInterval)
        .put("heartbeatTimeout", heartbeatTimeout).put("ttl", ttl).put("retryIntervalCap", retryIntervalCap)
        .put("tls", tls.toJson()).put("peerBufferBytes", peerBufferBytes)
        .put("subscriberQueueBytes", subscriberQueueBytes).put("maxPendingFrameBytes", maxPendingFrameBytes)
        .put("frameTimeout", frameTimeout).put("maxConnectionsPerHost", maxConnectionsPerHost)
        .put("maxPendingHandshakes", maxPendingHandshakes)
        .put("authorization", AuthorizationRule.toJson(authorization));
  }

  /** @return the endpoint id (a UUID), or {@code null} for a random one */
  public String getId() {
    return id;
  }

  /** Sets the endpoint id; {@code null} picks a random one. @throws IllegalArgumentException if not a UUID */
  public EndpointOptions setId(String id) {
    if (id != null) {
      UUID.fromString(id);
    }
    this.id = id;
    return this;
  }

  /** @return whether messages from other endpoints are forwarded to further peers (default true) */
  public boolean isForwarding() {
    return forwarding;
  }

  /** Sets whether this endpoint relays others' messages; when off, only direct peers hear its own. */
  public EndpointOptions setForwarding(boolean forwarding) {
    this.forwarding = forwarding;
    return this;
  }

  /** @return whether this endpoint's own subscribers receive its own publications (default false) */
  public boolean isDeliverOwnMessages() {
    return deliverOwnMessages;
  }

  /** Sets whether this endpoint's own subscribers receive its own publications. */
  public EndpointOptions setDeliverOwnMessages(boolean deliverOwnMessages) {
    this.deliverOwnMessages = deliverOwnMessages;
    return this;
  }

  /** @return the pause between attempts of an outbound peering, in ms */
  public long getRetryInterval() {
    return retryInterval;
  }

  /** Sets the pause between attempts of an outbound peering, in ms (at least 1). */
  public EndpointOptions setRetryInterval(long retryInterval) {
    this.retryInterval = atLeast("retryInterval", retryInterval, 1);
    return this;
  }

  /** @return the per-peer output buffer, in messages */
  public int getPeerBufferSize() {
    return peerBufferSize;
  }

  /** Sets the per-peer output buffer, in messages (at least 1). */
  public EndpointOptions setPeerBufferSize(int peerBufferSize) {
    this.peerBufferSize = (int) atLeast("peerBufferSize", peerBufferSize, 1);
    return this;
  }

  /** @return what a full peer buffer does */
  public OverflowPolicy getPeerOverflowPolicy() {
    return peerOverflowPolicy;
  }

  /** Sets what a full peer buffer does. */
  public EndpointOptions setPeerOverflowPolicy(OverflowPolicy peerOverflowPolicy) {
    this.peerOverflowPolicy = java.util.Objects.requireNonNull(peerOverflowPolicy);
    return this;
  }

  /** @return the per-subscription queue, in messages */
  public int getSubscriberQueueSize() {
    return subscriberQueueSize;
  }

  /** Sets the per-subscription queue, in messages (at least 1). */
  public EndpointOptions setSubscriberQueueSize(int subscriberQueueSize) {
    this.subscriberQueueSize = (int) atLeast("subscriberQueueSize", subscriberQueueSize, 1);
    return this;
  }

  /** @return what a full subscription queue does */
  public OverflowPolicy getSubscriberOverflowPolicy() {
    return subscriberOverflowPolicy;
  }

  /** Sets what a full subscription queue does ({@code disconnect} ends the subscription with an error). */
  public EndpointOptions setSubscriberOverflowPolicy(OverflowPolicy subscriberOverflowPolicy) {
    this.subscriberOverflowPolicy = java.util.Objects.requireNonNull(subscriberOverflowPolicy);
    return this;
  }

  /** @return the largest frame accepted from a peer, in bytes */
  public int getMaxFrameSize() {
    return maxFrameSize;
  }

  /** Sets the largest frame accepted from a peer, in bytes (at least 1024). */
  public EndpointOptions setMaxFrameSize(int maxFrameSize) {
    this.maxFrameSize = (int) atLeast("maxFrameSize", maxFrameSize, 1024);
    return this;
  }

  /** @return the time a connection has to complete the handshake, in ms */
  public long getHandshakeTimeout() {
    return handshakeTimeout;
  }

  /** Sets the time a connection has to complete the handshake, in ms (at least 1). */
  public EndpointOptions setHandshakeTimeout(long handshakeTimeout) {
    this.handshakeTimeout = atLeast("handshakeTimeout", handshakeTimeout, 1);
    return this;
  }

  /** @return the interval between heartbeats, in ms */
  public long getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets the interval between heartbeats, in ms (at least 1). */
  public EndpointOptions setHeartbeatInterval(long heartbeatInterval) {
    this.heartbeatInterval = atLeast("heartbeatInterval", heartbeatInterval, 1);
    return this;
  }

  /** @return the silence after which a peer is lost, in ms */
  public long getHeartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** Sets the silence after which a peer is lost, in ms (at least 1). */
  public EndpointOptions setHeartbeatTimeout(long heartbeatTimeout) {
    this.heartbeatTimeout = atLeast("heartbeatTimeout", heartbeatTimeout, 1);
    return this;
  }

  /** @return the hop limit given to messages this endpoint publishes */
  public int getTtl() {
    return ttl;
  }

  /** Sets the hop limit of published messages (1–255). */
  public EndpointOptions setTtl(int ttl) {
    if (ttl < 1 || ttl > 255) {
      throw new IllegalArgumentException("ttl must be 1..255, not " + ttl);
    }
    this.ttl = ttl;
    return this;
  }

  private static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
    }
    return value;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }

  /** @return the longest pause between attempts of a peering whose connections keep failing (ms) */
  public long getRetryIntervalCap() {
    return retryIntervalCap;
  }

  /**
   * Sets the longest pause between attempts of a peering whose connections keep failing before they become
   * peerings (a TLS mode mismatch, a refused certificate): the pause doubles from the retry interval up to
   * this cap. Default 30 s.
   */
  public EndpointOptions setRetryIntervalCap(long retryIntervalCap) {
    this.retryIntervalCap = atLeast("retryIntervalCap", retryIntervalCap, 1);
    return this;
  }

  /** @return how peerings are secured (a copy is kept) */
  public TlsOptions getTls() {
    return tls;
  }

  /**
   * Sets how peerings are secured, with Broker's modes: anonymous TLS (the default, as Broker's), off, or
   * certificate mode (mutual TLS). Both ends of a peering must use the same mode.
   */
  public EndpointOptions setTls(TlsOptions tls) {
    this.tls = new TlsOptions(java.util.Objects.requireNonNull(tls));
    return this;
  }

  /** @return the bytes of data frames that may wait for one peer (and, separately, of control frames) */
  public long getPeerBufferBytes() {
    return peerBufferBytes;
  }

  /**
   * Sets the bytes of data frames that may wait for one peer before the overflow policy applies, and of
   * control frames before the peer is disconnected. Default 1 MiB each.
   */
  public EndpointOptions setPeerBufferBytes(long peerBufferBytes) {
    this.peerBufferBytes = atLeast("peerBufferBytes", peerBufferBytes, 1024);
    return this;
  }

  /** @return the bytes of values that may wait in one subscription's queue */
  public long getSubscriberQueueBytes() {
    return subscriberQueueBytes;
  }

  /** Sets the bytes of values that may wait in one subscription's queue. Default 16 MiB. */
  public EndpointOptions setSubscriberQueueBytes(long subscriberQueueBytes) {
    this.subscriberQueueBytes = atLeast("subscriberQueueBytes", subscriberQueueBytes, 1024);
    return this;
  }

  /** @return the bytes all connections together may hold of frames that have not arrived whole */
  public long getMaxPendingFrameBytes() {
    return maxPendingFrameBytes;
  }

  /**
   * Sets the bytes all connections together may hold of frames that have not arrived whole; a connection
   * that would exceed it is dropped. Default 64 MiB.
   */
  public EndpointOptions setMaxPendingFrameBytes(long maxPendingFrameBytes) {
    this.maxPendingFrameBytes = atLeast("maxPendingFrameBytes", maxPendingFrameBytes, 1024);
    return this;
  }

  /** @return how long a frame may take to arrive whole, from its first byte (ms) */
  public long getFrameTimeout() {
    return frameTimeout;
  }

  /**
   * Sets how long a frame may take to arrive whole from its first byte; a peer that trickles one is
   * dropped. Default 10 s.
   */
  public EndpointOptions setFrameTimeout(long frameTimeout) {
    this.frameTimeout = atLeast("frameTimeout", frameTimeout, 1);
    return this;
  }

  /** @return the connections one remote address may hold at once */
  public int getMaxConnectionsPerHost() {
    return maxConnectionsPerHost;
  }

  /** Sets the connections (peerings and handshakes) one remote address may hold at once. Default 32. */
  public EndpointOptions setMaxConnectionsPerHost(int maxConnectionsPerHost) {
    this.maxConnectionsPerHost = (int) atLeast("maxConnectionsPerHost", maxConnectionsPerHost, 1);
    return this;
  }

  /** @return the accepted connections that may be in their handshake at once */
  public int getMaxPendingHandshakes() {
    return maxPendingHandshakes;
  }

  /** Sets the accepted connections that may be in their handshake at once. Default 128. */
  public EndpointOptions setMaxPendingHandshakes(int maxPendingHandshakes) {
    this.maxPendingHandshakes = (int) atLeast("maxPendingHandshakes", maxPendingHandshakes, 1);
    return this;
  }

  /** @return the authorization rules (empty: every peer may do everything, as with Broker) */
  public List<AuthorizationRule> getAuthorization() {
    return authorization;
  }

  /**
   * Sets what each peer may do, by identity (its certificate subject in certificate mode, else its
   * address). The first rule whose identity matches a peer applies; a peer no rule matches may do nothing.
   * Empty (the default): every peer may do everything, as with Broker.
   */
  public EndpointOptions setAuthorization(List<AuthorizationRule> authorization) {
    this.authorization = List.copyOf(authorization);
    return this;
  }
}
