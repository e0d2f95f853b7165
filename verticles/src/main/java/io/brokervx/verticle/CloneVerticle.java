package io.brokervx.verticle;

import io.brokervx.config.StrictJson;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.Store;
import io.vertx.core.Future;
import java.util.Set;
import java.util.function.Function;

/**
 * Attaches a clone of a store to a deployed {@link EndpointVerticle} and serves it as a
 * {@link StoreService} at {@code broker.store.<name>}. Configuration:
 * <ul>
 *   <li>{@code name} (required): the store's name;</li>
 *   <li>{@code endpoint}: the endpoint's name (default {@code "default"});</li>
 *   <li>{@code endpointTimeout}: how long to wait, in ms, for that endpoint when it is deployed at the same
 *       time (default 10 000); then the deployment fails saying so;</li>
 *   <li>{@code address}: where the {@link StoreService} listens (default {@code broker.store.<name>}; give a
 *       clone its own address when its master's service shares the event bus);</li>
 *   <li>{@code options}: {@link CloneOptions} as JSON ({@code staleInterval}, {@code mutationBufferInterval},
 *       {@code masterTimeout}, {@code resyncInterval}, …).</li>
 * </ul>
 */
public class CloneVerticle extends StoreVerticle {
  @Override
  Set<String> keys() {
    return Set.of("name", "endpoint", "options", "address", "endpointTimeout");
  }

  @Override
  Function<Endpoint, Future<Store>> attacher(StrictJson c) {
    String name = c.requireString("name");
    CloneOptions o = new CloneOptions(c.object("options"));
    return endpoint -> Store.attachClone(endpoint, name, o);
  }
}
