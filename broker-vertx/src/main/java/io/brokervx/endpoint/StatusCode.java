package io.brokervx.endpoint;

import java.util.Locale;

/** What a {@link StatusEvent} reports: Broker's status codes plus {@link #ERROR} for failed connections. */
public enum StatusCode {
  /** A peering completed its handshake. */
  PEER_ADDED,
  /** A peering ended in an orderly way (unpeer, close, or the remote said goodbye). */
  PEER_REMOVED,
  /** A peering ended unexpectedly (connection lost, heartbeat timeout, overflow, bad input). */
  PEER_LOST,
  /** An endpoint became reachable through the peered network. */
  ENDPOINT_DISCOVERED,
  /** An endpoint is no longer reachable: the last path to it is gone. */
  ENDPOINT_UNREACHABLE,
  /** A connection failed before it became a peering (refused, bad handshake, hostile bytes). */
  ERROR;

  /** @return Broker's name, e.g. {@code peer_added} */
  public String brokerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
