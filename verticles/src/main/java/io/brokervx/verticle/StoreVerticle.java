package io.brokervx.verticle;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.store.Store;
import io.brokervx.verticle.impl.Config;
import io.brokervx.verticle.impl.SharedEndpoints;
import io.brokervx.verticle.impl.StoreServiceImpl;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.serviceproxy.ServiceBinder;
import java.util.Set;

/** What {@link MasterVerticle} and {@link CloneVerticle} share: endpoint lookup, service registration, cleanup. */
public abstract class StoreVerticle extends VerticleBase {
  private String endpointName;
  private String address;
  private Endpoint endpoint;
  private Store store;
  private MessageConsumer<JsonObject> service;

  StoreVerticle() {
  }

  /** @return the configuration keys this verticle accepts */
  abstract Set<String> keys();

  /** Attaches the store described by {@code c} to {@code endpoint}. */
  abstract Future<Store> attach(Endpoint endpoint, Config c);

  /** @return the attached store, once deployed */
  public Store store() {
    return store;
  }

  @Override
  public Future<?> start() {
    Config c;
    try {
      c = new Config(config(), getClass().getSimpleName() + " config").only(keys());
      address = c.string("address", StoreService.ADDRESS_PREFIX + c.requireString("name"));
      endpointName = c.string("endpoint", "default");
      endpoint = SharedEndpoints.acquire(vertx, endpointName);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Future<Store> attached;
    try {
      attached = attach(endpoint, c);
    } catch (IllegalArgumentException e) {
      attached = Future.failedFuture(e);
    }
    return attached.onSuccess(s -> {
      store = s;
      service = new ServiceBinder(vertx).setAddress(address)
          .register(StoreService.class, new StoreServiceImpl(s));
    }).recover(t -> SharedEndpoints.release(vertx, endpointName).transform(x -> Future.failedFuture(t)));
  }

  @Override
  public Future<?> stop() {
    Future<Void> unregistered = service == null ? Future.succeededFuture() : service.unregister();
    return unregistered.eventually(() -> store == null ? Future.succeededFuture() : store.close())
        .eventually(() -> SharedEndpoints.release(vertx, endpointName));
  }
}
