package io.brokervx.store;

import io.brokervx.data.Data;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A change applied to a store, seen on the master and on every clone (Broker's store events).
 *
 * @param type what happened
 * @param store the store's name
 * @param key the key
 * @param value the new value (insert, update), else null
 * @param oldValue the previous value (update), else null
 * @param publisher the endpoint whose operation caused it, or null when unknown (expiry, snapshot)
 */
public record StoreEvent(Type type, String store, Data key, Data value, Data oldValue, UUID publisher) {
  /** The kinds of change. */
  public enum Type { INSERT, UPDATE, ERASE, EXPIRE }

  /**
   * @return Broker's vector layout: {@code ["insert", store, key, value, nil, pub, nil]},
   *     {@code ["update", store, key, old, new, nil, pub, nil]}, {@code ["erase", store, key, pub, nil]} or
   *     {@code ["expire", store, key, pub, nil]} (the expiry is not tracked on clones and is written nil)
   */
  public Data toData() {
    List<Data> v = new ArrayList<>();
    v.add(Data.string(type.name().toLowerCase(java.util.Locale.ROOT)));
    v.add(Data.string(store));
    v.add(key);
    if (type == Type.UPDATE) {
      v.add(oldValue);
    }
    if (type == Type.INSERT || type == Type.UPDATE) {
      v.add(value);
      v.add(Data.none());
    }
    v.add(publisher == null ? Data.none() : Data.string(publisher.toString()));
    v.add(Data.none());
    return Data.vector(v);
  }
}
