package io.brokervx.verticle;

import io.vertx.codegen.annotations.Nullable;
import io.vertx.codegen.annotations.ProxyGen;
import io.vertx.codegen.annotations.VertxGen;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceProxyBuilder;

/**
 * A data store on the event bus, registered by {@link MasterVerticle} and {@link CloneVerticle} at
 * {@code broker.store.<name>}. Keys and values are JSON v1 objects ({@code {"@data-type": …, "data": …}}),
 * so any JVM language can call it; expiries are in milliseconds ({@code null}: none). A failed call arrives
 * as a {@code ServiceException} whose {@code failureCode()} is Broker's error number and whose message is its
 * name ({@code no_such_key}, {@code type_clash}, {@code invalid_data} for JSON that is not a value, …).
 * Answers travel as event-bus replies: they are the proxy mailbox of the store.
 */
@ProxyGen
@VertxGen
public interface StoreService {
  /** The address prefix: the service of store {@code n} listens at {@code broker.store.n}. */
  String ADDRESS_PREFIX = "broker.store.";

  /** @return a proxy for the store named {@code store} */
  static StoreService createProxy(Vertx vertx, String store) {
    return new ServiceProxyBuilder(vertx).setAddress(ADDRESS_PREFIX + store).build(StoreService.class);
  }

  /** Stores {@code value} at {@code key}. */
  Future<Void> put(JsonObject key, JsonObject value, @Nullable Long expiryMillis);

  /** Stores {@code value} at {@code key} unless present; @return whether it inserted */
  Future<Boolean> putUnique(JsonObject key, JsonObject value, @Nullable Long expiryMillis);

  /** Removes {@code key}. */
  Future<Void> erase(JsonObject key);

  /** Removes every key. */
  Future<Void> clear();

  /** Adds {@code amount} to the value at {@code key}. */
  Future<Void> increment(JsonObject key, JsonObject amount, @Nullable Long expiryMillis);

  /** Subtracts {@code amount} from the value at {@code key}. */
  Future<Void> decrement(JsonObject key, JsonObject amount, @Nullable Long expiryMillis);

  /** Appends a string. */
  Future<Void> append(JsonObject key, JsonObject suffix, @Nullable Long expiryMillis);

  /** Inserts {@code element} into a set. */
  Future<Void> insertInto(JsonObject key, JsonObject element, @Nullable Long expiryMillis);

  /** Sets {@code table[index] = value}, or inserts into a vector at {@code index}. */
  Future<Void> insertIntoAt(JsonObject key, JsonObject index, JsonObject value, @Nullable Long expiryMillis);

  /** Removes an element, entry or vector position. */
  Future<Void> removeFrom(JsonObject key, JsonObject index, @Nullable Long expiryMillis);

  /** Appends {@code value} to a vector. */
  Future<Void> push(JsonObject key, JsonObject value, @Nullable Long expiryMillis);

  /** Removes the last element of a vector. */
  Future<Void> pop(JsonObject key, @Nullable Long expiryMillis);

  /** @return the value at {@code key} */
  Future<JsonObject> get(JsonObject key);

  /** @return whether {@code key} exists */
  Future<Boolean> exists(JsonObject key);

  /** @return an element, membership or table value at {@code index} */
  Future<JsonObject> getIndexFromValue(JsonObject key, JsonObject index);

  /** @return every key, as a JSON v1 set */
  Future<JsonObject> keys();
}
