package io.brokervx.cluster;

import java.util.UUID;

/**
 * A cluster node came up (its hello arrived) or went down (it became unreachable).
 *
 * @param up whether the node came up
 * @param name the node's name in the layout
 * @param id its endpoint id
 */
public record NodeEvent(boolean up, String name, UUID id) {
  @Override
  public String toString() {
    return (up ? "node_up(" : "node_down(") + name + ", " + id + ")";
  }
}
