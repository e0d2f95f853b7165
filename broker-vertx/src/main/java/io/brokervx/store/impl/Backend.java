package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.vertx.core.Future;
import java.util.Map;

/**
 * Where a master keeps its entries. The master holds every entry in memory and tells the backend each
 * change; {@link #commit()} makes the changes since the previous commit durable as one transaction.
 * Calls come from the master's context, one commit at a time.
 */
interface Backend {
  /** @return every stored entry (expiries included), read once when the master starts */
  Future<Map<Data, Entry>> load();

  /** Records that {@code key} now holds {@code entry}. */
  void put(Data key, Entry entry);

  /** Records that {@code key} is gone. */
  void delete(Data key);

  /** Records that every key is gone. */
  void clear();

  /** @return whether changes are waiting for a commit */
  boolean hasPending();

  /** @return a future completed once the recorded changes are durable */
  Future<Void> commit();

  /** Releases files and connections. */
  Future<Void> close();
}
