package io.brokervx.endpoint;

import io.brokervx.config.StrictJson;
import io.vertx.codegen.annotations.DataObject;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the peers of one identity may do. A peer's identity is its certificate subject in certificate mode,
 * else its address; {@code identity} matches it as {@code *} (everyone), a distinguished name
 * ({@code CN=worker-1,O=zeek}, compared as X.500 names), an address ({@code 10.0.0.7}) or a network
 * ({@code 10.0.0.0/8}). Rules apply to directly connected peers: what a peer may publish (send here,
 * its own values and those it relays), receive, do with each store, and whether it may relay others'
 * messages at all.
 *
 * <p>JSON: {@code {"identity": "CN=worker-1,O=zeek", "publish": ["zeek/cluster/"], "subscribe":
 * ["zeek/cluster/"], "stores": {"hosts": "write", "*": "read"}, "relay": true}}; absent lists mean nothing,
 * absent {@code relay} means false.
 */
@DataObject
public class AuthorizationRule {
  private static final List<String> KEYS = List.of("identity", "publish", "subscribe", "stores", "relay");

  private String identity = "*";
  private List<String> publish = List.of();
  private List<String> subscribe = List.of();
  private Map<String, StoreAccess> stores = Map.of();
  private boolean relay;

  /** A rule that matches everyone and allows nothing. */
  public AuthorizationRule() {
  }

  /** A copy of {@code other}. */
  public AuthorizationRule(AuthorizationRule other) {
    this(other.toJson());
  }

  /** A rule read from JSON. @throws IllegalArgumentException on an unknown key or a value of the wrong type */
  public AuthorizationRule(JsonObject json) {
    StrictJson j = StrictJson.of(json, "authorization rule").only(KEYS);
    setIdentity(j.string("identity", "*"));
    setPublish(strings(j, "publish"));
    setSubscribe(strings(j, "subscribe"));
    Map<String, StoreAccess> s = new LinkedHashMap<>();
    StrictJson stores = StrictJson.of(j.object("stores"), "authorization rule: stores");
    for (String store : j.object("stores").fieldNames()) {
      s.put(store, stores.value(store, null, StoreAccess::fromConfigName));
    }
    setStores(s);
    setRelay(j.bool("relay", false));
  }

  private static List<String> strings(StrictJson j, String key) {
    List<String> out = new ArrayList<>();
    for (Object o : j.array(key)) {
      if (!(o instanceof String prefix)) {
        throw new IllegalArgumentException("authorization rule: '" + key + "' must hold topic prefixes (strings), not " + o);
      }
      out.add(prefix);
    }
    return out;
  }

  /** @return the rules in {@code array} */
  public static List<AuthorizationRule> fromJson(JsonArray array) {
    List<AuthorizationRule> rules = new ArrayList<>();
    for (Object o : array) {
      if (!(o instanceof JsonObject j)) {
        throw new IllegalArgumentException("an authorization rule must be a JSON object, not " + o);
      }
      rules.add(new AuthorizationRule(j));
    }
    return rules;
  }

  /** @return {@code rules} as a JSON array */
  public static JsonArray toJson(List<AuthorizationRule> rules) {
    JsonArray a = new JsonArray();
    rules.forEach(r -> a.add(r.toJson()));
    return a;
  }

  /** @return this rule as JSON */
  public JsonObject toJson() {
    JsonObject s = new JsonObject();
    stores.forEach((k, v) -> s.put(k, v.configName()));
    return new JsonObject().put("identity", identity).put("publish", new JsonArray(publish))
        .put("subscribe", new JsonArray(subscribe)).put("stores", s).put("relay", relay);
  }

  public String getIdentity() {
    return identity;
  }

  /** Sets whom the rule is for: {@code *}, a distinguished name, an address or a network (CIDR). */
  public AuthorizationRule setIdentity(String identity) {
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("an authorization rule needs an identity ('*' for everyone)");
    }
    this.identity = identity;
    return this;
  }

  public List<String> getPublish() {
    return publish;
  }

  /** Sets the topic prefixes the peer may publish (send here). */
  public AuthorizationRule setPublish(List<String> publish) {
    this.publish = List.copyOf(publish);
    return this;
  }

  public List<String> getSubscribe() {
    return subscribe;
  }

  /** Sets the topic prefixes the peer may receive. */
  public AuthorizationRule setSubscribe(List<String> subscribe) {
    this.subscribe = List.copyOf(subscribe);
    return this;
  }

  public Map<String, StoreAccess> getStores() {
    return stores;
  }

  /** Sets the peer's access to each store by name ({@code *}: every other store). */
  public AuthorizationRule setStores(Map<String, StoreAccess> stores) {
    this.stores = Map.copyOf(stores);
    return this;
  }

  public boolean isRelay() {
    return relay;
  }

  /** Sets whether the peer may pass on (and advertise) other endpoints' messages. */
  public AuthorizationRule setRelay(boolean relay) {
    this.relay = relay;
    return this;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthorizationRule r && toJson().equals(r.toJson());
  }

  @Override
  public int hashCode() {
    return toJson().hashCode();
  }

  @Override
  public String toString() {
    return toJson().encode();
  }
}
