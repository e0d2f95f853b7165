package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.StatusCode;
import io.brokervx.error.ErrorCode;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Counts what the authorization rules refused, and reports it as status events, at most one per peer every
 * {@link #REPORT_INTERVAL_NANOS} (with the number refused since the last report), so a peer that keeps
 * trying cannot flood the status stream.
 */
final class Denials {
  private static final long REPORT_INTERVAL_NANOS = 10_000_000_000L;
  private static final int REMEMBERED_PEERS = 1024;

  private final StatusBus status;
  private final Map<UUID, long[]> lastReport = new HashMap<>();
  private long total;

  Denials(StatusBus status) {
    this.status = status;
  }

  /** @return how many messages the rules refused */
  long total() {
    return total;
  }

  /** Counts a refusal of what {@code c} sent or should have been sent, and reports it when it is time. */
  void deny(PeerConnection c, String what) {
    total++;
    if (lastReport.size() >= REMEMBERED_PEERS && !lastReport.containsKey(c.peerId())) {
      lastReport.clear();
    }
    long[] r = lastReport.computeIfAbsent(c.peerId(), k -> new long[] {Long.MIN_VALUE, 0});
    r[1]++;
    long now = System.nanoTime();
    if (r[0] == Long.MIN_VALUE || now - r[0] >= REPORT_INTERVAL_NANOS) {
      status.emit(StatusCode.ERROR, c.peerId(), c.host(), c.port(), ErrorCode.PEER_INVALID,
          "denied by rule: " + c.identity() + " " + what + (r[1] > 1 ? " (" + r[1] + " refused since the last report)" : ""));
      r[0] = now;
      r[1] = 0;
    }
  }
}
