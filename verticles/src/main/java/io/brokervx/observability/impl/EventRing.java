package io.brokervx.observability.impl;

import io.brokervx.endpoint.StatusEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent status events of every shown endpoint, for the live page: a ring of a fixed capacity that
 * forgets the oldest. An event that repeats one of the last {@value #REPEAT_WINDOW} (a peer retried every
 * second, say) moves that one to the front and counts it instead of taking another place. Endpoints add from their own contexts, the page reads from the server's, hence the lock
 * (status events are rare: peerings coming and going).
 */
final class EventRing {
  /**
   * One event.
   *
   * @param time when it was seen
   * @param endpoint the name of the endpoint that reported it
   * @param event the event
   * @param count how many times it was seen in a row
   */
  record Entry(Instant time, String endpoint, StatusEvent event, int count) {
  }

  private static final int REPEAT_WINDOW = 16;

  private final int capacity;
  private final ArrayDeque<Entry> ring;

  EventRing(int capacity) {
    this.capacity = capacity;
    this.ring = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  synchronized void add(String endpoint, StatusEvent event) {
    int count = 1;
    int looked = 0;
    for (Iterator<Entry> it = ring.descendingIterator(); it.hasNext() && looked++ < REPEAT_WINDOW; ) {
      Entry e = it.next();
      if (e.endpoint().equals(endpoint) && e.event().equals(event)) {
        it.remove();
        count = e.count() + 1;
        break;
      }
    }
    if (ring.size() == capacity) {
      ring.pollFirst();
    }
    ring.addLast(new Entry(Instant.now(), endpoint, event, count));
  }

  /** @return the events, newest first */
  synchronized List<Entry> recent() {
    List<Entry> out = new ArrayList<>(ring.size());
    for (Iterator<Entry> it = ring.descendingIterator(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
