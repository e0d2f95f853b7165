package io.brokervx.store;

import java.util.Locale;

/** Where a master keeps its data. */
public enum BackendType {
  /** In memory only: fastest, nothing survives a restart. */
  MEMORY,
  /** A SQLite file: every acknowledged write and pending expiry survives a restart. */
  SQLITE;

  /** @return the configuration name: {@code memory} or {@code sqlite} */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the backend named {@code name} @throws IllegalArgumentException for an unknown name */
  public static BackendType fromConfigName(String name) {
    for (BackendType t : values()) {
      if (t.configName().equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown backend '" + name + "' (memory, sqlite)");
  }
}
