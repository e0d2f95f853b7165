package io.brokervx.verticle;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.brokervx.codec.EventBusCodecs;
import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.test.Inbox;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two Vert.x instances clustered with Hazelcast on loopback: Broker events bridged on one instance reach an
 * event-bus consumer on the other, as JSON v1 and as {@link DataMessage}s through the binary wire codec.
 */
class ClusteredBridgeTest {
  private static Vertx clustered(int hzPort) {
    Config hz = ConfigUtil.loadConfig();
    hz.setProperty("hazelcast.phone.home.enabled", "false");
    hz.setClusterName("broker-vertx-test-" + ProcessHandle.current().pid());
    hz.getNetworkConfig().setPort(hzPort).setPortAutoIncrement(true);
    hz.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    JoinConfig join = hz.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + 15801).addMember("127.0.0.1:" + 15802);
    return await(Vertx.builder()
        .with(new VertxOptions().setEventBusOptions(new EventBusOptions().setHost("127.0.0.1").setPort(0)))
        .withClusterManager(new HazelcastClusterManager(hz)).buildClustered());
  }

  @Test
  void bridgedEventsReachAnotherClusteredInstance() {
    Vertx a = clustered(15801);
    Vertx b = clustered(15802);
    try {
      EventBusCodecs.register(b);
      EndpointVerticle ev = new EndpointVerticle();
      await(a.deployVerticle(ev, new DeploymentOptions().setConfig(new JsonObject()
          .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))
          .put("bridges", new JsonArray()
              .add(new JsonObject().put("topic", "zeek/").put("address", "zeek.json").put("direction", "in"))
              .add(new JsonObject().put("topic", "zeek/").put("address", "zeek.data").put("direction", "in")
                  .put("format", "data"))))));
      Inbox<Object> atB = new Inbox<>();
      await(b.eventBus().consumer("zeek.json", m -> atB.handle(m.body())).completion());
      await(b.eventBus().consumer("zeek.data", m -> atB.handle(m.body())).completion());
      Endpoint zeek = Endpoint.create(a);
      await(zeek.peer("127.0.0.1", ev.port()));
      eventually(a, "the bridge subscribed", () -> zeek.subscribersOf("zeek/x").map(s -> !s.isEmpty()));
      Data event = io.brokervx.codec.ZeekEvent.of("conn", Data.count(1), Data.address("10.0.0.1")).toData();
      Object asJson = JsonFormat.encodeMessage("zeek/conn", event);
      Object asData = new DataMessage("zeek/conn", event);
      // the cluster propagates each consumer's registration in its own time: publish until both are known
      eventually(a, "the event crossed the cluster as JSON and as a DataMessage", () -> {
        List<Object> got = atB.items();
        boolean both = got.contains(asJson) && got.contains(asData);
        if (!both) {
          zeek.publish("zeek/conn", event);
        }
        return both;
      });
      assertTrue(atB.items().stream().allMatch(m -> m.equals(asJson) || m.equals(asData)), atB.items().toString());
      await(zeek.close());
    } finally {
      await(a.close());
      await(b.close());
    }
  }
}
