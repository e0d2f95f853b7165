package io.brokervx.examples;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.codec.JsonFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.examples.kotlin.HostCounter;
import io.brokervx.verticle.EndpointVerticle;
import io.brokervx.verticle.MasterVerticle;
import io.brokervx.verticle.StoreService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Kotlin consumer receives bridged Zeek events and counts hosts in a store through the service. */
@ExtendWith(VertxExtension.class)
class KotlinConsumerTest {
  @Test
  void theKotlinVerticleCountsHostsFromBridgedEvents(Vertx vertx) {
    EndpointVerticle ev = new EndpointVerticle();
    await(vertx.deployVerticle(ev, new DeploymentOptions().setConfig(new JsonObject()
        .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("bridges", new JsonArray().add(new JsonObject().put("topic", "zeek/events/")
            .put("address", "zeek.events").put("direction", "in"))))));
    await(vertx.deployVerticle(new MasterVerticle(), new DeploymentOptions()
        .setConfig(new JsonObject().put("name", "hosts"))));
    await(vertx.deployVerticle(new HostCounter(), new DeploymentOptions()
        .setConfig(new JsonObject().put("address", "zeek.events").put("store", "hosts"))));
    Endpoint zeek = Endpoint.create(vertx);
    await(zeek.peer("127.0.0.1", ev.port()));
    eventually(vertx, "the bridge subscribed", () -> zeek.subscribersOf("zeek/events/conn").map(s -> !s.isEmpty()));
    for (String host : new String[] {"10.0.0.1", "10.0.0.2", "10.0.0.1"}) {
      zeek.publish("zeek/events/conn", ZeekEvent.of("conn", Data.address(host), Data.port(80,
          io.brokervx.data.PortData.Protocol.TCP)).toData());
    }
    StoreService hosts = StoreService.createProxy(vertx, "hosts");
    JsonObject one = JsonFormat.encode(Data.address("10.0.0.1"));
    eventually(vertx, "the Kotlin consumer counted 10.0.0.1 twice", () -> hosts.exists(one).compose(known -> known
        ? hosts.get(one).map(n -> JsonFormat.decode(n).equals(Data.count(2))) : Future.succeededFuture(false)));
    assertEquals(Data.count(1), JsonFormat.decode(await(hosts.get(JsonFormat.encode(Data.address("10.0.0.2"))))));
    await(zeek.close());
  }
}
