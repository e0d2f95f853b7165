package io.brokervx.verticle;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Verticles deployed "in the same breath" find their endpoint (or say clearly why not), and a two-way bridge
 * never takes the sends meant for the application's own consumers.
 */
@ExtendWith(VertxExtension.class)
class StartupAndBridgeAddressesTest {
  private static Future<String> deploy(Vertx vertx, io.vertx.core.Deployable v, JsonObject config) {
    return vertx.deployVerticle(v, new DeploymentOptions().setConfig(config));
  }

  @Test
  void storeVerticlesDeployedWithTheirEndpointWaitForIt(Vertx vertx) {
    for (int round = 0; round < 5; round++) {
      String name = "ep" + round;
      // the store verticles first: their endpoint comes a moment later
      Future<String> master = deploy(vertx, new MasterVerticle(), new JsonObject().put("name", "kv" + round).put("endpoint", name));
      Future<String> clone = deploy(vertx, new CloneVerticle(), new JsonObject().put("name", "other" + round)
          .put("endpoint", name).put("address", "clone" + round));
      Future<String> endpoint = deploy(vertx, new EndpointVerticle(), new JsonObject().put("name", name)
          .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0)));
      await(Future.all(endpoint, master, clone));
      StoreService kv = StoreService.createProxy(vertx, "kv" + round);
      await(kv.put(JsonFormat.encode(Data.count(1)), JsonFormat.encode(Data.string("x")), null));
      assertEquals(Data.string("x"), JsonFormat.decode(await(kv.get(JsonFormat.encode(Data.count(1))))));
    }
  }

  @Test
  void aStoreVerticleWithoutItsEndpointFailsClearlyAfterTheBound(Vertx vertx) {
    long start = System.nanoTime();
    Throwable t = failure(deploy(vertx, new MasterVerticle(), new JsonObject().put("name", "kv").put("endpointTimeout", 300)));
    assertInstanceOf(IllegalArgumentException.class, t);
    assertEquals("MasterVerticle 'kv': no endpoint named 'default' was deployed within 300 ms (deploy an "
        + "EndpointVerticle named 'default', or set 'endpoint' to the name of one)", t.getMessage());
    assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(300), "it waited");
  }

  @Test
  void anEndpointThatCannotListenNamesHostAndPortAndFailsItsWaiters(Vertx vertx) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      int port = taken.getLocalPort();
      Future<String> master = deploy(vertx, new MasterVerticle(), new JsonObject().put("name", "kv"));
      Throwable t = failure(deploy(vertx, new EndpointVerticle(), new JsonObject()
          .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", port))));
      assertInstanceOf(IllegalStateException.class, t);
      assertEquals("cannot listen on 127.0.0.1:" + port + ": address already in use", t.getMessage());
      assertEquals("MasterVerticle 'kv': endpoint 'default' failed to start: " + t.getMessage(),
          failure(master).getMessage());
      // the name is free again
      await(deploy(vertx, new EndpointVerticle(), new JsonObject()));
    }
  }

  @Test
  void theApplicationConsumesAndSendsOnTheBridgeAddressesAndLosesNothing(Vertx vertx) {
    EndpointVerticle ev = new EndpointVerticle();
    await(deploy(vertx, ev, new JsonObject().put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("bridges", new JsonArray().add(new JsonObject().put("topic", "zeek/events/").put("address", "zeek.events")))));
    // two consumers of the application on the inbound address, as many applications have
    List<JsonObject> first = new CopyOnWriteArrayList<>();
    List<JsonObject> second = new CopyOnWriteArrayList<>();
    vertx.eventBus().<JsonObject>consumer("zeek.events", m -> first.add(m.body()));
    vertx.eventBus().<JsonObject>consumer("zeek.events", m -> second.add(m.body()));
    Endpoint zeek = Endpoint.create(vertx);
    List<DataMessage> atZeek = new CopyOnWriteArrayList<>();
    zeek.subscribe("zeek/events/").handler(atZeek::add);
    await(zeek.peer("127.0.0.1", ev.port()));
    eventually(vertx, "each side sees the other's subscription", () -> Future.all(
        ev.endpoint().subscribersOf("zeek/events/x"), zeek.subscribersOf("zeek/events/x"))
        .map(c -> c.<Set<UUID>>resultAt(0).contains(zeek.id()) && !c.<Set<UUID>>resultAt(1).isEmpty()));

    for (int i = 0; i < 10; i++) {
      vertx.eventBus().send("zeek.events.out", JsonFormat.encodeMessage("zeek/events/app", Data.count(i)));
      zeek.publish("zeek/events/zeek", Data.count(100 + i));
    }
    eventually(vertx, "10 sends reached Broker", () -> atZeek.size() >= 10);
    eventually(vertx, "both consumers got Broker's 10", () -> first.size() >= 10 && second.size() >= 10);
    for (int i = 0; i < 10; i++) {
      assertEquals(new DataMessage("zeek/events/app", Data.count(i)), atZeek.get(i));
      JsonObject expected = JsonFormat.encodeMessage("zeek/events/zeek", Data.count(100 + i));
      assertEquals(expected, first.get(i));
      assertEquals(expected, second.get(i));
    }
    assertEquals(10, atZeek.size(), "nothing twice");
    assertEquals(10, first.size(), "nothing echoed back");
    await(zeek.close());
  }
}
