package io.brokervx.examples.kotlin

import io.brokervx.verticle.StoreService
import io.vertx.core.Future
import io.vertx.core.VerticleBase
import io.vertx.core.json.JsonObject

/**
 * The polyglot example: a Kotlin verticle that knows nothing of broker-vertx's Java types beyond the
 * generated store-service proxy. It consumes Zeek events bridged onto the event bus as JSON v1
 * data messages (`{"type":"data-message","topic":…,"@data-type":"vector","data":[…]}`), takes the
 * originating host (the first argument of the event, an address), and counts it in a Broker store
 * through the store service.
 *
 * Configuration: `address` (the bridged event-bus address), `store` (the store's name).
 */
class HostCounter : VerticleBase() {
  override fun start(): Future<*> {
    val address = config().getString("address") ?: return Future.failedFuture<Any>("'address' is required")
    val store = StoreService.createProxy(vertx, config().getString("store") ?: "hosts")
    vertx.eventBus().consumer<JsonObject>(address) { msg ->
      val host = firstArgument(msg.body()) ?: return@consumer
      store.increment(host, JsonObject().put("@data-type", "count").put("data", 1), null)
    }
    return Future.succeededFuture<Any>()
  }

  /** The first argument of a Zeek event `[1, 1, [name, [args…], …]]` in JSON v1, or null. */
  private fun firstArgument(message: JsonObject): JsonObject? {
    val body = message.getJsonArray("data") ?: return null
    if (body.size() < 3) return null
    val event = body.getJsonObject(2)?.getJsonArray("data") ?: return null
    val args = event.getJsonObject(1)?.getJsonArray("data") ?: return null
    return if (args.isEmpty) null else args.getJsonObject(0)
  }
}
