package io.brokervx.verticle;

import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.store.Store;
import io.brokervx.verticle.impl.SharedEndpoints;
import io.brokervx.verticle.impl.StoreServiceImpl;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import java.util.Set;
import java.util.function.Function;

/**
 * What {@link MasterVerticle} and {@link CloneVerticle} share: finding the endpoint (waiting up to
 * {@code endpointTimeout} ms, default 10 000, for one deployed at the same time), service registration,
 * cleanup.
 */
public abstract class StoreVerticle extends VerticleBase {
  private String endpointName;
  private String address;
  private Store store;
  private MessageConsumer<JsonObject> service;

  StoreVerticle() {
  }

  /** @return the configuration keys this verticle accepts */
  abstract Set<String> keys();

  /**
   * Checks the configuration now, before waiting for the endpoint.
   *
   * @return what attaches the store described by {@code c} to an endpoint
   * @throws IllegalArgumentException on a bad key
   */
  abstract Function<Endpoint, Future<Store>> attacher(StrictJson c);

  /** @return the attached store, once deployed */
  public Store store() {
    return store;
  }

  @Override
  public Future<?> start() {
    StrictJson c;
    int waitMillis;
    Function<Endpoint, Future<Store>> attach;
    try {
      c = StrictJson.of(config(), getClass().getSimpleName() + " config").only(keys());
      address = c.string("address", StoreService.ADDRESS_PREFIX + c.requireString("name"));
      endpointName = c.string("endpoint", "default");
      waitMillis = c.integer("endpointTimeout", 0, Integer.MAX_VALUE, SharedEndpoints.DEFAULT_WAIT_MILLIS);
      attach = attacher(c);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    String where = getClass().getSimpleName() + " '" + c.requireString("name") + "': ";
    return SharedEndpoints.acquire(vertx, endpointName, waitMillis)
        .recover(t -> Future.failedFuture(prefixed(where, t)))
        .compose(e -> attach.apply(e).onSuccess(s -> {
          store = s;
          service = new ServiceBinder(vertx).setAddress(address).register(StoreService.class, new StoreServiceImpl(s));
        }).recover(t -> SharedEndpoints.release(vertx, endpointName).transform(x -> Future.failedFuture(t))));
  }

  private static Throwable prefixed(String where, Throwable t) {
    String message = where + t.getMessage();
    return t instanceof IllegalArgumentException ? new IllegalArgumentException(message, t)
        : new IllegalStateException(message, t);
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = service == null ? Future.succeededFuture() : service.unregister();
    return unregistered.eventually(() -> store == null ? Future.succeededFuture() : store.close())
        .eventually(() -> SharedEndpoints.release(vertx, endpointName));
  }
}
