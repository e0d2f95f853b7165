package io.brokervx.store;

import io.brokervx.config.Durations;
import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of a store master. JSON form (times in milliseconds or as {@code "100ms"}, {@code "10s"}):
 * {@code {"backend": "memory"|"sqlite", "path": "file.sqlite", "tickInterval": "100ms", "heartbeatInterval":
 * "500ms", "cloneTimeout": "10s", "maxBufferedEvents": 65536, "sqlite": {...}}}; {@code sqlite} holds the
 * {@link SqliteOptions} of the sqlite backend (Broker's {@code synchronous}, {@code journal_mode}, …).
 */
@DataObject
public class MasterOptions {
  /** Default expiry tick: 100 ms (Broker's {@code tick-interval}). */
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(100);
  /** Default keepalive interval towards clones: 500 ms. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(500);
  /** Default silence after which a clone is dropped: 10 s. */
  public static final Duration DEFAULT_CLONE_TIMEOUT = Duration.ofSeconds(10);
  /** Default number of events kept for retransmission: 65536. */
  public static final int DEFAULT_MAX_BUFFERED_EVENTS = 65536;

  private static final List<String> KEYS = List.of("backend", "path", "tickInterval", "heartbeatInterval",
      "cloneTimeout", "maxBufferedEvents", "sqlite");
  private static final Duration MS = Duration.ofMillis(1);

  private BackendType backend = BackendType.MEMORY;
  private String path;
  private Duration tickInterval = DEFAULT_TICK_INTERVAL;
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private Duration cloneTimeout = DEFAULT_CLONE_TIMEOUT;
  private int maxBufferedEvents = DEFAULT_MAX_BUFFERED_EVENTS;
  private SqliteOptions sqlite = new SqliteOptions();

  /** Creates options with the defaults: a memory backend. */
  public MasterOptions() {
  }

  /** Creates a copy of {@code other}. */
  public MasterOptions(MasterOptions other) {
    this(other.toJson());
  }

  /** Creates options from JSON. @throws IllegalArgumentException for a bad or unknown key */
  public MasterOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "master option").only(KEYS);
    setBackend(j.value("backend", backend, BackendType::fromConfigName));
    setPath(j.string("path", null));
    setTickInterval(j.duration("tickInterval", MS, tickInterval));
    setHeartbeatInterval(j.duration("heartbeatInterval", MS, heartbeatInterval));
    setCloneTimeout(j.duration("cloneTimeout", MS, cloneTimeout));
    setMaxBufferedEvents(j.integer("maxBufferedEvents", 1, Integer.MAX_VALUE, maxBufferedEvents));
    if (j.has("sqlite")) {
      setSqlite(new SqliteOptions(j.object("sqlite")));
    }
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("backend", backend.configName());
    if (path != null) {
      j.put("path", path);
    }
    return j.put("tickInterval", Durations.format(tickInterval))
        .put("heartbeatInterval", Durations.format(heartbeatInterval)).put("cloneTimeout", Durations.format(cloneTimeout)).put("maxBufferedEvents", maxBufferedEvents).put("sqlite", sqlite.toJson());
  }

  /** @return the SQLite backend's options */
  public SqliteOptions getSqlite() {
    return sqlite;
  }

  /** Sets the SQLite backend's options (used by the sqlite backend only). */
  public MasterOptions setSqlite(SqliteOptions sqlite) {
    this.sqlite = Objects.requireNonNull(sqlite);
    return this;
  }

  /** @return the backend */
  public BackendType getBackend() {
    return backend;
  }

  /** Sets the backend. */
  public MasterOptions setBackend(BackendType backend) {
    this.backend = Objects.requireNonNull(backend);
    return this;
  }

  /** @return the SQLite file (sqlite backend) */
  public String getPath() {
    return path;
  }

  /** Sets the SQLite file (required for the sqlite backend). */
  public MasterOptions setPath(String path) {
    this.path = path;
    return this;
  }

  /** @return the expiry tick (Broker's {@code tick-interval}) */
  public Duration getTickInterval() {
    return tickInterval;
  }

  /** Sets the expiry tick (at least 1 ms). */
  public MasterOptions setTickInterval(Duration tickInterval) {
    this.tickInterval = positive("tickInterval", tickInterval);
    return this;
  }

  /** @return the keepalive interval towards clones */
  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets the keepalive interval towards clones (at least 1 ms). */
  public MasterOptions setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = positive("heartbeatInterval", heartbeatInterval);
    return this;
  }

  /** @return the silence after which a clone is dropped */
  public Duration getCloneTimeout() {
    return cloneTimeout;
  }

  /** Sets the silence after which a clone is dropped (at least 1 ms). */
  public MasterOptions setCloneTimeout(Duration cloneTimeout) {
    this.cloneTimeout = positive("cloneTimeout", cloneTimeout);
    return this;
  }

  /** @return how many events are kept for retransmission to lagging clones */
  public int getMaxBufferedEvents() {
    return maxBufferedEvents;
  }

  /** Sets how many events are kept for retransmission; a clone further behind re-attaches (at least 1). */
  public MasterOptions setMaxBufferedEvents(int maxBufferedEvents) {
    if (maxBufferedEvents < 1) {
      throw new IllegalArgumentException("maxBufferedEvents must be at least 1, not " + maxBufferedEvents);
    }
    this.maxBufferedEvents = maxBufferedEvents;
    return this;
  }

  static Duration positive(String name, Duration d) {
    if (Objects.requireNonNull(d, name).compareTo(MS) < 0) {
      throw new IllegalArgumentException(name + " must be at least 1ms, not " + Durations.format(d));
    }
    return d;
  }

  static Duration notNegative(String name, Duration d) {
    if (Objects.requireNonNull(d, name).isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return d;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
