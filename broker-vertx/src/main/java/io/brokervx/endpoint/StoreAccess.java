package io.brokervx.endpoint;

import java.util.Locale;

/** What a peer may do with a data store: nothing, attach a clone and read (read), or also write. */
public enum StoreAccess {
  NONE, READ, WRITE;

  /** @return the configuration name: {@code none}, {@code read} or {@code write} */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the access named {@code name} (case-insensitive) @throws IllegalArgumentException when unknown */
  public static StoreAccess fromConfigName(String name) {
    for (StoreAccess a : values()) {
      if (a.configName().equalsIgnoreCase(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown store access '" + name + "' (known: none, read, write)");
  }
}
