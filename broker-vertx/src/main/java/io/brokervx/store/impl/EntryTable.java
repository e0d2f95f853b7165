package io.brokervx.store.impl;

import io.brokervx.data.Data;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A master's contents: each key's value held directly, and an expiry time only for the keys that expire
 * (most do not, so an entry costs one map node and its key and value, no wrapper), with the
 * {@link ExpiryIndex} that finds what is due. {@link Entry} is only the view handed in and out.
 */
final class EntryTable {
  private final Map<Data, Data> values;
  private final Map<Data, Long> expiring = new HashMap<>();
  private final ExpiryIndex index = new ExpiryIndex();

  /** Creates an empty table. */
  EntryTable() {
    this(16);
  }

  /** Creates an empty table with room for {@code expected} entries (a backend's row count). */
  EntryTable(long expected) {
    values = new HashMap<>((int) Math.min(expected * 4 / 3 + 1, 1 << 30));
  }

  /** @return the entry under {@code key} (expired or not), or null */
  Entry get(Data key) {
    Data v = values.get(key);
    if (v == null) {
      return null;
    }
    Long at = expiring.isEmpty() ? null : expiring.get(key);
    return new Entry(v, at == null ? -1 : at);
  }

  /** Stores {@code entry} under {@code key}, replacing what was there. */
  void put(Data key, Entry entry) {
    values.put(key, entry.value());
    if (entry.expiresAt() >= 0) {
      expiring.put(key, entry.expiresAt());
      index.add(key, entry.expiresAt());
    } else if (!expiring.isEmpty()) {
      expiring.remove(key);
    }
  }

  void remove(Data key) {
    values.remove(key);
    if (!expiring.isEmpty()) {
      expiring.remove(key);
    }
  }

  void clear() {
    values.clear();
    expiring.clear();
    index.clear();
  }

  int size() {
    return values.size();
  }

  /** @return the expiry index's items, stale ones included (bounded by about twice the expiring keys) */
  int indexedExpiries() {
    return index.size();
  }

  /** @return a copy of the keys, expired ones included */
  List<Data> keys() {
    return new ArrayList<>(values.keySet());
  }

  /** Hands each key, value and expiry ({@code -1}: never) to {@code each}. */
  void forEach(EntryConsumer each) {
    if (expiring.isEmpty()) {
      values.forEach((k, v) -> each.accept(k, v, -1));
    } else {
      values.forEach((k, v) -> {
        Long at = expiring.get(k);
        each.accept(k, v, at == null ? -1 : at);
      });
    }
  }

  /** Hands {@code expire} each key due at {@code now}; it must {@link #remove} the key. */
  void due(long now, Consumer<Data> expire) {
    index.due(expiring, now, expire);
  }

  /** Receives an entry without allocating one. */
  interface EntryConsumer {
    void accept(Data key, Data value, long expiresAt);
  }
}
