package io.brokervx.store;

import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.time.Duration;

/**
 * A Broker data store, as a master or a clone. Mutations complete when the master has applied them (and,
 * on a persistent master, committed them); a rejected mutation fails with a {@link StoreException}
 * carrying Broker's error and changes nothing — also when issued on a clone. A clone's own writes become
 * visible on that clone once the master has propagated them. Queries are answered locally; a clone that
 * has lost its master for longer than its stale interval fails them with {@code stale_data}.
 *
 * <p>A mutation given an expiry sets the entry's expiry anew; one without keeps the current expiry, except
 * {@code put} and {@code putUnique}, which replace the whole entry.
 */
public interface Store {
  /** @return the store's name */
  String name();

  /** @return whether this is the master (authoritative) rather than a clone */
  boolean isMaster();

  /** Stores {@code value} at {@code key}, replacing the entry. */
  Future<Void> put(Data key, Data value);

  /** Stores {@code value} at {@code key} for {@code expiry}. */
  Future<Void> put(Data key, Data value, Duration expiry);

  /** Stores {@code value} at {@code key} unless the key exists; @return whether it inserted */
  Future<Boolean> putUnique(Data key, Data value);

  /** As {@link #putUnique(Data, Data)}, the new entry expiring after {@code expiry}. */
  Future<Boolean> putUnique(Data key, Data value, Duration expiry);

  /** Removes {@code key}, if present. */
  Future<Void> erase(Data key);

  /** Removes every key. */
  Future<Void> clear();

  /** Adds {@code amount} (count, integer, real, timespan) to the value; a missing key starts from zero. */
  Future<Void> increment(Data key, Data amount);

  /** As {@link #increment(Data, Data)}, setting the expiry. */
  Future<Void> increment(Data key, Data amount, Duration expiry);

  /** Subtracts {@code amount} from the value; the key must exist. */
  Future<Void> decrement(Data key, Data amount);

  /** As {@link #decrement(Data, Data)}, setting the expiry. */
  Future<Void> decrement(Data key, Data amount, Duration expiry);

  /** Appends the string {@code suffix} to a string value (a missing key starts from ""). */
  Future<Void> append(Data key, Data suffix);

  /** As {@link #append(Data, Data)}, setting the expiry. */
  Future<Void> append(Data key, Data suffix, Duration expiry);

  /** Inserts {@code element} into a set (a missing key becomes {@code {element}}). */
  Future<Void> insertInto(Data key, Data element);

  /** As {@link #insertInto(Data, Data)}, setting the expiry. */
  Future<Void> insertInto(Data key, Data element, Duration expiry);

  /** Sets {@code table[index] = value}, or inserts {@code value} into a vector at position {@code index}. */
  Future<Void> insertInto(Data key, Data index, Data value);

  /** As {@link #insertInto(Data, Data, Data)}, setting the expiry. */
  Future<Void> insertInto(Data key, Data index, Data value, Duration expiry);

  /** Removes an element of a set, an entry of a table, or the element of a vector at a position. */
  Future<Void> removeFrom(Data key, Data index);

  /** As {@link #removeFrom(Data, Data)}, setting the expiry. */
  Future<Void> removeFrom(Data key, Data index, Duration expiry);

  /** Appends {@code value} to a vector (a missing key becomes {@code [value]}). */
  Future<Void> push(Data key, Data value);

  /** As {@link #push(Data, Data)}, setting the expiry. */
  Future<Void> push(Data key, Data value, Duration expiry);

  /** Removes the last element of a vector (an empty vector stays empty). */
  Future<Void> pop(Data key);

  /** As {@link #pop(Data)}, setting the expiry. */
  Future<Void> pop(Data key, Duration expiry);

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
