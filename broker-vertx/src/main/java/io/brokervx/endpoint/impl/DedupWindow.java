package io.brokervx.endpoint.impl;

/**
 * Remembers which sequence numbers of one origin have been seen: the highest, and a bitmap of the 1024
 * below it. A message older than the window counts as seen. This is the safety net behind the delivery
 * trees: while the network converges after a change, a message may arrive twice; it is delivered once.
 */
final class DedupWindow {
  private static final int SIZE = 1024;
  private final long[] bits = new long[SIZE / 64];
  private long highest = Long.MIN_VALUE;

  /** @return true when {@code seq} is new (and records it), false for a duplicate or a too-old number */
  boolean firstTime(long seq) {
    if (highest == Long.MIN_VALUE || seq - highest >= SIZE) {
      java.util.Arrays.fill(bits, 0);
      highest = seq;
      set(seq);
      return true;
    }
    if (seq > highest) {
      for (long s = highest + 1; s < seq; s++) {
        clear(s);
      }
      clear(seq);
      highest = seq;
      set(seq);
      return true;
    }
    if (highest - seq >= SIZE) {
      return false;
    }
    if (isSet(seq)) {
      return false;
    }
    set(seq);
    return true;
  }

  private void set(long s) {
    int i = (int) (s & (SIZE - 1));
    bits[i >>> 6] |= 1L << (i & 63);
  }

  private void clear(long s) {
    int i = (int) (s & (SIZE - 1));
    bits[i >>> 6] &= ~(1L << (i & 63));
  }

  private boolean isSet(long s) {
    int i = (int) (s & (SIZE - 1));
    return (bits[i >>> 6] & (1L << (i & 63))) != 0;
  }
}
