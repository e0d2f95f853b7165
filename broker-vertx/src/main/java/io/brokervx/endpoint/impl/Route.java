package io.brokervx.endpoint.impl;

import java.util.UUID;

/**
 * Where one message goes from here: the neighbors to send it to, and for each whether it must relay it
 * further (which decides how a Broker neighbor gets it).
 *
 * @param targets the neighbors, in the tree's order (do not modify)
 * @param relays for each target, whether it has children to pass the message to (do not modify)
 */
record Route(UUID[] targets, boolean[] relays) {
  /** Nowhere. */
  static final Route NONE = new Route(new UUID[0], new boolean[0]);

  /** @return a route to the one neighbor {@code hop}, which passes the message on or keeps it */
  static Route to(UUID hop) {
    return hop == null ? NONE : new Route(new UUID[] {hop}, new boolean[] {false});
  }
}
