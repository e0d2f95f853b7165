package io.brokervx.endpoint.impl;

import java.util.Comparator;
import java.util.UUID;

/** Endpoint ids compare as Broker compares them: {@code memcmp} over the 16 bytes (unsigned). */
final class Ids {
  /** Unsigned byte order of ids. */
  static final Comparator<UUID> ORDER = (a, b) -> {
    int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  };

  private Ids() {
  }

  /** @return whether {@code a} sorts before {@code b} */
  static boolean less(UUID a, UUID b) {
    return ORDER.compare(a, b) < 0;
  }
}
