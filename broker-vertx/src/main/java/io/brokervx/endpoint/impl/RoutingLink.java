package io.brokervx.endpoint.impl;

import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;

/**
 * A peering as the link-state router sees it: whom it reaches, in which protocol version, what a Broker
 * peer subscribes to, what the peer may do, and a way to send it control frames. A {@link PeerConnection}
 * is one; a simulation can supply others (no sockets needed).
 */
interface RoutingLink {
  UUID peerId();

  /** @return 1 for a Broker peer, 2 for a routing endpoint */
  int version();

  /** @return a Broker peer's filter */
  List<String> peerFilter();

  /** @return what the peer may do */
  Permissions permissions();

  /** Sends a control frame (never dropped). */
  void writeControl(Buffer frame);

  /** The established peerings of an endpoint. */
  interface Set {
    /** @return the established peerings (a snapshot) */
    RoutingLink[] links();

    /** @return the established peering with {@code peer}, or null */
    RoutingLink established(UUID peer);
  }
}
