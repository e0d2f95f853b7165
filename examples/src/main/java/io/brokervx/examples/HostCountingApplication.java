package io.brokervx.examples;

import io.brokervx.codec.JsonFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.verticle.EndpointVerticle;
import io.brokervx.verticle.MasterVerticle;
import io.brokervx.verticle.StoreService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The README's Vert.x application, verbatim (between the tags; {@code ReadmeTest} checks the README against
 * this file and runs it): an endpoint Zeek peers with, a bridge both ways, a store deployed at the same
 * time, and a consumer that counts each event's first argument in the store and tells Broker the new count.
 * Configuration: {@code port} (default 9999), {@code peers}, {@code hostsFile} (default hosts.sqlite).
 */
// tag::vertx-application[]
public class HostCountingApplication extends VerticleBase {
  @Override
  public Future<?> start() {
    JsonObject endpoint = new JsonObject()
        .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", config().getInteger("port", 9999)))
        .put("peers", config().getJsonArray("peers", new JsonArray()))            // e.g. ["manager:9999"]
        .put("bridges", new JsonArray().add(new JsonObject()
            .put("topic", "zeek/events/").put("address", "zeek.events").put("direction", "both")));
    JsonObject store = new JsonObject()
        .put("name", "hosts").put("backend", "sqlite").put("path", config().getString("hostsFile", "hosts.sqlite"));
    // deployed together: the store verticle waits (up to 10 s) for the endpoint it attaches to
    Future<?> deployed = Future.all(
        vertx.deployVerticle(new EndpointVerticle(), new DeploymentOptions().setConfig(endpoint)),
        vertx.deployVerticle(new MasterVerticle(), new DeploymentOptions().setConfig(store)));

    StoreService hosts = StoreService.createProxy(vertx, "hosts");               // served at broker.store.hosts
    // Broker -> event bus: every message under zeek/events/ is published on "zeek.events" as JSON v1
    vertx.eventBus().<JsonObject>consumer("zeek.events", m -> {
      ZeekEvent event = ZeekEvent.fromData(JsonFormat.decodeMessage(m.body()).data());
      Data host = event.args().get(0);
      hosts.increment(JsonFormat.encode(host), JsonFormat.encode(Data.count(1)), null)
          .compose(v -> hosts.get(JsonFormat.encode(host)))
          // event bus -> Broker: what is sent to "zeek.events.out" is published under zeek/events/
          .onSuccess(count -> vertx.eventBus().send("zeek.events.out",
              JsonFormat.encodeMessage("zeek/events/counted", Data.vector(host, JsonFormat.decode(count)))))
          .onFailure(e -> System.err.println("not counted: " + e.getMessage()));  // Broker's error, e.g. type_clash
    });
    return deployed;
  }
}
// end::vertx-application[]
