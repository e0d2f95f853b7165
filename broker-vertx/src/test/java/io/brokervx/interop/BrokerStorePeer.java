package io.brokervx.interop;

import io.brokervx.data.BooleanData;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.IntegerData;
import io.brokervx.data.RealData;
import io.brokervx.data.SetData;
import io.brokervx.data.StringData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimespanData;
import io.brokervx.data.VectorData;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.test.BrokerProcess;
import io.brokervx.test.Inbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Broker 6.2 data store in a Python process ({@code store_peer.py}), driven from a test: its operations are
 * Broker's own calls, and its answers come back as Broker data on {@code /answers} to our endpoint, so values
 * compare exactly.
 */
final class BrokerStorePeer implements AutoCloseable {
  private static final long WAIT_MS = 30_000;
  private final BrokerProcess process;
  private final Inbox<DataMessage> answers;
  private final AtomicLong ids = new AtomicLong();

  /**
   * Starts the process, listening on 127.0.0.1 in plain TCP; {@code ours} must peer with {@link #port()}
   * (its subscription to {@code /answers} is made here, before the peering).
   */
  BrokerStorePeer(Endpoint ours, Path dir) throws Exception {
    this.answers = Inbox.of(ours.subscribe("/answers"));
    this.process = BrokerProcess.python("store_peer.py", new JsonObject().put("listen", true).put("disable_ssl", true),
        dir);
  }

  /** @return the port Broker listens on */
  int port() {
    return process.port();
  }

  /** Waits until Broker reports its peering with us up (a subscription made before may never be announced). */
  void awaitPeered() {
    process.awaitLine(l -> l.startsWith("status peer_added"), WAIT_MS);
  }

  /** Runs a command and waits until Broker did it. @return its id */
  long run(JsonObject command) {
    long id = ids.incrementAndGet();
    process.send(command.put("id", id));
    process.awaitLine(("ok " + id)::equals, WAIT_MS);
    return id;
  }

  /** Attaches a master of {@code name} (memory, or SQLite at {@code path} when not null). */
  void master(String name, String path) {
    run(new JsonObject().put("op", "master").put("name", name).put("backend", path == null ? "memory" : "sqlite")
        .put("path", path));
  }

  /** Attaches a clone of {@code name}. */
  void clone(String name) {
    run(new JsonObject().put("op", "clone").put("name", name));
  }

  /** Calls Broker's store mutation {@code call} with {@code args} (the key first) and an optional expiry. */
  void call(String call, Duration expiry, Data... args) {
    JsonArray typed = new JsonArray();
    for (Data a : args) {
      typed.add(typed(a));
    }
    run(new JsonObject().put("op", "call").put("call", call).put("args", typed)
        .put("expiry", expiry == null ? null : expiry.toNanos() / 1e9));
  }

  /** @return Broker's answer to query {@code call}, or null when it answered an error */
  Data query(String call, Data... args) {
    JsonArray typed = new JsonArray();
    for (Data a : args) {
      typed.add(typed(a));
    }
    long id = run(new JsonObject().put("op", "query").put("call", call).put("args", typed));
    VectorData answer = answer(id);
    return answer.size() == 2 ? answer.get(1) : null;
  }

  /** @return every key and value of Broker's store */
  Map<Data, Data> dump() {
    long id = run(new JsonObject().put("op", "dump"));
    return ((TableData) answer(id).get(1)).asMap();
  }

  /** @return every key and value of Broker's store, without blocking the caller (the command goes out on a worker) */
  Future<Map<Data, Data>> dump(Vertx vertx) {
    long id = ids.incrementAndGet();
    return vertx.executeBlocking(() -> {
      process.send(new JsonObject().put("op", "dump").put("id", id));
      return null;
    }).compose(v -> answers.first(d -> isAnswer(d, id))).map(m -> ((TableData) ((VectorData) m.data()).get(1)).asMap());
  }

  /** Waits until Broker's store is idle (a clone: synchronized and every write acknowledged). */
  void awaitIdle() {
    run(new JsonObject().put("op", "idle"));
  }

  /** Drops Broker's store object (a master closes). */
  void closeStore() {
    run(new JsonObject().put("op", "close"));
  }

  private VectorData answer(long id) {
    return (VectorData) answers.await("Broker's answer " + id, d -> isAnswer(d, id)).data();
  }

  private static boolean isAnswer(DataMessage d, long id) {
    return d.data() instanceof VectorData v && v.size() > 0 && v.get(0).equals(Data.count(id));
  }

  /** @return everything Broker printed */
  String transcript() {
    return process.transcript();
  }

  /** @return {@code d} in the typed JSON of {@code vectors/store-ops.json} */
  static JsonObject typed(Data d) {
    JsonObject o = new JsonObject().put("type", d.type().jsonName());
    if (d instanceof StringData s) {
      return o.put("value", s.value());
    } else if (d instanceof CountData c) {
      return o.put("value", Long.toUnsignedString(c.bits()));
    } else if (d instanceof IntegerData i) {
      return o.put("value", i.value());
    } else if (d instanceof RealData r) {
      return o.put("value", r.value());
    } else if (d instanceof BooleanData b) {
      return o.put("value", b.value());
    } else if (d instanceof TimespanData t) {
      return o.put("ns", t.nanos());
    } else if (d instanceof SetData s) {
      return o.put("value", new JsonArray(s.elements().stream().map(BrokerStorePeer::typed).toList()));
    } else if (d instanceof VectorData v) {
      return o.put("value", new JsonArray(v.elements().stream().map(BrokerStorePeer::typed).toList()));
    } else if (d instanceof TableData t) {
      JsonArray pairs = new JsonArray();
      for (int i = 0; i < t.size(); i++) {
        pairs.add(new JsonArray().add(typed(t.keyAt(i))).add(typed(t.valueAt(i))));
      }
      return o.put("value", pairs);
    }
    throw new IllegalArgumentException("no typed JSON for " + d);
  }

  @Override
  public void close() {
    process.close();
  }
}
