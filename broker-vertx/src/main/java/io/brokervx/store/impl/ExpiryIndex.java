package io.brokervx.store.impl;

import io.brokervx.data.Data;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Keys by expiry time, so that a tick finds what is due without walking every entry. An item goes stale
 * when its key is written again or erased: it is skipped when it comes up (the key no longer expires at its
 * time), and the index is rebuilt from the live expiry times when a tick finds stale items could
 * outnumber them: after each tick it holds at most about twice the expiring keys (between ticks, every write
 * of an expiring key adds one item).
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

  /** Records that {@code key} expires at {@code at}. */
  void add(Data key, long at) {
    queue.add(new Due(at, key));
  }

  /**
   * Hands {@code expire} every key of {@code expiring} (live expiry times by key) due at {@code now}; the
   * callback removes the key from it.
   */
  void due(Map<Data, Long> expiring, long now, Consumer<Data> expire) {
    while (!queue.isEmpty() && queue.peek().at() <= now) {
      Due d = queue.poll();
      Long at = expiring.get(d.key());
      if (at != null && at == d.at()) {
        expire.accept(d.key());
      }
    }
    if (queue.size() > 2 * expiring.size() + SLACK) {
      queue.clear();
      expiring.forEach(this::add);
    }
  }

  void clear() {
    queue.clear();
  }

  /** @return the number of index items, stale ones included */
  int size() {
    return queue.size();
  }
}
