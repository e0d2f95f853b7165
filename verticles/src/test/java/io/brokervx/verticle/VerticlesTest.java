package io.brokervx.verticle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.ErrorCode;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verticles deployed on a real Vert.x instance: configuration, bridges, the store service, cleanup. */
class VerticlesTest {
  private Vertx vertx;
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable failure(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Checks {@code condition} on the test thread every 20 ms (a Vert.x timer) until it holds, or fails. */
  private void eventually(String what, Supplier<Boolean> condition) {
    eventually(vertx, what, condition);
  }

  /** Checks {@code condition} on the calling thread every 20 ms (a Vert.x timer) until it holds, or fails. */
  static void eventually(Vertx vertx, String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Promise<Void> tick = Promise.promise();
      vertx.setTimer(20, t -> tick.complete());
      await(tick.future());
    }
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
    List<DataMessage> outsideGot = new CopyOnWriteArrayList<>();
    outside.subscribe("zeek/").handler(outsideGot::add);
    outside.subscribe("cmd/").handler(outsideGot::add);
    List<Object> busGot = new CopyOnWriteArrayList<>();
    vertx.eventBus().consumer("zeek.events", m -> busGot.add(m.body()));
    vertx.eventBus().consumer("raw.events", m -> busGot.add(m.body()));
    await(outside.peer("127.0.0.1", ev.port()));
    eventually("bridge subscriptions visible", () -> await(outside.subscribersOf("zeek/x")).size() == 1
        && await(outside.subscribersOf("raw/x")).size() == 1);
    outside.publish("zeek/conn", Data.count(7));
    outside.publish("raw/x", Data.string("r"));
    eventually("two messages on the bus", () -> busGot.size() == 2);
    assertTrue(busGot.contains(JsonFormat.encodeMessage("zeek/conn", Data.count(7))), busGot.toString());
    assertTrue(busGot.contains(new DataMessage("raw/x", Data.string("r"))), busGot.toString());

    // the bridge's endpoint must know the outside subscriber before publishing to it
    eventually("the bridge sees the outside subscriber of zeek/ and cmd/",
        () -> await(ev.endpoint().subscribersOf("zeek/x")).contains(outside.id())
            && await(ev.endpoint().subscribersOf("cmd/x")).contains(outside.id()));
    vertx.eventBus().send("zeek.events.out", JsonFormat.encode(Data.string("plain value")));
    eventually("first", () -> outsideGot.size() == 1);
    await(vertx.eventBus().request("cmd.out", JsonFormat.encodeMessage("cmd/notice", Data.bool(true))));
    eventually("second", () -> outsideGot.size() == 2);
    vertx.eventBus().send("cmd.out", "{\"@data-type\":\"count\",\"data\":9}");
    eventually("three messages outside", () -> outsideGot.size() == 3);
    assertEquals(List.of(new DataMessage("zeek/", Data.string("plain value")), new DataMessage("cmd/notice",
        Data.bool(true)), new DataMessage("cmd/", Data.count(9))), outsideGot);

    Throwable bad = failure(vertx.eventBus().request("cmd.out", new JsonObject().put("@data-type", "phone")));
    assertInstanceOf(ReplyException.class, bad);
    assertEquals(ErrorCode.INVALID_DATA.code(), ((ReplyException) bad).failureCode());
    Throwable outsidePrefix = failure(vertx.eventBus().request("cmd.out",
        JsonFormat.encodeMessage("elsewhere/x", Data.none())));
    assertEquals(ErrorCode.INVALID_DATA.code(), ((ReplyException) outsidePrefix).failureCode());
    assertEquals(3, outsideGot.size(), "nothing else was published");
    // only the two bridged-in messages reached the inbound addresses
    assertEquals(2, busGot.size(), busGot.toString());
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
    eventually("the clone synchronized", () -> {
      try {
        await(clone.keys());
        return true;
      } catch (AssertionError e) {
        return false;
      }
    });
    exercise(clone);
  }
}
