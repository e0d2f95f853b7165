package io.brokervx.store.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A master's entry table on its own: values with and without expiry, and expiry by index. */
class EntryTableTest {
  private final EntryTable table = new EntryTable();

  private void write(long key, long expiresAt) {
    table.put(Data.count(key), new Entry(Data.string("v" + key), expiresAt));
  }

  private List<Data> due(long now) {
    List<Data> due = new ArrayList<>();
    table.due(now, k -> {
      due.add(k);
      table.remove(k);
    });
    return due;
  }

  @Test
  void entriesComeBackWithTheirExpiryOrNone() {
    write(1, -1);
    write(2, 500);
    assertEquals(new Entry(Data.string("v1"), -1), table.get(Data.count(1)));
    assertEquals(new Entry(Data.string("v2"), 500), table.get(Data.count(2)));
    write(2, -1);
    assertEquals(new Entry(Data.string("v2"), -1), table.get(Data.count(2)), "a re-put without expiry clears it");
    assertNull(table.get(Data.count(3)));
    List<String> seen = new ArrayList<>();
    table.forEach((k, v, at) -> seen.add(k + "=" + v + "@" + at));
    assertEquals(List.of("1=v1@-1", "2=v2@-1"), seen.stream().sorted().toList());
  }

  @Test
  void keysComeDueInTimeOrder() {
    write(1, 300);
    write(2, 100);
    write(3, -1);
    write(4, 200);
    assertEquals(List.of(), due(99));
    assertEquals(List.of(Data.count(2), Data.count(4)), due(200));
    assertEquals(List.of(Data.count(1)), due(1000));
    assertEquals(List.of(Data.count(3)), table.keys());
  }

  @Test
  void aKeyWrittenAgainOrErasedIsNotExpiredByItsOldTime() {
    write(1, 100);
    write(1, 500); // re-put with a later expiry
    write(2, 100);
    table.remove(Data.count(2));
    write(3, 100);
    write(3, -1); // re-put without expiry
    assertEquals(List.of(), due(200));
    assertEquals(List.of(Data.count(1)), due(500));
    assertEquals(1, table.size());
  }

  @Test
  void aClearForgetsEverythingDue() {
    write(1, 100);
    table.clear();
    assertEquals(List.of(), due(1000));
    assertEquals(0, table.size());
  }

  @Test
  void staleIndexItemsAreCompactedSoTheIndexStaysAboutTwiceTheExpiringKeys() {
    for (int round = 0; round < 100; round++) {
      for (int k = 0; k < 100; k++) {
        write(k, 1_000_000 + round);
      }
      due(0);
    }
    assertEquals(100, table.size());
    assertTrue(table.indexedExpiries() <= 2 * 100 + 1024, "index items: " + table.indexedExpiries());
    assertTrue(table.indexedExpiries() < 100 * 100, "compacted at least once");
    assertEquals(100, due(Long.MAX_VALUE).size());
  }
}
