package io.brokervx.verticle.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.Store;
import io.brokervx.error.BrokerException;
import io.brokervx.verticle.StoreService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceException;
import java.time.Duration;
import java.util.function.Supplier;

/** {@link StoreService} over a {@link Store}: JSON v1 in and out, Broker's errors as ServiceExceptions. */
public final class StoreServiceImpl implements StoreService {
  private final Store store;

  /** Serves {@code store}. */
  public StoreServiceImpl(Store store) {
    this.store = store;
  }

  private static Data data(JsonObject json, String what) {
    if (json == null) {
      throw new BrokerException(ErrorCode.INVALID_DATA, what + " is missing");
    }
    try {
      return JsonFormat.decode(json);
    } catch (DecodeException e) {
      throw new BrokerException(ErrorCode.INVALID_DATA, what + ": " + e.getMessage());
    }
  }

  private static Duration expiry(Long millis) {
    if (millis != null && millis < 0) {
      throw new BrokerException(ErrorCode.INVALID_DATA, "expiry must not be negative");
    }
    return millis == null ? null : Duration.ofMillis(millis);
  }

  /** Runs {@code call}, turning every failure into a ServiceException with Broker's number and name. */
  private static <T> Future<T> call(Supplier<Future<T>> call) {
    Future<T> f;
    try {
      f = call.get();
    } catch (BrokerException e) {
      f = Future.failedFuture(e);
    }
    return f.recover(t -> {
      ErrorCode code = t instanceof BrokerException se ? se.error() : ErrorCode.UNSPECIFIED;
      return Future.failedFuture(new ServiceException(code.code(), code.brokerName(),
          new JsonObject().put("detail", String.valueOf(t.getMessage()))));
    });
  }

  @Override
  public Future<Void> put(JsonObject key, JsonObject value, Long expiryMillis) {
    return call(() -> store.put(data(key, "key"), data(value, "value"), expiry(expiryMillis)));
  }

  @Override
  public Future<Boolean> putUnique(JsonObject key, JsonObject value, Long expiryMillis) {
    return call(() -> store.putUnique(data(key, "key"), data(value, "value"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> erase(JsonObject key) {
    return call(() -> store.erase(data(key, "key")));
  }

  @Override
  public Future<Void> clear() {
    return call(store::clear);
  }

  @Override
  public Future<Void> increment(JsonObject key, JsonObject amount, Long expiryMillis) {
    return call(() -> store.increment(data(key, "key"), data(amount, "amount"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> decrement(JsonObject key, JsonObject amount, Long expiryMillis) {
    return call(() -> store.decrement(data(key, "key"), data(amount, "amount"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> append(JsonObject key, JsonObject suffix, Long expiryMillis) {
    return call(() -> store.append(data(key, "key"), data(suffix, "suffix"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> insertInto(JsonObject key, JsonObject element, Long expiryMillis) {
    return call(() -> store.insertInto(data(key, "key"), data(element, "element"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> insertIntoAt(JsonObject key, JsonObject index, JsonObject value, Long expiryMillis) {
    return call(() -> store.insertInto(data(key, "key"), data(index, "index"), data(value, "value"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> removeFrom(JsonObject key, JsonObject index, Long expiryMillis) {
    return call(() -> store.removeFrom(data(key, "key"), data(index, "index"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> push(JsonObject key, JsonObject value, Long expiryMillis) {
    return call(() -> store.push(data(key, "key"), data(value, "value"), expiry(expiryMillis)));
  }

  @Override
  public Future<Void> pop(JsonObject key, Long expiryMillis) {
    return call(() -> store.pop(data(key, "key"), expiry(expiryMillis)));
  }

  @Override
  public Future<JsonObject> get(JsonObject key) {
    return call(() -> store.get(data(key, "key")).map(JsonFormat::encode));
  }

  @Override
  public Future<Boolean> exists(JsonObject key) {
    return call(() -> store.exists(data(key, "key")));
  }

  @Override
  public Future<JsonObject> getIndexFromValue(JsonObject key, JsonObject index) {
    return call(() -> store.getIndexFromValue(data(key, "key"), data(index, "index")).map(JsonFormat::encode));
  }

  @Override
  public Future<JsonObject> keys() {
    return call(() -> store.keys().map(JsonFormat::encode));
  }
}
