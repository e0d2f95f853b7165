package io.brokervx.verticle.impl;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The cluster manager of {@code broker-node -cluster}: Hazelcast, kept on 127.0.0.1 unless the user gives
 * a configuration ({@code -Dvertx.hazelcast.config=FILE}): listening on 127.0.0.1 only, TCP join with the members
 * 127.0.0.1:5701-5703, no multicast, no cloud auto-detection, no phone-home. Loaded only with {@code -cluster}, so the verticles
 * need Hazelcast on the class path only then (it is inside broker-node.jar).
 */
public final class LoopbackHazelcast {
  /** The system property Vert.x reads for a Hazelcast configuration file. */
  public static final String CONFIG_PROPERTY = "vertx.hazelcast.config";

  private LoopbackHazelcast() {
  }

  /** @return a Hazelcast cluster manager: the user's configuration, or the loopback-only default */
  public static ClusterManager create() {
    Config hz = ConfigUtil.loadConfig();
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    if (System.getProperty(CONFIG_PROPERTY) == null) {
      hz.setClusterName("broker-vertx");
      hz.setProperty("hazelcast.socket.bind.any", "false");
      hz.getNetworkConfig().setPort(5701).setPortAutoIncrement(true).setPortCount(3);
      hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
      JoinConfig join = hz.getNetworkConfig().getJoin();
      join.getMulticastConfig().setEnabled(false);
      join.getAutoDetectionConfig().setEnabled(false);
      join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1");
    }
    return new HazelcastClusterManager(hz);
  }
}
