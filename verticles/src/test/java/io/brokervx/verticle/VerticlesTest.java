package io.brokervx.verticle;

import io.brokervx.error.ErrorCode;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.test.Inbox;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.serviceproxy.ServiceException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The verticles deployed on a real Vert.x instance: configuration, bridges, the store service, cleanup. */
@ExtendWith(VertxExtension.class)
class VerticlesTest {
  private Vertx vertx;
  @TempDir
  Path dir;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private Future<String> deploy(io.vertx.core.Deployable v, JsonObject config) {
    return vertx.deployVerticle(v, new DeploymentOptions().setConfig(config));
  }

  @Test
  void badConfigurationsFailTheDeploymentNamingTheKey() {
    assertTrue(failure(deploy(new EndpointVerticle(), new JsonObject().put("lisen", 1))).getMessage().contains("'lisen'"));
    assertTrue(failure(deploy(new EndpointVerticle(), new JsonObject().put("listen", new JsonObject().put("port", 70000))))
        .getMessage().contains("'port'"));
    assertTrue(failure(deploy(new EndpointVerticle(), new JsonObject().put("peers", new JsonArray().add("nowhere"))))
        .getMessage().contains("host:port"));
    assertTrue(failure(deploy(new EndpointVerticle(), new JsonObject().put("options", new JsonObject().put("ttl", 0))))
        .getMessage().contains("ttl"));
    assertTrue(failure(deploy(new EndpointVerticle(), new JsonObject().put("bridges", new JsonArray()
        .add(new JsonObject().put("topic", "t").put("address", "a").put("direction", "sideways"))))).getMessage()
        .contains("'direction'"));
    assertTrue(failure(deploy(new MasterVerticle(), new JsonObject().put("name", "kv").put("endpointTimeout", 100)))
        .getMessage().contains("no endpoint named 'default' was deployed within 100 ms"));
    await(deploy(new EndpointVerticle(), new JsonObject()));
    assertTrue(failure(deploy(new MasterVerticle(), new JsonObject())).getMessage().contains("'name'"));
    assertTrue(failure(deploy(new MasterVerticle(), new JsonObject().put("name", "kv").put("backend", "sqlite")))
        .getMessage().contains("'path'"));
    assertTrue(failure(deploy(new EndpointVerticle(), new JsonObject())).getMessage().contains("already deployed"));
    assertTrue(failure(deploy(new BrokerNodeVerticle(), new JsonObject())).getMessage().contains("'endpoint' is required"));
  }

  @Test
  void undeployingReleasesThePortAndTheSqliteFile() throws Exception {
    int port = freePort();
    String file = dir.resolve("kv.sqlite").toString();
    for (int round = 0; round < 2; round++) {
      String ep = await(deploy(new EndpointVerticle(), new JsonObject().put("listen",
          new JsonObject().put("host", "127.0.0.1").put("port", port))));
      MasterVerticle mv = new MasterVerticle();
      String m = await(deploy(mv, new JsonObject().put("name", "kv").put("backend", "sqlite").put("path", file)));
      StoreService kv = StoreService.createProxy(vertx, "kv");
      JsonObject key = JsonFormat.encode(Data.string("round"));
      if (round == 1) {
        assertEquals(Data.count(0), JsonFormat.decode(await(kv.get(key))), "the file kept the first round's write");
      }
      await(kv.put(key, JsonFormat.encode(Data.count(round)), null));
      await(vertx.undeploy(m));
      await(vertx.undeploy(ep));
    }
  }

  @Test
  void bridgesCarryMessagesBothWaysAndRejectBadJson() {
    EndpointVerticle ev = new EndpointVerticle();
    await(deploy(ev, new JsonObject().put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("bridges", new JsonArray()
            .add(new JsonObject().put("topic", "zeek/").put("address", "zeek.events").put("direction", "both"))
            .add(new JsonObject().put("topic", "raw/").put("address", "raw.events").put("direction", "in")
                .put("format", "data"))
            .add(new JsonObject().put("topic", "cmd/").put("address", "cmd").put("direction", "out")))));
    Endpoint outside = Endpoint.create(vertx);
    Inbox<DataMessage> outsideGot = new Inbox<>();
    outside.subscribe("zeek/").handler(outsideGot);
    outside.subscribe("cmd/").handler(outsideGot);
    Inbox<Object> busGot = new Inbox<>();
    vertx.eventBus().consumer("zeek.events", m -> busGot.handle(m.body()));
    vertx.eventBus().consumer("raw.events", m -> busGot.handle(m.body()));
    await(outside.peer("127.0.0.1", ev.port()));
    eventually(vertx, "bridge subscriptions visible", () -> Future.all(outside.subscribersOf("zeek/x"),
        outside.subscribersOf("raw/x"))
        .map(c -> c.<Set<UUID>>resultAt(0).size() == 1 && c.<Set<UUID>>resultAt(1).size() == 1));
    outside.publish("zeek/conn", Data.count(7));
    outside.publish("raw/x", Data.string("r"));
    List<Object> two = busGot.awaitSize(2);
    assertTrue(two.contains(JsonFormat.encodeMessage("zeek/conn", Data.count(7))), two.toString());
    assertTrue(two.contains(new DataMessage("raw/x", Data.string("r"))), two.toString());

    // the bridge's endpoint must know the outside subscriber before publishing to it
    eventually(vertx, "the bridge sees the outside subscribers of zeek/ and cmd/", () -> Future.all(
        ev.endpoint().subscribersOf("zeek/x"), ev.endpoint().subscribersOf("cmd/x"))
        .map(c -> !c.<Set<UUID>>resultAt(0).isEmpty() && !c.<Set<UUID>>resultAt(1).isEmpty()));
    vertx.eventBus().send("zeek.events.out", JsonFormat.encode(Data.string("plain value")));
    outsideGot.awaitSize(1);
    await(vertx.eventBus().request("cmd.out", JsonFormat.encodeMessage("cmd/notice", Data.bool(true))));
    outsideGot.awaitSize(2);
    vertx.eventBus().send("cmd.out", "{\"@data-type\":\"count\",\"data\":9}");
    assertEquals(List.of(new DataMessage("zeek/", Data.string("plain value")), new DataMessage("cmd/notice",
        Data.bool(true)), new DataMessage("cmd/", Data.count(9))), outsideGot.awaitSize(3), "three messages outside");

    Throwable bad = failure(vertx.eventBus().request("cmd.out", new JsonObject().put("@data-type", "phone")));
    assertInstanceOf(ReplyException.class, bad);
    assertEquals(ErrorCode.INVALID_DATA.code(), ((ReplyException) bad).failureCode());
    Throwable outsidePrefix = failure(vertx.eventBus().request("cmd.out",
        JsonFormat.encodeMessage("elsewhere/x", Data.none())));
    assertEquals(ErrorCode.INVALID_DATA.code(), ((ReplyException) outsidePrefix).failureCode());
    assertEquals(3, outsideGot.size(), "nothing else was published");
    // only the two bridged-in messages reached the inbound addresses
    assertEquals(2, busGot.size(), busGot.items().toString());
    await(outside.close());
  }

  private static void expectError(ErrorCode code, Future<?> f) {
    Throwable t = failure(f);
    assertInstanceOf(ServiceException.class, t, String.valueOf(t));
    assertEquals(code.code(), ((ServiceException) t).failureCode());
    assertEquals(code.brokerName(), t.getMessage());
  }

  private static JsonObject j(Data d) {
    return JsonFormat.encode(d);
  }

  private static Data d(JsonObject j) {
    return JsonFormat.decode(j);
  }

  /** Every method of the service through the generated proxy. */
  private static void exercise(StoreService s) {
    JsonObject k = j(Data.string("k"));
    await(s.put(k, j(Data.count(1)), null));
    assertEquals(Data.count(1), d(await(s.get(k))));
    assertFalse(await(s.putUnique(k, j(Data.count(2)), null)));
    assertTrue(await(s.putUnique(j(Data.string("u")), j(Data.none()), 60_000L)));
    await(s.increment(k, j(Data.count(4)), null));
    await(s.decrement(k, j(Data.count(2)), 60_000L));
    assertEquals(Data.count(3), d(await(s.get(k))));
    await(s.append(j(Data.string("s")), j(Data.string("ab")), null));
    await(s.insertInto(j(Data.string("set")), j(Data.count(5)), null));
    assertEquals(Data.bool(true), d(await(s.getIndexFromValue(j(Data.string("set")), j(Data.count(5))))));
    await(s.insertIntoAt(j(Data.string("t")), j(Data.string("a")), j(Data.count(1)), null));
    await(s.removeFrom(j(Data.string("t")), j(Data.string("a")), null));
    await(s.push(j(Data.string("v")), j(Data.count(1)), null));
    await(s.push(j(Data.string("v")), j(Data.count(2)), null));
    await(s.pop(j(Data.string("v")), null));
    assertEquals(Data.vector(Data.count(1)), d(await(s.get(j(Data.string("v"))))));
    assertTrue(await(s.exists(k)));
    await(s.erase(k));
    assertFalse(await(s.exists(k)));
    assertEquals(Data.set(Data.string("u"), Data.string("s"), Data.string("set"), Data.string("t"), Data.string("v")),
        d(await(s.keys())));
    expectError(ErrorCode.NO_SUCH_KEY, s.get(k));
    expectError(ErrorCode.TYPE_CLASH, s.increment(j(Data.string("s")), j(Data.count(1)), null));
    expectError(ErrorCode.NO_SUCH_KEY, s.decrement(j(Data.string("missing")), j(Data.count(1)), null));
    expectError(ErrorCode.INVALID_DATA, s.put(new JsonObject().put("@data-type", "phone"), j(Data.none()), null));
    expectError(ErrorCode.INVALID_DATA, s.put(k, j(Data.none()), -5L));
    await(s.clear());
    assertEquals(Data.set(), d(await(s.keys())));
  }

  @Test
  void theStoreServiceWorksThroughTheGeneratedProxyOnMasterAndClone() {
    EndpointVerticle master = new EndpointVerticle();
    await(deploy(master, new JsonObject().put("name", "m").put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))));
    await(deploy(new MasterVerticle(), new JsonObject().put("name", "kv").put("endpoint", "m")));
    exercise(StoreService.createProxy(vertx, "kv"));

    // a clone of another store, on a second endpoint peered with the first, in the same Vert.x instance
    await(deploy(new MasterVerticle(), new JsonObject().put("name", "shared").put("endpoint", "m")));
    await(deploy(new EndpointVerticle(), new JsonObject().put("name", "c")
        .put("peers", new JsonArray().add("127.0.0.1:" + master.port()))));
    await(deploy(new CloneVerticle(), new JsonObject().put("name", "shared").put("endpoint", "c")
        .put("address", "broker.store.shared.clone").put("options", new JsonObject().put("heartbeatInterval", 100))));
    StoreService clone = new io.vertx.serviceproxy.ServiceProxyBuilder(vertx).setAddress("broker.store.shared.clone")
        .build(StoreService.class);
    eventually(vertx, "the clone synchronized", () -> clone.keys().map(true));
    exercise(clone);
  }
}
