package io.brokervx.cluster;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.store.BackendType;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.vertx.core.Future;
import java.nio.file.Paths;

/**
 * Zeek's {@code Cluster::create_store}: the master on the master node, clones everywhere else; memory
 * unless persistent, then SQLite at {@code <storeDir>/<name>.sqlite}. Standalone (no cluster), the same
 * call makes a local master, so a script behaves the same either way.
 */
public final class ClusterStores {
  private ClusterStores() {
  }

  /** @return a local master of {@code name} on {@code endpoint}, as a standalone node creates it */
  public static Future<Store> createStandalone(Endpoint endpoint, String name, boolean persistent, StoreDefaults d) {
    return Store.attachMaster(endpoint, name, masterOptions(name, persistent, d));
  }

  /**
   * @return the master (on the master node) or a clone (elsewhere) of {@code name}
   * @throws IllegalArgumentException when there is no master node
   */
  public static Future<Store> create(Endpoint endpoint, String self, ClusterLayout layout, String name, boolean persistent,
      StoreDefaults d) {
    String master = d.getMasterNode() != null ? d.getMasterNode() : layout.firstManager()
        .orElseThrow(() -> new IllegalArgumentException("store " + name + ": no master node (no manager in the layout)"));
    if (master.equals(self)) {
      return Store.attachMaster(endpoint, name, masterOptions(name, persistent, d));
    }
    return Store.attachClone(endpoint, name, d.getCloneOptions());
  }

  private static MasterOptions masterOptions(String name, boolean persistent, StoreDefaults d) {
    BackendType backend = persistent ? d.getPersistentBackend() : d.getBackend();
    MasterOptions o = new MasterOptions().setBackend(backend);
    if (backend == BackendType.SQLITE) {
      o.setPath(Paths.get(d.getStoreDir(), name + ".sqlite").toString()).setSqlite(d.getSqliteOptions());
    }
    return o;
  }
}
