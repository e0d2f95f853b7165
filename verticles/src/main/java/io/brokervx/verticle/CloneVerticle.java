package io.brokervx.verticle;

import io.brokervx.store.Store;
import io.brokervx.store.CloneOptions;
import java.util.Set;

/**
 * Attaches a clone of a store to a deployed {@link EndpointVerticle} and serves it as a
 * {@link StoreService} at {@code broker.store.<name>}. Configuration:
 * <ul>
 *   <li>{@code name} (required): the store's name;</li>
 *   <li>{@code endpoint}: the endpoint's name (default {@code "default"});</li>
 *   <li>{@code address}: where the {@link StoreService} listens (default {@code broker.store.<name>}; give a
 *       clone its own address when its master's service shares the event bus);</li>
 *   <li>{@code options}: {@link CloneOptions} as JSON ({@code staleInterval}, {@code mutationBufferInterval},
 *       {@code masterTimeout}, {@code resyncInterval}, …).</li>
 * </ul>
 */
public class CloneVerticle extends StoreVerticle {
  @Override
  Set<String> keys() {
    return Set.of("name", "endpoint", "options", "address");
  }

  @Override
  io.vertx.core.Future<io.brokervx.store.Store> attach(io.brokervx.endpoint.Endpoint endpoint,
      io.brokervx.verticle.impl.Config c) {
    return Store.attachClone(endpoint, c.requireString("name"), new CloneOptions(c.object("options")));
  }
}
