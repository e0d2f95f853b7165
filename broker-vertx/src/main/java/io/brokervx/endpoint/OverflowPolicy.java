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
  DROP_NEWEST,
  /**
   * Lose nothing (peer buffers only): once a peer's buffer is half full, the endpoint stops reading the links
   * that could feed it (all its other peerings; TCP then slows their senders, hop by hop) and its local
   * publishers see {@code writeQueueFull()} on {@link Endpoint#publisher(String)}, until the buffer is below half
   * again. The cost: one slow peer slows everything upstream of it. A peer whose buffer stays at least half full
   * for longer than the heartbeat timeout is dropped, so a peer that stops reading cannot stall its upstream for
   * ever; a buffer that fills completely (only a local caller of {@code publish} that ignores
   * {@code writeQueueFull()} can do that) disconnects the peer, as {@link #DISCONNECT} does.
   */
  BACKPRESSURE;

  /** @return the configuration name: {@code disconnect}, {@code drop_oldest}, {@code drop_newest} or {@code backpressure} */
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
    throw new IllegalArgumentException("unknown overflow policy '" + name + "' (disconnect, drop_oldest, drop_newest, backpressure)");
  }
}
