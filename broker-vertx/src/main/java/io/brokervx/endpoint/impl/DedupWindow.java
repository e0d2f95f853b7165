package io.brokervx.endpoint.impl;

/**
 * Remembers which sequence numbers of one origin have been seen: the highest, and a bitmap of the 1024
 * below it. A message older than the window counts as seen. This is the safety net behind the delivery
 * trees: while the network converges after a change, a message may arrive twice; it is delivered once.
 */
final class DedupWindow {
  private static final int SIZE = 1024;
  private final long[] bits = new long[SIZE / 64];
  private boolean started;
  private long highest;

  /**
   * @return true when {@code seq} is new (and records it), false for a duplicate or a too-old number.
   *     Numbers compare as signed values: none wraps around to become newer.
   */
  boolean firstTime(long seq) {
    // differences of ordered numbers are exact as unsigned values, even across the whole signed range
    if (!started || (seq > highest && Long.compareUnsigned(seq - highest, SIZE) >= 0)) {
      java.util.Arrays.fill(bits, 0); // the first number, or a jump past the whole window
      started = true;
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
    if (Long.compareUnsigned(highest - seq, SIZE) >= 0) {
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
