package io.brokervx.store;

import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;

/**
 * Options of a store clone. JSON form (times in milliseconds):
 * {@code {"heartbeatInterval": 500, "masterTimeout": 2000, "resyncInterval": 1000, "staleInterval": 300000,
 * "mutationBufferInterval": 120000, "maxGetDelay": 5000}}.
 */
@DataObject
public class CloneOptions {
  /** Default interval of acknowledgements and keepalives towards the master: 500 ms. */
  public static final long DEFAULT_HEARTBEAT_INTERVAL = 500;
  /** Default silence after which the master counts as lost: 2 s. */
  public static final long DEFAULT_MASTER_TIMEOUT = 2000;
  /** Default interval between attach requests while no master answers: 1 s. */
  public static final long DEFAULT_RESYNC_INTERVAL = 1000;
  /** Default time without a master after which queries fail with stale_data: 5 min (Zeek's default). */
  public static final long DEFAULT_STALE_INTERVAL = 300_000;
  /** Default time a write made without a master is kept for replay: 2 min (Zeek's default). */
  public static final long DEFAULT_MUTATION_BUFFER_INTERVAL = 120_000;
  /** Default time a query waits for the first snapshot before failing with stale_data: 5 s. */
  public static final long DEFAULT_MAX_GET_DELAY = 5000;

  private long heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private long masterTimeout = DEFAULT_MASTER_TIMEOUT;
  private long resyncInterval = DEFAULT_RESYNC_INTERVAL;
  private long staleInterval = DEFAULT_STALE_INTERVAL;
  private long mutationBufferInterval = DEFAULT_MUTATION_BUFFER_INTERVAL;
  private long maxGetDelay = DEFAULT_MAX_GET_DELAY;

  /** Creates options with the defaults. */
  public CloneOptions() {
  }

  /** Creates a copy of {@code other}. */
  public CloneOptions(CloneOptions other) {
    this(other.toJson());
  }

  /** Creates options from JSON. @throws IllegalArgumentException for a bad or unknown key */
  public CloneOptions(JsonObject json) {
    for (String key : json.fieldNames()) {
      Object v = json.getValue(key);
      try {
        long n = ((Number) v).longValue();
        switch (key) {
          case "heartbeatInterval" -> setHeartbeatInterval(n);
          case "masterTimeout" -> setMasterTimeout(n);
          case "resyncInterval" -> setResyncInterval(n);
          case "staleInterval" -> setStaleInterval(n);
          case "mutationBufferInterval" -> setMutationBufferInterval(n);
          case "maxGetDelay" -> setMaxGetDelay(n);
          default -> throw new IllegalArgumentException("unknown clone option '" + key + "'");
        }
      } catch (ClassCastException | NullPointerException e) {
        throw new IllegalArgumentException("clone option '" + key + "' has the wrong type: " + v);
      }
    }
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    return new JsonObject().put("heartbeatInterval", heartbeatInterval).put("masterTimeout", masterTimeout)
        .put("resyncInterval", resyncInterval).put("staleInterval", staleInterval)
        .put("mutationBufferInterval", mutationBufferInterval).put("maxGetDelay", maxGetDelay);
  }

  /** @return the acknowledgement/keepalive interval, in ms */
  public long getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets the acknowledgement/keepalive interval, in ms (at least 1). */
  public CloneOptions setHeartbeatInterval(long heartbeatInterval) {
    this.heartbeatInterval = MasterOptions.positive("heartbeatInterval", heartbeatInterval);
    return this;
  }

  /** @return the silence after which the master counts as lost, in ms */
  public long getMasterTimeout() {
    return masterTimeout;
  }

  /** Sets the silence after which the master counts as lost, in ms (at least 1). */
  public CloneOptions setMasterTimeout(long masterTimeout) {
    this.masterTimeout = MasterOptions.positive("masterTimeout", masterTimeout);
    return this;
  }

  /** @return the interval between attach requests, in ms */
  public long getResyncInterval() {
    return resyncInterval;
  }

  /** Sets the interval between attach requests while no master answers, in ms (at least 1). */
  public CloneOptions setResyncInterval(long resyncInterval) {
    this.resyncInterval = MasterOptions.positive("resyncInterval", resyncInterval);
    return this;
  }

  /** @return the time without a master before queries fail with stale_data, in ms (negative: never) */
  public long getStaleInterval() {
    return staleInterval;
  }

  /** Sets the time without a master before queries fail with stale_data, in ms; negative means never. */
  public CloneOptions setStaleInterval(long staleInterval) {
    this.staleInterval = staleInterval;
    return this;
  }

  /** @return how long writes made without a master are kept for replay, in ms (≤ 0: not kept) */
  public long getMutationBufferInterval() {
    return mutationBufferInterval;
  }

  /** Sets how long writes made without a master are kept for replay, in ms; ≤ 0 fails them at once. */
  public CloneOptions setMutationBufferInterval(long mutationBufferInterval) {
    this.mutationBufferInterval = mutationBufferInterval;
    return this;
  }

  /** @return how long a query waits for the first snapshot, in ms */
  public long getMaxGetDelay() {
    return maxGetDelay;
  }

  /** Sets how long a query waits for the first snapshot before failing with stale_data, in ms (≥ 0). */
  public CloneOptions setMaxGetDelay(long maxGetDelay) {
    if (maxGetDelay < 0) {
      throw new IllegalArgumentException("maxGetDelay must not be negative");
    }
    this.maxGetDelay = maxGetDelay;
    return this;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
