package io.brokervx.verticle;

import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.store.BackendType;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.vertx.core.Future;
import java.util.Set;
import java.util.function.Function;

/**
 * Attaches the master of a store to a deployed {@link EndpointVerticle} and serves it as a
 * {@link StoreService} at {@code broker.store.<name>}. Configuration:
 * <ul>
 *   <li>{@code name} (required): the store's name;</li>
 *   <li>{@code endpoint}: the endpoint's name (default {@code "default"});</li>
 *   <li>{@code endpointTimeout}: how long to wait, in ms, for that endpoint when it is deployed at the same
 *       time (default 10 000); then the deployment fails saying so;</li>
 *   <li>{@code address}: where the {@link StoreService} listens (default {@code broker.store.<name>}; give a
 *       clone its own address when its master's service shares the event bus);</li>
 *   <li>{@code backend}: {@code memory} (default) or {@code sqlite};</li>
 *   <li>{@code path}: the SQLite file (required with {@code sqlite});</li>
 *   <li>{@code options}: further {@link MasterOptions} as JSON (tick and heartbeat intervals, …).</li>
 * </ul>
 * Undeploying unregisters the service and closes the store (committing and closing its file).
 */
public class MasterVerticle extends StoreVerticle {
  @Override
  Set<String> keys() {
    return Set.of("name", "endpoint", "backend", "path", "options", "address", "endpointTimeout");
  }

  @Override
  Function<Endpoint, Future<Store>> attacher(StrictJson c) {
    String name = c.requireString("name");
    MasterOptions o = new MasterOptions(c.object("options"));
    o.setBackend(BackendType.fromConfigName(c.choice("backend", Set.of("memory", "sqlite"), o.getBackend().configName())));
    if (o.getBackend() == BackendType.SQLITE) {
      o.setPath(c.requireString("path"));
    }
    return endpoint -> Store.attachMaster(endpoint, name, o);
  }
}
