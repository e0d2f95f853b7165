package io.brokervx.store;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * Options of a store master. JSON form (times in milliseconds):
 * {@code {"backend": "memory"|"sqlite", "path": "file.sqlite", "tickInterval": 100, "heartbeatInterval": 500,
 * "cloneTimeout": 10000, "maxBufferedEvents": 65536, "sqlite": {...}}}; {@code sqlite} holds the
 * {@link SqliteOptions} of the sqlite backend (Broker's {@code synchronous}, {@code journal_mode}, …).
 */
@DataObject
public class MasterOptions {
  /** Default expiry tick: 100 ms (Broker's {@code tick-interval}). */
  public static final long DEFAULT_TICK_INTERVAL = 100;
  /** Default keepalive interval towards clones: 500 ms. */
  public static final long DEFAULT_HEARTBEAT_INTERVAL = 500;
  /** Default silence after which a clone is dropped: 10 s. */
  public static final long DEFAULT_CLONE_TIMEOUT = 10_000;
  /** Default number of events kept for retransmission: 65536. */
  public static final int DEFAULT_MAX_BUFFERED_EVENTS = 65536;

  private BackendType backend = BackendType.MEMORY;
  private String path;
  private long tickInterval = DEFAULT_TICK_INTERVAL;
  private long heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private long cloneTimeout = DEFAULT_CLONE_TIMEOUT;
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
    for (String key : json.fieldNames()) {
      Object v = json.getValue(key);
      try {
        switch (key) {
          case "backend" -> setBackend(BackendType.fromConfigName((String) v));
          case "path" -> setPath((String) v);
          case "tickInterval" -> setTickInterval(((Number) v).longValue());
          case "heartbeatInterval" -> setHeartbeatInterval(((Number) v).longValue());
          case "cloneTimeout" -> setCloneTimeout(((Number) v).longValue());
          case "maxBufferedEvents" -> setMaxBufferedEvents(((Number) v).intValue());
          case "sqlite" -> setSqlite(new SqliteOptions((JsonObject) v));
          default -> throw new IllegalArgumentException("unknown master option '" + key + "'");
        }
      } catch (ClassCastException | NullPointerException e) {
        throw new IllegalArgumentException("master option '" + key + "' has the wrong type: " + v);
      }
    }
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("backend", backend.configName());
    if (path != null) {
      j.put("path", path);
    }
    return j.put("tickInterval", tickInterval).put("heartbeatInterval", heartbeatInterval)
        .put("cloneTimeout", cloneTimeout).put("maxBufferedEvents", maxBufferedEvents).put("sqlite", sqlite.toJson());
  }

  /** @return the SQLite backend's options */
  public SqliteOptions getSqlite() {
    return sqlite;
  }

  /** Sets the SQLite backend's options (used by the sqlite backend only). */
  public MasterOptions setSqlite(SqliteOptions sqlite) {
    this.sqlite = java.util.Objects.requireNonNull(sqlite);
    return this;
  }

  /** @return the backend */
  public BackendType getBackend() {
    return backend;
  }

  /** Sets the backend. */
  public MasterOptions setBackend(BackendType backend) {
    this.backend = java.util.Objects.requireNonNull(backend);
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

  /** @return the expiry tick, in ms */
  public long getTickInterval() {
    return tickInterval;
  }

  /** Sets the expiry tick, in ms (at least 1). */
  public MasterOptions setTickInterval(long tickInterval) {
    this.tickInterval = positive("tickInterval", tickInterval);
    return this;
  }

  /** @return the keepalive interval towards clones, in ms */
  public long getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets the keepalive interval towards clones, in ms (at least 1). */
  public MasterOptions setHeartbeatInterval(long heartbeatInterval) {
    this.heartbeatInterval = positive("heartbeatInterval", heartbeatInterval);
    return this;
  }

  /** @return the silence after which a clone is dropped, in ms */
  public long getCloneTimeout() {
    return cloneTimeout;
  }

  /** Sets the silence after which a clone is dropped, in ms (at least 1). */
  public MasterOptions setCloneTimeout(long cloneTimeout) {
    this.cloneTimeout = positive("cloneTimeout", cloneTimeout);
    return this;
  }

  /** @return how many events are kept for retransmission to lagging clones */
  public int getMaxBufferedEvents() {
    return maxBufferedEvents;
  }

  /** Sets how many events are kept for retransmission; a clone further behind re-attaches (at least 1). */
  public MasterOptions setMaxBufferedEvents(int maxBufferedEvents) {
    this.maxBufferedEvents = (int) positive("maxBufferedEvents", maxBufferedEvents);
    return this;
  }

  static long positive(String name, long v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, not " + v);
    }
    return v;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
