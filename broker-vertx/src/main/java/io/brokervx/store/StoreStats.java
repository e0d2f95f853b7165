package io.brokervx.store;

import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * A snapshot of one store's state on its endpoint, taken on the endpoint's context by {@link Store#stats()}:
 * the figures of Broker's store metrics and of the {@code masters} / {@code clones} sections of its status
 * report. A master's inputs are its writers (the clones that write through it), its output the channel to
 * every clone; a clone's input is the channel from its master, its output the writes on their way to it.
 *
 * @param name the store's name
 * @param master whether this is the master
 * @param entries the entries held (Broker's {@code broker_store_entries})
 * @param processedUpdates the updates applied here (Broker's {@code broker_store_processed_updates})
 * @param unacknowledgedUpdates updates sent but not acknowledged yet: by the slowest clone for a master, by
 *     the master for a clone's writes (Broker's {@code broker_store_unacknowledged_updates})
 * @param outOfOrderUpdates updates received ahead of a gap, waiting for it to fill (Broker's
 *     {@code broker_store_out_of_order_updates})
 * @param masterId a clone's master endpoint, or null (a master; a clone without one)
 * @param inputs the channels this store consumes
 * @param output the channel this store produces
 */
public record StoreStats(String name, boolean master, long entries, long processedUpdates, long unacknowledgedUpdates,
    long outOfOrderUpdates, UUID masterId, List<ChannelInput> inputs, ChannelOutput output) {

  /** Broker's store tick, the unit of {@link ChannelInput#silentTicks()}. */
  public static final long TICK_MILLIS = 100;

  /**
   * A channel this store consumes.
   *
   * @param producer the producing endpoint
   * @param buffered events received ahead of a gap
   * @param lastSeq the last event number consumed
   * @param nextSeq the next event number expected
   * @param silentTicks store ticks ({@value StoreStats#TICK_MILLIS} ms) since the producer was last heard
   */
  public record ChannelInput(String producer, long buffered, long lastSeq, long nextSeq, long silentTicks) {
    JsonObject toJson() {
      return new JsonObject().put("buffered", buffered).put("last-seq", lastSeq).put("next-seq", nextSeq)
          .put("num-ticks", silentTicks);
    }
  }

  /**
   * The channel this store produces.
   *
   * @param buffered events kept for retransmission (not acknowledged by every consumer)
   * @param paths the consumers (clones of a master; the master of a clone's writes)
   * @param seq the last event number produced
   */
  public record ChannelOutput(long buffered, int paths, long seq) {
    JsonObject toJson() {
      return new JsonObject().put("buffered", buffered).put("paths", paths).put("seq", seq);
    }
  }

  /**
   * @return Broker's status-report form: for a master {@code {"entries", "inputs": {producer: {…}}, "output"}},
   *     for a clone {@code {"master-id", "input", "output"}}; both also carry {@code entries},
   *     {@code processed-updates}, {@code unacknowledged-updates} and {@code out-of-order-updates}
   */
  public JsonObject toJson() {
    JsonObject j = new JsonObject().put("entries", entries);
    if (master) {
      JsonObject in = new JsonObject();
      inputs.forEach(i -> in.put(i.producer(), i.toJson()));
      j.put("inputs", in);
    } else {
      j.put("master-id", masterId == null ? null : masterId.toString());
      j.put("input", inputs.isEmpty() ? new JsonObject() : inputs.get(0).toJson());
    }
    return j.put("output", output.toJson()).put("processed-updates", processedUpdates)
        .put("unacknowledged-updates", unacknowledgedUpdates).put("out-of-order-updates", outOfOrderUpdates);
  }
}
