package io.brokervx.endpoint.impl;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The hop-by-hop flow control of the {@code backpressure} overflow policy: while some peers' output buffers are
 * at least half full, the endpoint stops reading every other peering (any of them could feed a full one; a full
 * peer itself is read on, unless another one is full too). Reading resumes once no buffer is half full; TCP
 * carries the pause on to the senders, whose own buffers and publishers then wait in turn.
 */
final class Backpressure {
  private final Supplier<PeerConnection[]> links;
  private final Set<PeerConnection> congested = new HashSet<>();

  /** @param links the established peerings, now */
  Backpressure(Supplier<PeerConnection[]> links) {
    this.links = links;
  }

  /** {@code c}'s output buffer became at least half full ({@code true}) or fell below half. */
  void congestion(PeerConnection c, boolean full) {
    if (full ? congested.add(c) : congested.remove(c)) {
      update();
    }
  }

  /** Pauses or resumes every link as the congested peers require (also when a link comes up). */
  void update() {
    for (PeerConnection c : links.get()) {
      c.setFlowPaused(congested.size() > 1 || (congested.size() == 1 && !congested.contains(c)));
    }
  }
}
