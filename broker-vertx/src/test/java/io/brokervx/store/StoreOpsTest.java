package io.brokervx.store;

import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.error.BrokerException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code vectors/store-ops.json} (results of a real Broker) against a master on each
 * backend and against a clone of a master, over a real peering.
 */
@ExtendWith(VertxExtension.class)
class StoreOpsTest {
  private Vertx vertx;
  @TempDir
  Path dir;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
  }

  static Stream<Arguments> cases() throws IOException {
    try (InputStream in = StoreOpsTest.class.getResourceAsStream("/vectors/store-ops.json")) {
      JsonArray cases = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).getJsonArray("cases");
      return cases.stream().map(JsonObject.class::cast).flatMap(c -> Stream.of("memory", "sqlite", "clone")
          .map(where -> Arguments.of(c.getString("name") + " @" + where, where, c)));
    }
  }

  /** The outcome of a future as the vectors write it: the value, or {"error": name}. */
  private static Object outcome(Future<?> f) {
    return await(f.<Object>map(v -> v instanceof Boolean b ? Data.bool(b) : v)
        .recover(e -> e instanceof BrokerException se
            ? Future.succeededFuture("error:" + se.error().brokerName()) : Future.failedFuture(e)));
  }

  /**
   * The one case where the vector file and the project's rule disagree: Broker's push on a string appends
   * (its push is an "add" with a vector initialiser), while the design's rule (the documentation: push is
   * for vectors) makes it a type_clash that changes nothing. We keep the rule and check it here instead.
   */
  private static final String RULE_OVER_BROKER = "push_on_string";

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void brokerResults(String title, String where, JsonObject c) {
    if (c.getString("name").equals(RULE_OVER_BROKER)) {
      c = pushOnStringByTheRule();
    }
    Endpoint masterEp = Endpoint.create(vertx, new EndpointOptions());
    MasterOptions mo = where.equals("sqlite")
        ? new MasterOptions().setBackend(BackendType.SQLITE).setPath(dir.resolve("s.sqlite").toString())
        : new MasterOptions();
    Store master = await(Store.attachMaster(masterEp, "kv", mo));
    Store store = master;
    Endpoint cloneEp = null;
    if (where.equals("clone")) {
      cloneEp = Endpoint.create(vertx, new EndpointOptions());
      int port = await(masterEp.listen("127.0.0.1", 0));
      await(cloneEp.peer("127.0.0.1", port));
      // a clone attached right after peering may miss the master once: retry soon, not after 1 s
      store = await(Store.attachClone(cloneEp, "kv", new CloneOptions().setResyncInterval(Duration.ofMillis(100))));
      await(store.keys());
    }
    JsonArray ops = c.getJsonArray("ops");
    JsonArray expect = c.getJsonArray("expect");
    for (int i = 0; i < ops.size(); i++) {
      JsonObject op = ops.getJsonObject(i);
      Object want = expect.getValue(i);
      Future<?> f = run(store, op);
      if (f == null) {
        continue;
      }
      Object got = outcome(f);
      if (want == null) {
        continue; // a mutation: Broker reports nothing (our own error, if any, is checked in StoreSemanticsTest)
      }
      JsonObject w = (JsonObject) want;
      String context = title + " op " + i + " " + op.encode();
      if (w.containsKey("error")) {
        assertEquals("error:" + w.getString("error"), got, context);
      } else {
        Data expected = TypedJson.read(w.getJsonObject("value"));
        assertEquals(expected, got, context);
        assertEquals(w.getString("str"), got.toString(), context);
      }
    }
    await(store.close());
    if (store != master) {
      await(master.close());
      await(cloneEp.close());
    }
    await(masterEp.close());
  }

  private static JsonObject pushOnStringByTheRule() {
    JsonObject k = new JsonObject().put("type", "string").put("value", "k");
    JsonObject ab = new JsonObject().put("type", "string").put("value", "ab");
    return new JsonObject().put("name", RULE_OVER_BROKER)
        .put("ops", new JsonArray()
            .add(new JsonObject().put("op", "put").put("key", k).put("value", ab))
            .add(new JsonObject().put("op", "push").put("key", k)
                .put("value", new JsonObject().put("type", "string").put("value", "c")))
            .add(new JsonObject().put("op", "get").put("key", k)))
        .put("expect", new JsonArray().addNull().add(new JsonObject().put("error", "type_clash"))
            .add(new JsonObject().put("value", ab).put("str", "ab")));
  }

  private Future<?> run(Store s, JsonObject op) {
    Data key = op.containsKey("key") ? TypedJson.read(op.getJsonObject("key")) : null;
    Duration expiry = op.containsKey("expiry") ? Duration.ofMillis(Math.round(op.getDouble("expiry") * 1000)) : null;
    switch (op.getString("op")) {
      case "sleep" -> {
        await(vertx.timer(Math.round(op.getDouble("secs") * 1000)));
        return null;
      }
      case "put" -> {
        Data v = TypedJson.read(op.getJsonObject("value"));
        return expiry == null ? s.put(key, v) : s.put(key, v, expiry);
      }
      case "put_unique" -> {
        Data v = TypedJson.read(op.getJsonObject("value"));
        return expiry == null ? s.putUnique(key, v) : s.putUnique(key, v, expiry);
      }
      case "erase" -> {
        return s.erase(key);
      }
      case "clear" -> {
        return s.clear();
      }
      case "increment" -> {
        Data a = TypedJson.read(op.getJsonObject("amount"));
        return expiry == null ? s.increment(key, a) : s.increment(key, a, expiry);
      }
      case "decrement" -> {
        Data a = TypedJson.read(op.getJsonObject("amount"));
        return expiry == null ? s.decrement(key, a) : s.decrement(key, a, expiry);
      }
      case "append" -> {
        return s.append(key, TypedJson.read(op.getJsonObject("value")));
      }
      case "insert_into" -> {
        Data index = TypedJson.read(op.getJsonObject("index"));
        return op.containsKey("value") ? s.insertInto(key, index, TypedJson.read(op.getJsonObject("value")))
            : s.insertInto(key, index);
      }
      case "remove_from" -> {
        return s.removeFrom(key, TypedJson.read(op.getJsonObject("index")));
      }
      case "push" -> {
        return s.push(key, TypedJson.read(op.getJsonObject("value")));
      }
      case "pop" -> {
        return s.pop(key);
      }
      case "get" -> {
        return s.get(key);
      }
      case "exists" -> {
        return s.exists(key);
      }
      case "get_index_from_value" -> {
        return s.getIndexFromValue(key, TypedJson.read(op.getJsonObject("index")));
      }
      case "keys" -> {
        return s.keys();
      }
      default -> throw new IllegalArgumentException("unknown op " + op);
    }
  }
}
