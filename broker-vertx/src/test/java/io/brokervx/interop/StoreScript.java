package io.brokervx.interop;

import io.brokervx.data.Data;
import io.brokervx.store.Store;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every store mutation, by name as Broker's API calls it, on keys of one prefix: run through our
 * {@link Store} or a Broker store ({@link BrokerStorePeer}), with or without an expiry, and what the store
 * holds afterwards.
 */
final class StoreScript {
  /** One mutation: Broker's call name, its arguments (the key first) and an optional expiry. */
  record Op(String call, Duration expiry, Data... args) {
  }

  private StoreScript() {
  }

  private static Data str(String s) {
    return Data.string(s);
  }

  /** @return the mutations on keys {@code prefix + name (+ "+e" with an expiry)} */
  static List<Op> ops(String prefix, Duration e) {
    String s = e == null ? "" : "+e";
    List<Op> ops = new ArrayList<>();
    ops.add(new Op("put", e, str(prefix + "s" + s), str("hello")));
    ops.add(new Op("append", e, str(prefix + "s" + s), str(" world")));
    ops.add(new Op("put", e, str(prefix + "n" + s), Data.count(5)));
    ops.add(new Op("increment", e, str(prefix + "n" + s), Data.count(3)));
    ops.add(new Op("decrement", e, str(prefix + "n" + s), Data.count(2)));
    ops.add(new Op("increment", e, str(prefix + "i" + s), Data.integer(-4)));
    ops.add(new Op("decrement", e, str(prefix + "i" + s), Data.integer(1)));
    ops.add(new Op("increment", e, str(prefix + "r" + s), Data.real(1.5)));
    ops.add(new Op("increment", e, str(prefix + "r" + s), Data.real(2.0)));
    ops.add(new Op("increment", e, str(prefix + "t" + s), Data.timespan(Duration.ofSeconds(5))));
    ops.add(new Op("insert_into", e, str(prefix + "set" + s), str("a")));
    ops.add(new Op("insert_into", e, str(prefix + "set" + s), str("b")));
    ops.add(new Op("remove_from", e, str(prefix + "set" + s), str("a")));
    ops.add(new Op("insert_into", e, str(prefix + "tab" + s), str("k1"), Data.count(1)));
    ops.add(new Op("insert_into", e, str(prefix + "tab" + s), str("k2"), Data.count(2)));
    ops.add(new Op("remove_from", e, str(prefix + "tab" + s), str("k1")));
    ops.add(new Op("push", e, str(prefix + "vec" + s), str("x")));
    ops.add(new Op("push", e, str(prefix + "vec" + s), str("y")));
    ops.add(new Op("push", e, str(prefix + "vec" + s), str("z")));
    ops.add(new Op("pop", e, str(prefix + "vec" + s)));
    ops.add(new Op("put", e, str(prefix + "vec2" + s), Data.vector(str("x"), str("y"), str("z"))));
    ops.add(new Op("remove_from", e, str(prefix + "vec2" + s), Data.count(0)));
    ops.add(new Op("put", e, str(prefix + "gone" + s), Data.count(1)));
    ops.add(new Op("erase", null, str(prefix + "gone" + s)));
    return ops;
  }

  /**
   * @param brokerMaster whether Broker's master applied them: its {@code remove_from} on a vector pops the
   *     last element and ignores the index (reference §3.2); ours removes the element at the index
   * @return what {@link #ops} leave in the store
   */
  static Map<Data, Data> expected(String prefix, Duration e, boolean brokerMaster) {
    String s = e == null ? "" : "+e";
    Map<Data, Data> m = new LinkedHashMap<>();
    m.put(str(prefix + "s" + s), str("hello world"));
    m.put(str(prefix + "n" + s), Data.count(6));
    m.put(str(prefix + "i" + s), Data.integer(-5));
    m.put(str(prefix + "r" + s), Data.real(3.5));
    m.put(str(prefix + "t" + s), Data.timestamp(Duration.ofSeconds(5).toNanos()));
    m.put(str(prefix + "set" + s), Data.set(str("b")));
    m.put(str(prefix + "tab" + s), Data.table(Map.of(str("k2"), Data.count(2))));
    m.put(str(prefix + "vec" + s), Data.vector(str("x"), str("y")));
    m.put(str(prefix + "vec2" + s), brokerMaster ? Data.vector(str("x"), str("y")) : Data.vector(str("y"), str("z")));
    return m;
  }

  /** @return {@code op} applied to our store */
  static Future<Void> apply(Store store, Op op) {
    Data[] a = op.args();
    Duration e = op.expiry();
    return switch (op.call()) {
      case "put" -> store.put(a[0], a[1], e);
      case "erase" -> store.erase(a[0]);
      case "clear" -> store.clear();
      case "increment" -> store.increment(a[0], a[1], e);
      case "decrement" -> store.decrement(a[0], a[1], e);
      case "append" -> store.append(a[0], a[1], e);
      case "insert_into" -> a.length == 2 ? store.insertInto(a[0], a[1], e) : store.insertInto(a[0], a[1], a[2], e);
      case "remove_from" -> store.removeFrom(a[0], a[1], e);
      case "push" -> store.push(a[0], a[1], e);
      case "pop" -> store.pop(a[0], e);
      default -> throw new IllegalArgumentException(op.call());
    };
  }

  /** Runs every op through our store, in order, and waits for them all. */
  static Future<Void> applyAll(Store store, List<Op> ops) {
    List<Future<Void>> all = new ArrayList<>();
    ops.forEach(op -> all.add(apply(store, op)));
    return Future.all(all).mapEmpty();
  }

  /** Runs every op through Broker's store, in order. */
  static void applyAll(BrokerStorePeer broker, List<Op> ops) {
    ops.forEach(op -> broker.call(op.call(), op.expiry(), op.args()));
  }
}
