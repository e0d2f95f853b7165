package io.brokervx.verticle;

import io.brokervx.verticle.impl.Config;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/**
 * A whole Broker node from one configuration, the main verticle of {@code broker-node.jar}:
 * <pre>{@code
 * {"endpoint": {"listen": {"host": "127.0.0.1", "port": 9999}, "peers": ["host:port"], "options": {…}},
 *  "stores": [{"name": "kv", "role": "master"|"clone", "backend": "memory"|"sqlite", "path": "kv.sqlite",
 *              "options": {…}}],
 *  "bridges": [{"topic": "zeek/", "address": "zeek.events", "direction": "in"|"out"|"both",
 *               "format": "json"|"data"}]}
 * }</pre>
 * With only {@code endpoint.listen} it is a plain relay that forwards between its peers. It deploys an
 * {@link EndpointVerticle} (named {@code "node"}), then a {@link MasterVerticle} or {@link CloneVerticle}
 * per store; a bad configuration fails the deployment with a message naming the key.
 */
public class BrokerNodeVerticle extends VerticleBase {
  static final String ENDPOINT_NAME = "node";

  @Override
  public Future<?> start() {
    JsonObject endpoint;
    JsonArray stores;
    try {
      Config c = new Config(config(), "broker-node config").only(Set.of("endpoint", "stores", "bridges"));
      if (!config().containsKey("endpoint")) {
        throw new IllegalArgumentException("broker-node config: 'endpoint' is required");
      }
      endpoint = c.object("endpoint").copy().put("name", ENDPOINT_NAME).put("bridges", c.array("bridges"));
      stores = c.array("stores");
      for (Object s : stores) {
        if (!(s instanceof JsonObject)) {
          throw new IllegalArgumentException("broker-node config: every store must be an object");
        }
        new Config((JsonObject) s, "broker-node config: store").choice("role", Set.of("master", "clone"), null);
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Future<?> chain = vertx.deployVerticle(new EndpointVerticle(), new DeploymentOptions().setConfig(endpoint));
    for (Object s : stores) {
      JsonObject store = ((JsonObject) s).copy();
      String role = (String) store.remove("role");
      store.put("endpoint", ENDPOINT_NAME);
      chain = chain.compose(id -> vertx.deployVerticle(role.equals("master") ? new MasterVerticle() : new CloneVerticle(),
          new DeploymentOptions().setConfig(store)));
    }
    return chain;
  }
}
