package io.brokervx.endpoint;

import java.util.Locale;

/**
 * What a bounded buffer does when it is full and another message arrives (Broker's
 * {@code peer_overflow_policy}). Every message a policy discards is counted.
 */
public enum OverflowPolicy {
  /** Close the peering (or subscription): the reader is too slow to keep. */
  DISCONNECT,
  /** Discard the oldest buffered message to make room. */
  DROP_OLDEST,
  /** Discard the arriving message. */
  DROP_NEWEST;

  /** @return the configuration name: {@code disconnect}, {@code drop_oldest} or {@code drop_newest} */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return the policy named {@code name} (case-insensitive)
   * @throws IllegalArgumentException for an unknown name
   */
  public static OverflowPolicy fromConfigName(String name) {
    for (OverflowPolicy p : values()) {
      if (p.configName().equalsIgnoreCase(name)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown overflow policy '" + name + "' (disconnect, drop_oldest, drop_newest)");
  }
}
