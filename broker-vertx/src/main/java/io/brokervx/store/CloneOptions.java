package io.brokervx.store;

import io.brokervx.config.Durations;
import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of a store clone. JSON form (times in milliseconds or as {@code "500ms"}, {@code "2s"}, {@code "5min"}):
 * {@code {"heartbeatInterval": "500ms", "masterTimeout": "2s", "resyncInterval": "1s", "staleInterval": "5min",
 * "mutationBufferInterval": "2min", "maxGetDelay": "5s"}}; {@code staleInterval} may also be {@code "never"}.
 */
@DataObject
public class CloneOptions {
  /** Default interval of acknowledgements and keepalives towards the master: 500 ms. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMillis(500);
  /** Default silence after which the master counts as lost: 2 s. */
  public static final Duration DEFAULT_MASTER_TIMEOUT = Duration.ofSeconds(2);
  /** Default interval between attach requests while no master answers: 1 s. */
  public static final Duration DEFAULT_RESYNC_INTERVAL = Duration.ofSeconds(1);
  /** Default time without a master after which queries fail with stale_data: 5 min (Zeek's default). */
  public static final Duration DEFAULT_STALE_INTERVAL = Duration.ofMinutes(5);
  /** Default time a write made without a master is kept for replay: 2 min (Zeek's default). */
  public static final Duration DEFAULT_MUTATION_BUFFER_INTERVAL = Duration.ofMinutes(2);
  /** Default time a query waits for the first snapshot before failing with stale_data: 5 s. */
  public static final Duration DEFAULT_MAX_GET_DELAY = Duration.ofSeconds(5);
  /** The {@code staleInterval} that never makes data stale. */
  public static final Duration NEVER = Duration.ofMillis(-1);

  private static final List<String> KEYS = List.of("heartbeatInterval", "masterTimeout", "resyncInterval",
      "staleInterval", "mutationBufferInterval", "maxGetDelay");
  private static final Duration MS = Duration.ofMillis(1);

  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private Duration masterTimeout = DEFAULT_MASTER_TIMEOUT;
  private Duration resyncInterval = DEFAULT_RESYNC_INTERVAL;
  private Duration staleInterval = DEFAULT_STALE_INTERVAL;
  private Duration mutationBufferInterval = DEFAULT_MUTATION_BUFFER_INTERVAL;
  private Duration maxGetDelay = DEFAULT_MAX_GET_DELAY;

  /** Creates options with the defaults. */
  public CloneOptions() {
  }

  /** Creates a copy of {@code other}. */
  public CloneOptions(CloneOptions other) {
    this(other.toJson());
  }

  /** Creates options from JSON. @throws IllegalArgumentException for a bad or unknown key */
  public CloneOptions(JsonObject json) {
    StrictJson j = StrictJson.of(json, "clone option").only(KEYS);
    setHeartbeatInterval(j.duration("heartbeatInterval", MS, heartbeatInterval));
    setMasterTimeout(j.duration("masterTimeout", MS, masterTimeout));
    setResyncInterval(j.duration("resyncInterval", MS, resyncInterval));
    Object stale = json == null ? null : json.getValue("staleInterval");
    boolean never = "never".equals(stale) || (stale instanceof Number n && n.longValue() < 0);
    setStaleInterval(never ? NEVER : j.duration("staleInterval", Duration.ZERO, staleInterval));
    setMutationBufferInterval(j.duration("mutationBufferInterval", Duration.ZERO, mutationBufferInterval));
    setMaxGetDelay(j.duration("maxGetDelay", Duration.ZERO, maxGetDelay));
  }

  /** @return these options as JSON */
  public JsonObject toJson() {
    return new JsonObject().put("heartbeatInterval", Durations.format(heartbeatInterval))
        .put("masterTimeout", Durations.format(masterTimeout)).put("resyncInterval", Durations.format(resyncInterval))
        .put("staleInterval", staleInterval.isNegative() ? "never" : Durations.format(staleInterval))
        .put("mutationBufferInterval", Durations.format(mutationBufferInterval))
        .put("maxGetDelay", Durations.format(maxGetDelay));
  }

  /** @return the acknowledgement/keepalive interval */
  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Sets the acknowledgement/keepalive interval (at least 1 ms). */
  public CloneOptions setHeartbeatInterval(Duration heartbeatInterval) {
    this.heartbeatInterval = MasterOptions.positive("heartbeatInterval", heartbeatInterval);
    return this;
  }

  /** @return the silence after which the master counts as lost */
  public Duration getMasterTimeout() {
    return masterTimeout;
  }

  /** Sets the silence after which the master counts as lost (at least 1 ms). */
  public CloneOptions setMasterTimeout(Duration masterTimeout) {
    this.masterTimeout = MasterOptions.positive("masterTimeout", masterTimeout);
    return this;
  }

  /** @return the interval between attach requests while no master answers */
  public Duration getResyncInterval() {
    return resyncInterval;
  }

  /** Sets the interval between attach requests while no master answers (at least 1 ms). */
  public CloneOptions setResyncInterval(Duration resyncInterval) {
    this.resyncInterval = MasterOptions.positive("resyncInterval", resyncInterval);
    return this;
  }

  /** @return the time without a master before queries fail with stale_data (negative: {@link #NEVER}) */
  public Duration getStaleInterval() {
    return staleInterval;
  }

  /** Sets the time without a master before queries fail with stale_data; {@link #NEVER} (negative): never. */
  public CloneOptions setStaleInterval(Duration staleInterval) {
    this.staleInterval = Objects.requireNonNull(staleInterval, "staleInterval");
    return this;
  }

  /** @return how long writes made without a master are kept for replay (zero: not kept) */
  public Duration getMutationBufferInterval() {
    return mutationBufferInterval;
  }

  /** Sets how long writes made without a master are kept for replay; zero fails them at once. */
  public CloneOptions setMutationBufferInterval(Duration mutationBufferInterval) {
    this.mutationBufferInterval = MasterOptions.notNegative("mutationBufferInterval", mutationBufferInterval);
    return this;
  }

  /** @return how long a query waits for the first snapshot */
  public Duration getMaxGetDelay() {
    return maxGetDelay;
  }

  /** Sets how long a query waits for the first snapshot before failing with stale_data (not negative). */
  public CloneOptions setMaxGetDelay(Duration maxGetDelay) {
    this.maxGetDelay = MasterOptions.notNegative("maxGetDelay", maxGetDelay);
    return this;
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
