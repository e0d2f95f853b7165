package io.brokervx.store.impl;

import io.brokervx.data.Data;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A master's keys by expiry time, so that a tick finds what is due without walking every entry. An index
 * item goes stale when its key is written again or erased: it is skipped when it comes up (the entry no
 * longer expires at its time), and the whole index is rebuilt from the entries once stale items could
 * outnumber the entries, which bounds it to about twice the store.
 */
final class ExpiryIndex {
  private record Due(long at, Data key) implements Comparable<Due> {
    @Override
    public int compareTo(Due o) {
      return Long.compare(at, o.at);
    }
  }

  private static final int SLACK = 1024;

  private final PriorityQueue<Due> queue = new PriorityQueue<>();

  /** Records that {@code key} now holds {@code entry} (nothing to do if it never expires). */
  void written(Data key, Entry entry) {
    if (entry.expiresAt() >= 0) {
      queue.add(new Due(entry.expiresAt(), key));
    }
  }

  /**
   * Hands {@code expire} every key of {@code entries} due at {@code now} (call it with each key, then
   * remove the key from the entries).
   */
  void due(Map<Data, Entry> entries, long now, Consumer<Data> expire) {
    while (!queue.isEmpty() && queue.peek().at() <= now) {
      Due d = queue.poll();
      Entry e = entries.get(d.key());
      if (e != null && e.expiresAt() == d.at()) {
        expire.accept(d.key());
      }
    }
    if (queue.size() > 2 * entries.size() + SLACK) {
      rebuild(entries);
    }
  }

  /** Forgets everything and indexes {@code entries} anew. */
  void rebuild(Map<Data, Entry> entries) {
    queue.clear();
    entries.forEach(this::written);
  }

  /** @return the number of index items, stale ones included */
  int size() {
    return queue.size();
  }
}
