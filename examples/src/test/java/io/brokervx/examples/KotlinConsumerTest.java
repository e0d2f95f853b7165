package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.examples.kotlin.HostCounter;
import io.brokervx.verticle.EndpointVerticle;
import io.brokervx.verticle.MasterVerticle;
import io.brokervx.verticle.StoreService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The Kotlin consumer receives bridged Zeek events and counts hosts in a store through the service. */
class KotlinConsumerTest {
  @Test
  void theKotlinVerticleCountsHostsFromBridgedEvents() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      EndpointVerticle ev = new EndpointVerticle();
      ToolRuntime.await(vertx.deployVerticle(ev, new DeploymentOptions().setConfig(new JsonObject()
          .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))
          .put("bridges", new JsonArray().add(new JsonObject().put("topic", "zeek/events/")
              .put("address", "zeek.events").put("direction", "in"))))));
      ToolRuntime.await(vertx.deployVerticle(new MasterVerticle(), new DeploymentOptions()
          .setConfig(new JsonObject().put("name", "hosts"))));
      ToolRuntime.await(vertx.deployVerticle(new HostCounter(), new DeploymentOptions()
          .setConfig(new JsonObject().put("address", "zeek.events").put("store", "hosts"))));
      Endpoint zeek = Endpoint.create(vertx);
      ToolRuntime.await(zeek.peer("127.0.0.1", ev.port()));
      long deadline = System.currentTimeMillis() + 20_000;
      while (ToolRuntime.await(zeek.subscribersOf("zeek/events/conn")).isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline);
        Thread.sleep(20);
      }
      for (String host : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.1"}) {
        zeek.publish("zeek/events/conn", ZeekEvent.of("conn", Data.address(host), Data.port(80,
            io.brokervx.data.PortData.Protocol.TCP)).toData());
      }
      StoreService hosts = StoreService.createProxy(vertx, "hosts");
      JsonObject one = JsonFormat.encode(Data.address("10.0.0.1"));
      while (!ToolRuntime.await(hosts.exists(one))
          || !JsonFormat.decode(ToolRuntime.await(hosts.get(one))).equals(Data.count(2))) {
        assertTrue(System.currentTimeMillis() < deadline, "the Kotlin consumer counted 10.0.0.1 twice");
        Thread.sleep(20);
      }
      assertEquals(Data.count(1), JsonFormat.decode(ToolRuntime.await(hosts.get(JsonFormat.encode(Data.address("10.0.0.2"))))));
      ToolRuntime.await(zeek.close());
    } finally {
      ToolRuntime.await(vertx.close());
    }
  }
}
