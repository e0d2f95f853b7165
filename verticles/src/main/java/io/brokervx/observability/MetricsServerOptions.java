package io.brokervx.observability;

import io.brokervx.config.StrictJson;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * Options of a {@link StatusServer}: where it listens (loopback unless told otherwise: the metrics and the
 * status page describe the network to whoever can read them) and the bounds of its live page. JSON form,
 * every key optional:
 * <pre>{@code
 * {"host": "127.0.0.1", "port": 9911, "refreshInterval": 1000, "maxLiveClients": 16,
 *  "liveClientBufferBytes": 1048576, "recentEvents": 100}
 * }</pre>
 */
public class MetricsServerOptions {
  /** Default address: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** Default port: 0, any free port ({@link StatusServer#port()} tells which). */
  public static final int DEFAULT_PORT = 0;
  /** Default interval between two updates of the live page: 1 s. */
  public static final long DEFAULT_REFRESH_INTERVAL = 1000;
  /** Default number of live pages served at once: 16 (more are answered 503). */
  public static final int DEFAULT_MAX_LIVE_CLIENTS = 16;
  /** Default bytes one live page may leave unread before it is dropped: 1 MiB. */
  public static final int DEFAULT_LIVE_CLIENT_BUFFER_BYTES = 1 << 20;
  /** Default number of recent status events kept for the page: 100. */
  public static final int DEFAULT_RECENT_EVENTS = 100;
  private static final Set<String> KEYS = Set.of("host", "port", "refreshInterval", "maxLiveClients",
      "liveClientBufferBytes", "recentEvents");

  private String host = DEFAULT_HOST;
  private int port = DEFAULT_PORT;
  private long refreshInterval = DEFAULT_REFRESH_INTERVAL;
  private int maxLiveClients = DEFAULT_MAX_LIVE_CLIENTS;
  private int liveClientBufferBytes = DEFAULT_LIVE_CLIENT_BUFFER_BYTES;
  private int recentEvents = DEFAULT_RECENT_EVENTS;

  /** Creates options with every default. */
  public MetricsServerOptions() {
  }

  /** Creates a copy of {@code other}. */
  public MetricsServerOptions(MetricsServerOptions other) {
    this(other.toJson());
  }

  /**
   * Creates options from JSON; absent keys keep their defaults.
   *
   * @throws IllegalArgumentException naming the key, for an unknown key or a value of the wrong type or range
   */
  public MetricsServerOptions(JsonObject json) {
    StrictJson c = StrictJson.of(json, "metrics config").only(KEYS);
    host = c.string("host", DEFAULT_HOST);
    port = c.integer("port", 0, 65535, DEFAULT_PORT);
    refreshInterval = c.integer("refreshInterval", 100, 3_600_000, (int) DEFAULT_REFRESH_INTERVAL);
    maxLiveClients = c.integer("maxLiveClients", 1, 10_000, DEFAULT_MAX_LIVE_CLIENTS);
    liveClientBufferBytes = c.integer("liveClientBufferBytes", 4096, 1 << 30, DEFAULT_LIVE_CLIENT_BUFFER_BYTES);
    recentEvents = c.integer("recentEvents", 1, 100_000, DEFAULT_RECENT_EVENTS);
  }

  /** @return the options as JSON (every key) */
  public JsonObject toJson() {
    return new JsonObject().put("host", host).put("port", port).put("refreshInterval", refreshInterval)
        .put("maxLiveClients", maxLiveClients).put("liveClientBufferBytes", liveClientBufferBytes)
        .put("recentEvents", recentEvents);
  }

  /** @return the address to listen on */
  public String getHost() {
    return host;
  }

  /** Sets the address to listen on ({@code 0.0.0.0}: every interface). */
  public MetricsServerOptions setHost(String host) {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must not be empty");
    }
    this.host = host;
    return this;
  }

  /** @return the port to listen on (0: any free port) */
  public int getPort() {
    return port;
  }

  /** Sets the port to listen on (0: any free port). */
  public MetricsServerOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be in 0..65535, not " + port);
    }
    this.port = port;
    return this;
  }

  /** @return the milliseconds between two updates of the live page */
  public long getRefreshInterval() {
    return refreshInterval;
  }

  /** Sets the milliseconds between two updates of the live page (at least 100). */
  public MetricsServerOptions setRefreshInterval(long refreshInterval) {
    if (refreshInterval < 100) {
      throw new IllegalArgumentException("refreshInterval must be at least 100 ms, not " + refreshInterval);
    }
    this.refreshInterval = refreshInterval;
    return this;
  }

  /** @return how many live pages are served at once */
  public int getMaxLiveClients() {
    return maxLiveClients;
  }

  /** Sets how many live pages are served at once (at least 1); more are answered 503. */
  public MetricsServerOptions setMaxLiveClients(int maxLiveClients) {
    if (maxLiveClients < 1) {
      throw new IllegalArgumentException("maxLiveClients must be at least 1, not " + maxLiveClients);
    }
    this.maxLiveClients = maxLiveClients;
    return this;
  }

  /** @return the bytes a live page may leave unread before it is dropped */
  public int getLiveClientBufferBytes() {
    return liveClientBufferBytes;
  }

  /** Sets the bytes a live page may leave unread before it is dropped (at least 4096). */
  public MetricsServerOptions setLiveClientBufferBytes(int liveClientBufferBytes) {
    if (liveClientBufferBytes < 4096) {
      throw new IllegalArgumentException("liveClientBufferBytes must be at least 4096, not " + liveClientBufferBytes);
    }
    this.liveClientBufferBytes = liveClientBufferBytes;
    return this;
  }

  /** @return how many recent status events the page shows */
  public int getRecentEvents() {
    return recentEvents;
  }

  /** Sets how many recent status events the page shows (at least 1). */
  public MetricsServerOptions setRecentEvents(int recentEvents) {
    if (recentEvents < 1) {
      throw new IllegalArgumentException("recentEvents must be at least 1, not " + recentEvents);
    }
    this.recentEvents = recentEvents;
    return this;
  }
}
