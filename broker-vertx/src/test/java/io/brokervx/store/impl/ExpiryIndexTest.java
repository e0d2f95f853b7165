package io.brokervx.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The master's expiry index on its own: due keys in time order, stale items skipped, size bounded. */
class ExpiryIndexTest {
  private final Map<Data, Entry> entries = new HashMap<>();
  private final ExpiryIndex index = new ExpiryIndex();

  private void write(long key, long expiresAt) {
    Entry e = new Entry(Data.count(key), expiresAt);
    entries.put(Data.count(key), e);
    index.written(Data.count(key), e);
  }

  private List<Data> due(long now) {
    List<Data> due = new ArrayList<>();
    index.due(entries, now, k -> {
      due.add(k);
      entries.remove(k);
    });
    return due;
  }

  @Test
  void keysComeDueInTimeOrderAndNeverExpiringOnesAreNotIndexed() {
    write(1, 300);
    write(2, 100);
    write(3, -1);
    write(4, 200);
    assertEquals(3, index.size());
    assertEquals(List.of(), due(99));
    assertEquals(List.of(Data.count(2), Data.count(4)), due(200));
    assertEquals(List.of(Data.count(1)), due(1000));
    assertEquals(List.of(Data.count(3)), new ArrayList<>(entries.keySet()));
  }

  @Test
  void aKeyWrittenAgainOrErasedIsNotExpiredByItsOldItem() {
    write(1, 100);
    write(1, 500); // re-put with a later expiry
    write(2, 100);
    entries.remove(Data.count(2)); // erased
    write(3, 100);
    write(3, -1); // re-put without expiry
    assertEquals(List.of(), due(200));
    assertEquals(List.of(Data.count(1)), due(500));
  }

  @Test
  void staleItemsAreCompactedSoTheIndexStaysAboutTwiceTheStore() {
    for (int round = 0; round < 100; round++) {
      for (int k = 0; k < 100; k++) {
        write(k, 1_000_000 + round);
      }
      due(0);
    }
    assertEquals(100, entries.size());
    assertTrue(index.size() <= 2 * entries.size() + 1024, "index items: " + index.size());
    assertEquals(100, due(Long.MAX_VALUE).size());
  }
}
