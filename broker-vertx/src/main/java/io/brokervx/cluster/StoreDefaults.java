package io.brokervx.cluster;

import io.brokervx.store.BackendType;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.SqliteOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * How a cluster store is created, as Zeek's {@code Cluster::default_*} settings and {@code StoreInfo}:
 * the backend for volatile and for persistent stores, the master node (null: the first manager by name),
 * the directory of persistent stores ({@code <storeDir>/<name>.sqlite}), their SQLite options and the clones'
 * options. Held
 * globally by a {@link Cluster} and copied per store on first use; change them before creating the store.
 */
public class StoreDefaults {
  private BackendType backend = BackendType.MEMORY;
  private BackendType persistentBackend = BackendType.SQLITE;
  private String masterNode;
  private String storeDir = ".";
  private SqliteOptions sqliteOptions = new SqliteOptions();
  private CloneOptions cloneOptions = new CloneOptions().setResyncInterval(Duration.ofSeconds(10))
      .setStaleInterval(Duration.ofMinutes(5)).setMutationBufferInterval(Duration.ofMinutes(2));

  /** Creates Zeek's defaults: memory, SQLite when persistent, the first manager, the working directory. */
  public StoreDefaults() {
  }

  /** Creates a copy of {@code other}. */
  public StoreDefaults(StoreDefaults other) {
    this.backend = other.backend;
    this.persistentBackend = other.persistentBackend;
    this.masterNode = other.masterNode;
    this.storeDir = other.storeDir;
    this.sqliteOptions = new SqliteOptions(other.sqliteOptions);
    this.cloneOptions = new CloneOptions(other.cloneOptions);
  }

  /** @return the backend of a volatile store */
  public BackendType getBackend() {
    return backend;
  }

  /** Sets the backend of a volatile store. */
  public StoreDefaults setBackend(BackendType backend) {
    this.backend = Objects.requireNonNull(backend);
    return this;
  }

  /** @return the backend of a persistent store */
  public BackendType getPersistentBackend() {
    return persistentBackend;
  }

  /** Sets the backend of a persistent store. */
  public StoreDefaults setPersistentBackend(BackendType persistentBackend) {
    this.persistentBackend = Objects.requireNonNull(persistentBackend);
    return this;
  }

  /** @return the node holding the master, or null for the first manager by name */
  public String getMasterNode() {
    return masterNode;
  }

  /** Sets the node holding the master (null: the first manager by name). */
  public StoreDefaults setMasterNode(String masterNode) {
    this.masterNode = masterNode;
    return this;
  }

  /** @return the directory of persistent stores */
  public String getStoreDir() {
    return storeDir;
  }

  /** Sets the directory of persistent stores. */
  public StoreDefaults setStoreDir(String storeDir) {
    this.storeDir = Objects.requireNonNull(storeDir);
    return this;
  }

  /** @return the SQLite options of persistent stores (Broker's defaults: synchronous FULL, …) */
  public SqliteOptions getSqliteOptions() {
    return sqliteOptions;
  }

  /** Sets the SQLite options of persistent stores. */
  public StoreDefaults setSqliteOptions(SqliteOptions sqliteOptions) {
    this.sqliteOptions = Objects.requireNonNull(sqliteOptions);
    return this;
  }

  /** @return the clones' options (resync, stale and mutation-buffer intervals, …) */
  public CloneOptions getCloneOptions() {
    return cloneOptions;
  }

  /** Sets the clones' options. */
  public StoreDefaults setCloneOptions(CloneOptions cloneOptions) {
    this.cloneOptions = Objects.requireNonNull(cloneOptions);
    return this;
  }
}
