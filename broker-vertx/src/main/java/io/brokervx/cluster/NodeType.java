package io.brokervx.cluster;

import java.util.Locale;

/** The roles of a cluster node, as in Zeek's {@code Cluster::NodeType} (plus {@code data} nodes). */
public enum NodeType {
  MANAGER, LOGGER, PROXY, WORKER, DATA;

  /** @return the lower-case name used in layouts and topics, e.g. {@code worker} */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the type named {@code name} @throws IllegalArgumentException for an unknown name */
  public static NodeType fromConfigName(String name) {
    for (NodeType t : values()) {
      if (t.configName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown node type '" + name + "' (manager, logger, proxy, worker, data)");
  }
}
