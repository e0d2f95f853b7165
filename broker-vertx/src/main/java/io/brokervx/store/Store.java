package io.brokervx.store;

import io.brokervx.error.BrokerException;
import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.store.impl.Stores;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;
import java.util.List;

/**
 * A Broker data store, as a master or a clone. Mutations complete when the master has applied them (and,
 * on a persistent master, committed them); a rejected mutation fails with a {@link BrokerException}
 * carrying Broker's error and changes nothing — also when issued on a clone. A clone's own writes become
 * visible on that clone once the master has propagated them. Queries are answered locally; a clone that
 * has lost its master for longer than its stale interval fails them with {@code stale_data}.
 *
 * <p>A mutation given an expiry sets the entry's expiry anew; one without keeps the current expiry, except
 * {@code put} and {@code putUnique}, which replace the whole entry.
 */
public interface Store {

  /**
   * Attaches the master of the store {@code name} to {@code endpoint}. Fails with a
   * {@link io.brokervx.error.BrokerException} {@code master_exists} when this endpoint, or any endpoint it can
   * reach, already has one.
   */
  static Future<Store> attachMaster(Endpoint endpoint, String name, MasterOptions options) {
    return Stores.attachMaster(EndpointPort.of(endpoint), name, new MasterOptions(options));
  }

  /**
   * Attaches a clone of the store {@code name} to {@code endpoint}. It may be attached before any peering
   * exists: it finds its master when one appears and receives a full snapshot.
   */
  static Future<Store> attachClone(Endpoint endpoint, String name, CloneOptions options) {
    return Stores.attachClone(EndpointPort.of(endpoint), name, new CloneOptions(options));
  }
  /** @return the stores attached to {@code endpoint} (masters and clones), in attachment order */
  static Future<List<Store>> attachedTo(Endpoint endpoint) {
    return Stores.attachedTo(EndpointPort.of(endpoint));
  }

  /** @return the store's name */
  String name();

  /** @return whether this is the master (authoritative) rather than a clone */
  boolean isMaster();

  /** @return a snapshot of this store's entries and channel state, for metrics and status reports */
  Future<StoreStats> stats();

  /**
   * Stores {@code value} at {@code key}, replacing the entry (and its expiry).
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry) — except put, which replaces the expiry too
   */
  Future<Void> put(Data key, Data value, Duration expiry);

  /** As {@link #put(Data, Data, Duration)} without an expiry. */
  default Future<Void> put(Data key, Data value) {
    return put(key, value, null);
  }

  /**
   * Stores {@code value} at {@code key} unless the key exists; @return whether it inserted
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Boolean> putUnique(Data key, Data value, Duration expiry);

  /** As {@link #putUnique(Data, Data, Duration)} without an expiry. */
  default Future<Boolean> putUnique(Data key, Data value) {
    return putUnique(key, value, null);
  }

  /** Removes {@code key}, if present. */
  Future<Void> erase(Data key);

  /** Removes every key. */
  Future<Void> clear();


  /**
   * Adds {@code amount} (count, integer, real, timespan) to the value; a missing key starts from zero.
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> increment(Data key, Data amount, Duration expiry);

  /** As {@link #increment(Data, Data, Duration)} without an expiry. */
  default Future<Void> increment(Data key, Data amount) {
    return increment(key, amount, null);
  }

  /**
   * Subtracts {@code amount} from the value; the key must exist.
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> decrement(Data key, Data amount, Duration expiry);

  /** As {@link #decrement(Data, Data, Duration)} without an expiry. */
  default Future<Void> decrement(Data key, Data amount) {
    return decrement(key, amount, null);
  }

  /**
   * Appends the string {@code suffix} to a string value (a missing key starts from "").
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> append(Data key, Data suffix, Duration expiry);

  /** As {@link #append(Data, Data, Duration)} without an expiry. */
  default Future<Void> append(Data key, Data suffix) {
    return append(key, suffix, null);
  }

  /**
   * Inserts {@code element} into a set (a missing key becomes {@code {element}}).
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> insertInto(Data key, Data element, Duration expiry);

  /** As {@link #insertInto(Data, Data, Duration)} without an expiry. */
  default Future<Void> insertInto(Data key, Data element) {
    return insertInto(key, element, (Duration) null);
  }

  /**
   * Sets {@code table[index] = value}, or inserts {@code value} into a vector at position {@code index}.
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> insertInto(Data key, Data index, Data value, Duration expiry);

  /** As {@link #insertInto(Data, Data, Data, Duration)} without an expiry. */
  default Future<Void> insertInto(Data key, Data index, Data value) {
    return insertInto(key, index, value, null);
  }

  /**
   * Removes an element of a set, an entry of a table, or the element of a vector at a position.
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> removeFrom(Data key, Data index, Duration expiry);

  /** As {@link #removeFrom(Data, Data, Duration)} without an expiry. */
  default Future<Void> removeFrom(Data key, Data index) {
    return removeFrom(key, index, null);
  }

  /**
   * Appends {@code value} to a vector (a missing key becomes {@code [value]}).
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> push(Data key, Data value, Duration expiry);

  /** As {@link #push(Data, Data, Duration)} without an expiry. */
  default Future<Void> push(Data key, Data value) {
    return push(key, value, null);
  }

  /**
   * Removes the last element of a vector (an empty vector stays empty).
   *
   * @param expiry how long the entry lives from when the master applies the change; null keeps the current
   *     expiry (none for a new entry)
   */
  Future<Void> pop(Data key, Duration expiry);

  /** As {@link #pop(Data, Duration)} without an expiry. */
  default Future<Void> pop(Data key) {
    return pop(key, null);
  }

  /** @return the value at {@code key}; fails with {@code no_such_key} when absent */
  Future<Data> get(Data key);

  /** @return whether {@code key} exists */
  Future<Boolean> exists(Data key);

  /** @return an element of a vector, set membership, or a table's value, at {@code index} */
  Future<Data> getIndexFromValue(Data key, Data index);

  /** @return every key, as a set */
  Future<SetData> keys();

  /** @return a new stream of the changes applied to this store from now on */
  ReadStream<StoreEvent> events();

  /**
   * @param mailbox the event-bus address answers are sent to
   * @return a proxy whose requests return increasing ids and whose answers arrive on {@code mailbox}
   */
  StoreProxy proxy(String mailbox);

  /** Detaches the store from its endpoint and releases its backend. */
  Future<Void> close();
}
