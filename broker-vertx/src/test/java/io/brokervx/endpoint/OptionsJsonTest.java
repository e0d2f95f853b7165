package io.brokervx.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Endpoint options and authorization rules read their JSON strictly and write it back as they read it. */
class OptionsJsonTest {

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  @Test
  void endpointOptionsRoundTripWithDurationsAndRules() {
    EndpointOptions o = new EndpointOptions(new JsonObject().put("heartbeatTimeout", "5s").put("retryInterval", 250)
        .put("authorization", new JsonArray().add(new JsonObject().put("identity", "10.0.0.0/8")
            .put("subscribe", new JsonArray().add("zeek/")).put("stores", new JsonObject().put("hosts", "read")))));
    assertEquals(Duration.ofSeconds(5), o.getHeartbeatTimeout());
    assertEquals(Duration.ofMillis(250), o.getRetryInterval());
    assertEquals("5s", o.toJson().getString("heartbeatTimeout"));
    assertEquals(o.toJson(), new EndpointOptions(o.toJson()).toJson());
    AuthorizationRule rule = o.getAuthorization().get(0);
    assertEquals(List.of("zeek/"), rule.getSubscribe());
    assertEquals(Map.of("hosts", StoreAccess.READ), rule.getStores());
  }

  @Test
  void unknownKeysAndWrongTypesAreRefusedNamingTheKey() {
    assertEquals("endpoint option: 'heartbeatTimeout' must be a duration (milliseconds, or \"1500ms\", \"3s\", \"2min\"),"
        + " not \"soon\"", error(() -> new EndpointOptions(new JsonObject().put("heartbeatTimeout", "soon"))));
    assertEquals("authorization rule: unknown key 'publsh' (known: identity, publish, relay, stores, subscribe)",
        error(() -> AuthorizationRule.fromJson(new JsonArray().add(new JsonObject().put("publsh", new JsonArray())))));
    assertEquals("authorization rule: 'relay' must be true or false, not \"yes\"",
        error(() -> new AuthorizationRule(new JsonObject().put("relay", "yes"))));
    assertEquals("authorization rule: 'publish' must hold topic prefixes (strings), not 3",
        error(() -> new AuthorizationRule(new JsonObject().put("publish", new JsonArray().add(3)))));
  }

  @Test
  void storeOptionsReadDurationsAndRefuseUnknownKeys() {
    CloneOptions c = new CloneOptions(new JsonObject().put("resyncInterval", "250ms").put("staleInterval", "never")
        .put("maxGetDelay", 0));
    assertEquals(Duration.ofMillis(250), c.getResyncInterval());
    assertEquals(CloneOptions.NEVER, c.getStaleInterval());
    assertEquals(c.toJson(), new CloneOptions(c.toJson()).toJson());
    assertEquals("never", c.toJson().getString("staleInterval"));
    MasterOptions m = new MasterOptions(new JsonObject().put("tickInterval", "50ms").put("cloneTimeout", 20000));
    assertEquals(Duration.ofMillis(50), m.getTickInterval());
    assertEquals("20s", m.toJson().getString("cloneTimeout"));
    assertEquals(m.toJson(), new MasterOptions(m.toJson()).toJson());
    assertEquals("clone option: unknown key 'staleIntervall' (known: heartbeatInterval, masterTimeout, maxGetDelay,"
        + " mutationBufferInterval, resyncInterval, staleInterval)",
        error(() -> new CloneOptions(new JsonObject().put("staleIntervall", 1))));
    assertEquals("master option: 'tickInterval' must be at least 1ms, not 0",
        error(() -> new MasterOptions(new JsonObject().put("tickInterval", 0))));
  }
}
