package io.brokervx.store;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every operation and its errors (design §5), on a memory master, a SQLite master and a clone. */
@ExtendWith(VertxExtension.class)
class StoreSemanticsTest {
  private Vertx vertx;
  private Endpoint master;
  private Endpoint cloneEp;
  @TempDir
  Path dir;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    master = Endpoint.create(vertx);
    cloneEp = Endpoint.create(vertx);
  }

  @AfterEach
  void tearDown() {
    await(cloneEp.close());
    await(master.close());
  }

  static Stream<String> where() {
    return Stream.of("memory", "sqlite", "clone");
  }

  private Store open(String where) {
    MasterOptions mo = where.equals("sqlite")
        ? new MasterOptions().setBackend(BackendType.SQLITE).setPath(dir.resolve("kv.sqlite").toString())
        : new MasterOptions();
    Store m = await(Store.attachMaster(master, "kv", mo));
    if (!where.equals("clone")) {
      return m;
    }
    int port = await(master.listen("127.0.0.1", 0));
    await(cloneEp.peer("127.0.0.1", port));
    // a clone attached right after peering may miss the master once: retry soon, not after 1 s
    Store c = await(Store.attachClone(cloneEp, "kv", new CloneOptions().setResyncInterval(Duration.ofMillis(100))));
    await(c.keys());
    return c;
  }

  private static ErrorCode error(Future<?> f) {
    return failure(f, BrokerException.class).error();
  }

  private static final Data K = Data.string("k");

  @ParameterizedTest
  @MethodSource("where")
  void arithmetic(String where) {
    Store s = open(where);
    await(s.increment(Data.string("c"), Data.count(5)));
    await(s.decrement(Data.string("c"), Data.count(7)));
    assertEquals(Data.count(-2), await(s.get(Data.string("c"))), "count arithmetic wraps modulo 2^64");
    await(s.increment(Data.string("ts"), Data.timespan(1500)));
    assertEquals(Data.timestamp(1500), await(s.get(Data.string("ts"))), "a timespan amount starts a timestamp");
    await(s.increment(Data.string("r"), Data.real(0.5)));
    await(s.increment(Data.string("r"), Data.real(0.25)));
    assertEquals(Data.real(0.75), await(s.get(Data.string("r"))));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.decrement(Data.string("missing"), Data.count(1))));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.increment(Data.string("c"), Data.integer(1))));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.increment(Data.string("new"), Data.string("x"))));
    assertFalse(await(s.exists(Data.string("new"))), "a rejected increment creates nothing");
    assertEquals(Data.count(-2), await(s.get(Data.string("c"))), "a rejected mutation changes nothing");
  }

  @ParameterizedTest
  @MethodSource("where")
  void strings(String where) {
    Store s = open(where);
    await(s.append(K, Data.string("ab")));
    await(s.append(K, Data.string("c")));
    assertEquals(Data.string("abc"), await(s.get(K)));
    await(s.put(Data.string("n"), Data.count(1)));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.append(Data.string("n"), Data.string("x"))));
  }

  @ParameterizedTest
  @MethodSource("where")
  void containers(String where) {
    Store s = open(where);
    await(s.insertInto(Data.string("set"), Data.count(2)));
    await(s.insertInto(Data.string("set"), Data.count(1)));
    assertEquals(Data.set(Data.count(1), Data.count(2)), await(s.get(Data.string("set"))));
    await(s.removeFrom(Data.string("set"), Data.count(1)));
    assertEquals(Data.bool(false), await(s.getIndexFromValue(Data.string("set"), Data.count(1))));
    assertEquals(Data.bool(true), await(s.getIndexFromValue(Data.string("set"), Data.count(2))));

    await(s.insertInto(Data.string("t"), Data.string("a"), Data.count(1)));
    await(s.insertInto(Data.string("t"), Data.string("b"), Data.count(2)));
    assertEquals(Data.count(2), await(s.getIndexFromValue(Data.string("t"), Data.string("b"))));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.getIndexFromValue(Data.string("t"), Data.string("z"))));
    await(s.removeFrom(Data.string("t"), Data.string("a")));
    assertEquals(Data.table(Map.of(Data.string("b"), Data.count(2))), await(s.get(Data.string("t"))));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.insertInto(Data.string("t"), Data.string("x"))));

    await(s.push(Data.string("v"), Data.count(1)));
    await(s.push(Data.string("v"), Data.count(3)));
    await(s.insertInto(Data.string("v"), Data.count(1), Data.count(2)));
    assertEquals(Data.vector(Data.count(1), Data.count(2), Data.count(3)), await(s.get(Data.string("v"))));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.insertInto(Data.string("v"), Data.count(9), Data.none())));
    await(s.removeFrom(Data.string("v"), Data.integer(0)));
    assertEquals(Data.vector(Data.count(2), Data.count(3)), await(s.get(Data.string("v"))));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.removeFrom(Data.string("v"), Data.count(5))));
    assertEquals(Data.count(3), await(s.getIndexFromValue(Data.string("v"), Data.count(1))));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.getIndexFromValue(Data.string("v"), Data.string("1"))));
    await(s.pop(Data.string("v")));
    await(s.pop(Data.string("v")));
    await(s.pop(Data.string("v")));
    assertEquals(Data.vector(), await(s.get(Data.string("v"))), "pop on an empty vector is a no-op");
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.pop(Data.string("nothing"))));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.removeFrom(Data.string("nothing"), Data.count(0))));
    await(s.put(Data.string("n"), Data.count(1)));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.push(Data.string("n"), Data.count(1))));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.pop(Data.string("n"))));
    assertEquals(ErrorCode.TYPE_CLASH, error(s.getIndexFromValue(Data.string("n"), Data.count(0))));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.getIndexFromValue(Data.string("nothing"), Data.count(0))));
  }

  @ParameterizedTest
  @MethodSource("where")
  void keysAreTypedAndUniqueWorks(String where) {
    Store s = open(where);
    await(s.put(Data.count(1), Data.string("count")));
    await(s.put(Data.integer(1), Data.string("integer")));
    await(s.put(Data.real(1.0), Data.string("real")));
    assertEquals(Data.set(Data.count(1), Data.integer(1), Data.real(1.0)), await(s.keys()));
    assertTrue(await(s.putUnique(K, Data.count(1))));
    assertFalse(await(s.putUnique(K, Data.count(2))));
    assertEquals(Data.count(1), await(s.get(K)));
    await(s.erase(K));
    await(s.erase(K));
    assertFalse(await(s.exists(K)));
    await(s.clear());
    assertEquals(Data.set(), await(s.keys()));
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.get(Data.count(1))));
  }

  @ParameterizedTest
  @MethodSource("where")
  void expiry(String where) {
    Store s = open(where);
    await(s.put(K, Data.count(1), Duration.ofMillis(300)));
    await(s.increment(K, Data.count(1)));           // keeps the expiry
    await(s.put(Data.string("p"), Data.count(1), Duration.ofMillis(300)));
    await(s.put(Data.string("p"), Data.count(2)));  // put replaces the entry: no expiry
    await(s.put(Data.string("r"), Data.count(1), Duration.ofMillis(300)));
    await(s.erase(Data.string("r")));
    await(s.put(Data.string("r"), Data.count(3)));  // erase then re-put: the old expiry is gone
    await(s.put(Data.string("x"), Data.count(1), Duration.ofMillis(200)));
    await(s.increment(Data.string("x"), Data.count(1), Duration.ofSeconds(30))); // refreshed
    await(vertx.timer(700)); // past every expiry that should fire (the master checks every 100 ms)
    assertEquals(ErrorCode.NO_SUCH_KEY, error(s.get(K)));
    assertEquals(Data.count(2), await(s.get(Data.string("p"))));
    assertEquals(Data.count(3), await(s.get(Data.string("r"))));
    assertEquals(Data.count(2), await(s.get(Data.string("x"))));
    assertEquals(Data.set(Data.string("p"), Data.string("r"), Data.string("x")), await(s.keys()));
  }
}
