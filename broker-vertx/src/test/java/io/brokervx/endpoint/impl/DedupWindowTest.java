package io.brokervx.endpoint.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-origin duplicate filter. Its rule: a number above the highest seen is new; one at most 1023 below
 * it is new unless seen; anything older counts as seen. Numbers are signed 64-bit values compared as such
 * (an origin's numbers start from its clock, far from either end), so no number "wraps around" to become
 * newer; the ends of the range must not break the window.
 */
class DedupWindowTest {
  private static final int SIZE = 1024;

  @Test
  void aNumberIsNewOnceThenADuplicate() {
    DedupWindow w = new DedupWindow();
    assertTrue(w.firstTime(100));
    assertFalse(w.firstTime(100));
    assertTrue(w.firstTime(101));
    assertFalse(w.firstTime(101));
    assertFalse(w.firstTime(100));
  }

  @Test
  void lateArrivalsInsideTheWindowAreNewOnce() {
    DedupWindow w = new DedupWindow();
    assertTrue(w.firstTime(1000));
    assertTrue(w.firstTime(990), "out of order, never seen");
    assertFalse(w.firstTime(990));
    assertTrue(w.firstTime(1000 - SIZE + 1), "the oldest number the window still holds");
    assertFalse(w.firstTime(1000 - SIZE + 1));
    assertFalse(w.firstTime(1000 - SIZE), "older than the window: counted as seen although it never came");
  }

  @Test
  void theWindowSlidesWithTheHighestNumber() {
    DedupWindow w = new DedupWindow();
    for (long s = 0; s < 5000; s += 2) {
      assertTrue(w.firstTime(s)); // every even number
    }
    assertFalse(w.firstTime(4998));
    assertTrue(w.firstTime(4997), "an odd number inside the window was never seen");
    assertTrue(w.firstTime(4998 - SIZE + 1), "odd, at the window's old end");
    assertFalse(w.firstTime(4998 - SIZE), "just outside the window");
    assertFalse(w.firstTime(3), "long gone");
  }

  @ParameterizedTest(name = "a jump of {0}")
  @ValueSource(longs = {SIZE - 1, SIZE, SIZE + 1, 1_000_000, Long.MAX_VALUE / 2})
  void aJumpForwardForgetsWhatFellOutOfTheWindowAndNothingInside(long jump) {
    DedupWindow w = new DedupWindow();
    long base = 1_700_000_000_000_000_000L;
    for (long s = base; s < base + SIZE; s++) {
      assertTrue(w.firstTime(s));
    }
    long top = base + SIZE - 1 + jump;
    assertTrue(w.firstTime(top));
    assertFalse(w.firstTime(top));
    for (long s = top - SIZE + 1; s < top; s++) {
      boolean seenBefore = s < base + SIZE;
      assertEquals(!seenBefore, w.firstTime(s), "number " + (s - base) + " after the jump");
    }
    assertFalse(w.firstTime(top - SIZE), "just below the new window");
  }

  @Test
  void theFirstNumberMayBeAnyValueEvenTheSmallest() {
    DedupWindow w = new DedupWindow();
    assertTrue(w.firstTime(Long.MIN_VALUE));
    assertFalse(w.firstTime(Long.MIN_VALUE), "a duplicate of the smallest number");
    assertTrue(w.firstTime(Long.MIN_VALUE + 1));
  }

  @Test
  void theLargestNumbersWork() {
    DedupWindow w = new DedupWindow();
    assertTrue(w.firstTime(Long.MAX_VALUE - 1));
    assertTrue(w.firstTime(Long.MAX_VALUE));
    assertFalse(w.firstTime(Long.MAX_VALUE));
    assertFalse(w.firstTime(Long.MAX_VALUE - 1));
    assertTrue(w.firstTime(Long.MAX_VALUE - 2));
    assertFalse(w.firstTime(Long.MIN_VALUE), "after the largest, the smallest is old: numbers do not wrap");
  }

  @Test
  void aNumberFromTheOtherEndOfTheRangeNeitherResetsNorStallsTheWindow() {
    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      DedupWindow w = new DedupWindow();
      assertTrue(w.firstTime(5));
      assertTrue(w.firstTime(6));
      assertFalse(w.firstTime(Long.MIN_VALUE + 3), "far below the window: old, not a jump forward");
      assertFalse(w.firstTime(6), "the window still holds what it had");
      assertTrue(w.firstTime(7), "and moves on");
      assertTrue(w.firstTime(Long.MAX_VALUE), "far above: a jump forward");
      assertFalse(w.firstTime(7));
    });
  }

  /** Random walks with late, duplicate and far numbers, against the rule computed with exact arithmetic. */
  @Test
  void randomSequencesFollowTheRule() {
    Random r = new Random(42);
    for (int run = 0; run < 20; run++) {
      DedupWindow w = new DedupWindow();
      Set<Long> seen = new HashSet<>();
      long highest = 0;
      long next = run % 2 == 0 ? r.nextLong() : 1_700_000_000_000_000_000L;
      for (int i = 0; i < 20_000; i++) {
        long s;
        int kind = r.nextInt(100);
        if (kind < 60) {
          s = next++;
        } else if (kind < 90) {
          s = next - 1 - r.nextInt(2 * SIZE); // late, or a duplicate, maybe older than the window
        } else if (kind < 99) {
          s = next + r.nextInt(3 * SIZE); // a gap
        } else {
          s = r.nextLong(); // anything
        }
        next = Math.max(next, s == Long.MAX_VALUE ? s : s + 1);
        boolean expected = seen.isEmpty() || s > highest
            || (BigInteger.valueOf(highest).subtract(BigInteger.valueOf(s)).compareTo(BigInteger.valueOf(SIZE)) < 0
                && !seen.contains(s));
        assertEquals(expected, w.firstTime(s), "run " + run + " step " + i + ": " + s + " (highest " + highest + ")");
        if (expected) {
          seen.add(s);
          highest = seen.size() == 1 ? s : Math.max(highest, s);
        }
      }
    }
  }
}
