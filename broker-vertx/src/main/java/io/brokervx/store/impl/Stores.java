package io.brokervx.store.impl;

import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.brokervx.store.BackendType;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/**
 * Creates masters and clones on an endpoint through its {@link EndpointPort}: checks that the name is free
 * (here, and for a master anywhere reachable), opens the backend, and registers the store so that it closes
 * with the endpoint.
 */
public final class Stores {
  private Stores() {
  }

  /** @return a started master of {@code name} on {@code port} (options already copied) */
  public static Future<Store> attachMaster(EndpointPort port, String name, MasterOptions o) {
    Promise<Store> p = Promise.promise();
    port.runOnContext(() -> {
      String masterTopic = name + "/<$>/data/master";
      if (port.isClosed()) {
        p.fail(new BrokerException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
      } else if (port.resource(name) != null || port.reachesRemoteHandler(masterTopic)) {
        p.fail(new BrokerException(ErrorCode.MASTER_EXISTS, "a store named '" + name + "' already exists"));
      } else if (o.getBackend() == BackendType.SQLITE && (o.getPath() == null || o.getPath().isBlank())) {
        p.fail(new BrokerException(ErrorCode.CANNOT_OPEN_FILE, "the sqlite backend needs a path"));
      } else {
        Backend backend = o.getBackend() == BackendType.SQLITE
            ? new SqliteBackend(port.vertx(), o.getPath(), o.getSqlite()) : new MemoryBackend();
        MasterStore m = new MasterStore(port, name, o, backend);
        port.register(name, m);
        m.start().onComplete(ar -> {
          if (ar.succeeded()) {
            p.complete(m);
          } else {
            port.unregister(name, m);
            backend.close();
            p.fail(BrokerException.wrap(ar.cause(), ErrorCode.BACKEND_FAILURE));
          }
        });
      }
    });
    return p.future();
  }

  /** @return the stores registered on {@code port} */
  public static Future<List<Store>> attachedTo(EndpointPort port) {
    Promise<List<Store>> p = Promise.promise();
    port.runOnContext(() -> p.complete(port.resources().stream().filter(Store.class::isInstance)
        .map(Store.class::cast).toList()));
    return p.future();
  }

  /** @return a clone of {@code name} on {@code port} (options already copied), looking for its master */
  public static Future<Store> attachClone(EndpointPort port, String name, CloneOptions o) {
    Promise<Store> p = Promise.promise();
    port.runOnContext(() -> {
      EndpointPort.Resource existing = port.resource(name);
      if (port.isClosed()) {
        p.fail(new BrokerException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
      } else if (existing != null) {
        boolean master = existing instanceof Store s && s.isMaster();
        p.fail(new BrokerException(master ? ErrorCode.NO_SUCH_MASTER : ErrorCode.CONSUMER_EXISTS,
            "a store named '" + name + "' is already attached to this endpoint"));
      } else {
        CloneStore c = new CloneStore(port, name, o);
        port.register(name, c);
        p.complete(c.start());
      }
    });
    return p.future();
  }
}
