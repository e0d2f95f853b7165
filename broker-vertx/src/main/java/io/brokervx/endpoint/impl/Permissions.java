package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.AuthorizationRule;
import io.brokervx.endpoint.StoreAccess;

/**
 * What one directly connected peer may do, from the authorization rule that matched its identity; {@link #ALL}
 * when the endpoint has no rules (as with Broker).
 */
final class Permissions {
  /** Everything: no rules are configured. */
  static final Permissions ALL = new Permissions(null);
  private static final String STORE_MARK = "/<$>/data/";

  private final AuthorizationRule rule;

  Permissions(AuthorizationRule rule) {
    this.rule = rule;
  }

  /** @return whether nothing is restricted */
  boolean unrestricted() {
    return rule == null;
  }

  /** @return whether the peer may send here a value (or a command) on {@code topic} */
  boolean mayPublish(String topic) {
    if (rule == null) {
      return true;
    }
    String store = storeOf(topic);
    return store != null ? storeAccess(store) != StoreAccess.NONE : Topics.matches(rule.getPublish(), topic);
  }

  /** @return whether the peer may be sent a value (or a command) on {@code topic} */
  boolean mayReceive(String topic) {
    if (rule == null) {
      return true;
    }
    String store = storeOf(topic);
    return store != null ? storeAccess(store) != StoreAccess.NONE : Topics.matches(rule.getSubscribe(), topic);
  }

  /** @return the peer's access to the store {@code name} */
  StoreAccess storeAccess(String name) {
    if (rule == null) {
      return StoreAccess.WRITE;
    }
    StoreAccess a = rule.getStores().get(name);
    return a != null ? a : rule.getStores().getOrDefault("*", StoreAccess.NONE);
  }

  /** @return whether the peer may pass on, and advertise, other endpoints' messages */
  boolean mayRelay() {
    return rule == null || rule.isRelay();
  }

  /** @return the store a reserved topic ({@code <name>/<$>/data/...}) belongs to, or null for other topics */
  static String storeOf(String topic) {
    int at = topic.indexOf(STORE_MARK);
    return at > 0 ? topic.substring(0, at) : null;
  }

  @Override
  public String toString() {
    return rule == null ? "everything" : rule.toString();
  }
}
