package io.brokervx.endpoint.impl;

import java.util.UUID;

/**
 * The mark in the ttl field of a value sent to a Broker peer that must relay it. Broker never reads or
 * changes the ttl (it writes 16 on what it publishes), so what a Broker endpoint relays arrives at the
 * next routing endpoint still naming (by a 15-bit hash) the root of the delivery tree it belongs to: that
 * endpoint takes it only if the Broker endpoint is its parent in that tree, and drops the copies Broker's
 * own forwarding makes.
 */
final class RelayMark {
  private static final int FLAG = 0x8000;

  private RelayMark() {
  }

  /** @return the ttl marking a value of {@code root}'s tree */
  static int of(UUID root) {
    int h = root.hashCode();
    return FLAG | ((h ^ (h >>> 15)) & 0x7fff);
  }

  /** @return whether a received ttl carries a mark */
  static boolean isMark(int ttl) {
    return (ttl & FLAG) != 0;
  }
}
