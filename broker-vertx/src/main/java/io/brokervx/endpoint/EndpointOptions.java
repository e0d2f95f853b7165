package io.brokervx.endpoint;

import io.brokervx.config.Durations;
import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Options of an {@link Endpoint}. JSON form, every key optional (durations: milliseconds, or a string such
 * as {@code "1500ms"}, {@code "3s"}):
 * <pre>{@code
 * {"id": "uuid", "forwarding": true, "deliverOwnMessages": false, "tls": {"mode": "anonymous"},
 *  "retryInterval": "1s", "retryIntervalCap": "30s", "handshakeTimeout": "5s",
 *  "heartbeatInterval": "1s", "heartbeatTimeout": "3s", "frameTimeout": "10s", "ttl": 32,
 *  "peerBufferSize": 8192, "peerBufferBytes": 1048576, "peerOverflowPolicy": "drop_oldest",
 *  "subscriberQueueSize": 4096, "subscriberQueueBytes": 16777216, "subscriberOverflowPolicy": "drop_oldest",
 *  "maxFrameSize": 4194304, "maxPendingFrameBytes": 67108864, "maxConnectionsPerHost": 32,
 *  "maxPendingHandshakes": 128, "authorization": [rules]}
 * }</pre>
 * An unknown key, a value of the wrong type or out of range is an {@link IllegalArgumentException} naming
 * the key. The defaults keep a node with 64 peers under about 256 MiB of buffers: 1 MiB of data per peer, 64 MiB
 * of control frames and 64 MiB of unfinished frames shared by all.
 */
@DataObject
public class EndpointOptions {
  public static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofSeconds(1);
  /** The longest pause between attempts of a peering whose connections keep failing. */
  public static final Duration DEFAULT_RETRY_INTERVAL_CAP = Duration.ofSeconds(30);
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(3);
  /** How long a frame may take to arrive whole once its first byte has. */
  public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_TTL = 32;
  public static final int DEFAULT_PEER_BUFFER_SIZE = 8192;
  /** Bytes of data frames (and, separately, of control frames) that may wait for one peer. */
  public static final long DEFAULT_PEER_BUFFER_BYTES = 1024 * 1024;
  public static final OverflowPolicy DEFAULT_PEER_OVERFLOW_POLICY = OverflowPolicy.DROP_OLDEST;
  public static final int DEFAULT_SUBSCRIBER_QUEUE_SIZE = 4096;
  /** Bytes of values that may wait in one subscription's queue. */
  public static final long DEFAULT_SUBSCRIBER_QUEUE_BYTES = 16 * 1024 * 1024;
  public static final OverflowPolicy DEFAULT_SUBSCRIBER_OVERFLOW_POLICY = OverflowPolicy.DROP_OLDEST;
  public static final int DEFAULT_MAX_FRAME_SIZE = 4 * 1024 * 1024;
  /** Bytes all connections together may hold of frames that have not arrived whole. */
  public static final long DEFAULT_MAX_PENDING_FRAME_BYTES = 64 * 1024 * 1024;
  /** Bytes of control frames (store commands above all) all peers together may let pile up. */
  public static final long DEFAULT_MAX_CONTROL_BACKLOG_BYTES = 64 * 1024 * 1024;
  /** Connections (peerings and handshakes) one remote address may hold at once. */
  public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 32;
  /** Accepted connections that may be in their handshake at once. */
  public static final int DEFAULT_MAX_PENDING_HANDSHAKES = 128;

  private static final List<String> KEYS = List.of("id", "forwarding", "deliverOwnMessages", "tls", "retryInterval",
      "retryIntervalCap", "handshakeTimeout", "heartbeatInterval", "heartbeatTimeout", "frameTimeout", "ttl",
      "peerBufferSize", "peerBufferBytes", "peerOverflowPolicy", "subscriberQueueSize", "subscriberQueueBytes",
      "subscriberOverflowPolicy", "maxFrameSize", "maxPendingFrameBytes", "maxControlBacklogBytes", "maxConnectionsPerHost",
      "maxPendingHandshakes", "authorization");
  private static final Duration MS = Duration.ofMillis(1);

  private String id;
  private boolean forwarding = true;
  private boolean deliverOwnMessages;
  private TlsOptions tls = new TlsOptions();
  private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
  private Duration retryIntervalCap = DEFAULT_RETRY_INTERVAL_CAP;
  private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
  private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;
  private int ttl = DEFAULT_TTL;
  private int peerBufferSize = DEFAULT_PEER_BUFFER_SIZE;
  private long peerBufferBytes = DEFAULT_PEER_BUFFER_BYTES;
  private OverflowPolicy peerOverflowPolicy = DEFAULT_PEER_OVERFLOW_POLICY;
  private int subscriberQueueSize = DEFAULT_SUBSCRIBER_QUEUE_SIZE;
  private long subscriberQueueBytes = DEFAULT_SUBSCRIBER_QUEUE_BYTES;
  private OverflowPolicy subscriberOverflowPolicy = DEFAULT_SUBSCRIBER_OVERFLOW_POLICY;
  private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  private long maxPendingFrameBytes = DEFAULT_MAX_PENDING_FRAME_BYTES;
  private long maxControlBacklogBytes = DEFAULT_MAX_CONTROL_BACKLOG_BYTES;
  private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS_PER_HOST;
  private int maxPendingHandshakes = DEFAULT_MAX_PENDING_HANDSHAKES;
  private List<AuthorizationRule> authorization = List.of();

  public EndpointOptions() {
  }

  /** Creates a copy of {@code other}. */
  public EndpointOptions(EndpointOptions other) {
    this(other.toJson());
  }

  /**
   * Creates options from JSON; absent keys keep their defaults.
   *
   * @throws IllegalArgumentException for an unknown key, or a value of the wrong type or out of range
   */
  public EndpointOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "endpoint option").only(KEYS);
    setId(j.string("id", null));
    setForwarding(j.bool("forwarding", forwarding));
    setDeliverOwnMessages(j.bool("deliverOwnMessages", deliverOwnMessages));
    if (j.has("tls")) {
      setTls(new TlsOptions(j.object("tls")));
    }
    setRetryInterval(j.duration("retryInterval", MS, retryInterval));
    setRetryIntervalCap(j.duration("retryIntervalCap", MS, retryIntervalCap));
    setHandshakeTimeout(j.duration("handshakeTimeout", MS, handshakeTimeout));
    setHeartbeatInterval(j.duration("heartbeatInterval", MS, heartbeatInterval));
    setHeartbeatTimeout(j.duration("heartbeatTimeout", MS, heartbeatTimeout));
    setFrameTimeout(j.duration("frameTimeout", MS, frameTimeout));
    setTtl(j.integer("ttl", 1, 255, ttl));
    setPeerBufferSize(j.integer("peerBufferSize", 1, Integer.MAX_VALUE, peerBufferSize));
    setPeerBufferBytes(j.number("peerBufferBytes", 1024, Long.MAX_VALUE, peerBufferBytes));
    setPeerOverflowPolicy(j.value("peerOverflowPolicy", peerOverflowPolicy, OverflowPolicy::fromConfigName));
    setSubscriberQueueSize(j.integer("subscriberQueueSize", 1, Integer.MAX_VALUE, subscriberQueueSize));
    setSubscriberQueueBytes(j.number("subscriberQueueBytes", 1024, Long.MAX_VALUE, subscriberQueueBytes));
    setSubscriberOverflowPolicy(j.value("subscriberOverflowPolicy", subscriberOverflowPolicy,
        OverflowPolicy::fromConfigName));
    setMaxFrameSize(j.integer("maxFrameSize", 1024, Integer.MAX_VALUE - 8, maxFrameSize));
    setMaxPendingFrameBytes(j.number("maxPendingFrameBytes", 1024, Long.MAX_VALUE, maxPendingFrameBytes));
    setMaxControlBacklogBytes(j.number("maxControlBacklogBytes", 1024, Long.MAX_VALUE, maxControlBacklogBytes));
    setMaxConnectionsPerHost(j.integer("maxConnectionsPerHost", 1, Integer.MAX_VALUE, maxConnectionsPerHost));
    setMaxPendingHandshakes(j.integer("maxPendingHandshakes", 1, Integer.MAX_VALUE, maxPendingHandshakes));
    setAuthorization(AuthorizationRule.fromJson(j.array("authorization")));
  }

  /** @return these options as JSON (durations as strings such as {@code "3s"}) */
  public JsonObject toJson() {
    JsonObject j = new JsonObject();
    if (id != null) {
      j.put("id", id);
    }
    return j.put("forwarding", forwarding).put("deliverOwnMessages", deliverOwnMessages).put("tls", tls.toJson())
        .put("retryInterval", Durations.format(retryInterval))
        .put("retryIntervalCap", Durations.format(retryIntervalCap))
        .put("handshakeTimeout", Durations.format(handshakeTimeout))
        .put("heartbeatInterval", Durations.format(heartbeatInterval))
        .put("heartbeatTimeout", Durations.format(heartbeatTimeout))
        .put("frameTimeout", Durations.format(frameTimeout)).put("ttl", ttl)
        .put("peerBufferSize", peerBufferSize).put("peerBufferBytes", peerBufferBytes)
        .put("peerOverflowPolicy", peerOverflowPolicy.configName()).put("subscriberQueueSize", subscriberQueueSize)
        .put("subscriberQueueBytes", subscriberQueueBytes)
        .put("subscriberOverflowPolicy", subscriberOverflowPolicy.configName()).put("maxFrameSize", maxFrameSize)
        .put("maxPendingFrameBytes", maxPendingFrameBytes)
        .put("maxControlBacklogBytes", maxControlBacklogBytes).put("maxConnectionsPerHost", maxConnectionsPerHost)
        .put("maxPendingHandshakes", maxPendingHandshakes)
        .put("authorization", AuthorizationRule.toJson(authorization));
  }

  private static Duration positive(String name, Duration d) {
    if (Objects.requireNonNull(d, name).compareTo(MS) < 0) {
      throw new IllegalArgumentException(name + " must be at least 1ms, not " + Durations.format(d));
    }
    return d;
  }

  private static long atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ", not " + value);
    }
    return value;
  }

  public String getId() {
    return id;
  }

  /** Sets the endpoint's id (a UUID; null: a random one). */
  public EndpointOptions setId(String id) {
    if (id != null) {
      UUID.fromString(id);
    }
    this.id = id;
    return this;
  }

  public boolean isForwarding() {
    return forwarding;
  }

  /** Sets whether the endpoint relays others' messages (default true); without, its peers reach only it. */
  public EndpointOptions setForwarding(boolean forwarding) {
    this.forwarding = forwarding;
    return this;
  }

  public boolean isDeliverOwnMessages() {
    return deliverOwnMessages;
  }

  /** Sets whether this endpoint's own subscribers receive its own publications (default false, as Broker). */
  public EndpointOptions setDeliverOwnMessages(boolean deliverOwnMessages) {
    this.deliverOwnMessages = deliverOwnMessages;
    return this;
  }

  public TlsOptions getTls() {
    return tls;
  }

  /**
   * Sets how peerings are secured, with Broker's modes: anonymous TLS (the default, as Broker's), off, or
   * certificate mode (mutual TLS). Both ends of a peering must use the same mode.
   */
  public EndpointOptions setTls(TlsOptions tls) {
    this.tls = new TlsOptions(Objects.requireNonNull(tls, "tls"));
    return this;
  }

  public Duration getRetryInterval() {
    return retryInterval;
  }

  /** Sets how long to wait before dialing a peering again (default 1 s). */
  public EndpointOptions setRetryInterval(Duration retryInterval) {
    this.retryInterval = positive("retryInterval", retryInterval);
    return this;
  }

  public Duration getRetryIntervalCap() {
    return retryIntervalCap;
  }

  /**
   * Sets the longest pause between attempts of a peering whose connections keep failing before they become
   * peerings (a TLS mode mismatch, a refused certificate): the pause doubles from the retry interval up to
   * this cap (default 30 s).
   */
  public EndpointOptions setRetryIntervalCap(Duration retryIntervalCap) {
    this.retryIntervalCap = positive("retryIntervalCap", retryIntervalCap);
    return this;
  }

  public Duration getHandshakeTimeout() {
    return handshakeTimeout;
  }

  /** Sets how long a connection may take to become a peering (TLS and Broker's handshake; default 5 s). */
  public EndpointOptions setHandshakeTimeout(Duration handshakeTimeout) {
    this.handshakeTimeout = positive("handshakeTimeout", handshakeTimeout);
    return this;
  }

  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets how often a heartbeat goes to each peer (default 1 s). */
  public EndpointOptions setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = positive("heartbeatInterval", heartbeatInterval);
    return this;
  }

  public Duration getHeartbeatTimeout() {
    return heartbeatTimeout;
  }

  /** Sets how long a peer may send no whole frame before it is dropped (default 3 s). */
  public EndpointOptions setHeartbeatTimeout(Duration heartbeatTimeout) {
    this.heartbeatTimeout = positive("heartbeatTimeout", heartbeatTimeout);
    return this;
  }

  public Duration getFrameTimeout() {
    return frameTimeout;
  }

  /** Sets how long a frame may take to arrive whole from its first byte; a peer that trickles one is dropped (10 s). */
  public EndpointOptions setFrameTimeout(Duration frameTimeout) {
    this.frameTimeout = positive("frameTimeout", frameTimeout);
    return this;
  }

  public int getTtl() {
    return ttl;
  }

  /** Sets the hop limit of this endpoint's messages, 1..255 (default 32). */
  public EndpointOptions setTtl(int ttl) {
    if (ttl < 1 || ttl > 255) {
      throw new IllegalArgumentException("ttl must be 1..255, not " + ttl);
    }
    this.ttl = ttl;
    return this;
  }

  public int getPeerBufferSize() {
    return peerBufferSize;
  }

  /** Sets how many data messages may wait for one peer before the overflow policy applies (default 8192). */
  public EndpointOptions setPeerBufferSize(int peerBufferSize) {
    this.peerBufferSize = (int) atLeast("peerBufferSize", peerBufferSize, 1);
    return this;
  }

  public long getPeerBufferBytes() {
    return peerBufferBytes;
  }

  /**
   * Sets the bytes of data frames that may wait for one peer before the overflow policy applies, and of control
   * frames before the peer is disconnected (default 1 MiB each).
   */
  public EndpointOptions setPeerBufferBytes(long peerBufferBytes) {
    this.peerBufferBytes = atLeast("peerBufferBytes", peerBufferBytes, 1024);
    return this;
  }

  public OverflowPolicy getPeerOverflowPolicy() {
    return peerOverflowPolicy;
  }

  /** Sets what a full peer buffer does (default drop_oldest, as Zeek; backpressure: lossless, see the policy). */
  public EndpointOptions setPeerOverflowPolicy(OverflowPolicy peerOverflowPolicy) {
    this.peerOverflowPolicy = Objects.requireNonNull(peerOverflowPolicy, "peerOverflowPolicy");
    return this;
  }

  public int getSubscriberQueueSize() {
    return subscriberQueueSize;
  }

  /** Sets how many messages may wait for a paused subscription (default 4096). */
  public EndpointOptions setSubscriberQueueSize(int subscriberQueueSize) {
    this.subscriberQueueSize = (int) atLeast("subscriberQueueSize", subscriberQueueSize, 1);
    return this;
  }

  public long getSubscriberQueueBytes() {
    return subscriberQueueBytes;
  }

  /** Sets the bytes of messages that may wait for a paused subscription (default 16 MiB). */
  public EndpointOptions setSubscriberQueueBytes(long subscriberQueueBytes) {
    this.subscriberQueueBytes = atLeast("subscriberQueueBytes", subscriberQueueBytes, 1024);
    return this;
  }

  public OverflowPolicy getSubscriberOverflowPolicy() {
    return subscriberOverflowPolicy;
  }

  /**
   * Sets what a full subscription queue does (default drop_oldest; {@code backpressure} applies to peer buffers
   * only: a paused subscription does not pause the network).
   *
   * @throws IllegalArgumentException for {@link OverflowPolicy#BACKPRESSURE}
   */
  public EndpointOptions setSubscriberOverflowPolicy(OverflowPolicy subscriberOverflowPolicy) {
    if (subscriberOverflowPolicy == OverflowPolicy.BACKPRESSURE) {
      throw new IllegalArgumentException("subscriberOverflowPolicy: backpressure applies to peer buffers only "
          + "(disconnect, drop_oldest, drop_newest)");
    }
    this.subscriberOverflowPolicy = Objects.requireNonNull(subscriberOverflowPolicy, "subscriberOverflowPolicy");
    return this;
  }

  public int getMaxFrameSize() {
    return maxFrameSize;
  }

  /** Sets the largest frame accepted, checked before it is buffered (default 4 MiB). */
  public EndpointOptions setMaxFrameSize(int maxFrameSize) {
    this.maxFrameSize = (int) atLeast("maxFrameSize", maxFrameSize, 1024);
    return this;
  }

  public long getMaxPendingFrameBytes() {
    return maxPendingFrameBytes;
  }

  /**
   * Sets the bytes all connections together may hold of frames that have not arrived whole; a connection
   * that would exceed it is dropped (default 64 MiB).
   */
  public EndpointOptions setMaxPendingFrameBytes(long maxPendingFrameBytes) {
    this.maxPendingFrameBytes = atLeast("maxPendingFrameBytes", maxPendingFrameBytes, 1024);
    return this;
  }

  public long getMaxControlBacklogBytes() {
    return maxControlBacklogBytes;
  }

  /**
   * Sets the bytes of control frames (store commands above all, never dropped) that all peers together may
   * let pile up; a peer whose backlog would pass it, or pass twice the largest frame, is disconnected
   * (default 64 MiB).
   */
  public EndpointOptions setMaxControlBacklogBytes(long maxControlBacklogBytes) {
    this.maxControlBacklogBytes = atLeast("maxControlBacklogBytes", maxControlBacklogBytes, 1024);
    return this;
  }

  public int getMaxConnectionsPerHost() {
    return maxConnectionsPerHost;
  }

  /** Sets the connections (peerings and handshakes) one remote address may hold at once (default 32). */
  public EndpointOptions setMaxConnectionsPerHost(int maxConnectionsPerHost) {
    this.maxConnectionsPerHost = (int) atLeast("maxConnectionsPerHost", maxConnectionsPerHost, 1);
    return this;
  }

  public int getMaxPendingHandshakes() {
    return maxPendingHandshakes;
  }

  /** Sets the accepted connections that may be in their handshake at once (default 128). */
  public EndpointOptions setMaxPendingHandshakes(int maxPendingHandshakes) {
    this.maxPendingHandshakes = (int) atLeast("maxPendingHandshakes", maxPendingHandshakes, 1);
    return this;
  }

  public List<AuthorizationRule> getAuthorization() {
    return authorization;
  }

  /**
   * Sets what each peer may do, by identity (its certificate subject in certificate mode, else its address).
   * The first rule whose identity matches a peer applies; a peer no rule matches may do nothing. Empty (the
   * default): every peer may do everything, as with Broker.
   */
  public EndpointOptions setAuthorization(List<AuthorizationRule> authorization) {
    this.authorization = List.copyOf(authorization);
    return this;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
