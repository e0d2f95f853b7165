package io.brokervx.endpoint;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How peerings are secured: Broker's three modes (reference §6.1). */
public enum TlsMode {
  /** Plain TCP: Broker's {@code broker.disable-ssl = true}, Zeek's {@code Broker::disable_ssl = T}. */
  OFF,
  /**
   * Broker's default: TLS 1.2 with the anonymous cipher {@code AECDH-AES256-SHA} on curve P-384. Encrypted but
   * unauthenticated (open to a man in the middle); no certificates anywhere.
   */
  ANONYMOUS,
  /** Mutual TLS: each side presents a certificate signed by a CA the other trusts; TLS 1.2 or 1.3. */
  CERTIFICATE;

  /** @return the configuration name: {@code off}, {@code anonymous} or {@code certificate} */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @return the mode named {@code name} (case-insensitive)
   * @throws IllegalArgumentException for an unknown name
   */
  public static TlsMode fromConfigName(String name) {
    for (TlsMode m : values()) {
      if (m.configName().equalsIgnoreCase(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown tls mode '" + name + "' (known: "
        + Arrays.stream(values()).map(TlsMode::configName).collect(Collectors.joining(", ")) + ")");
  }
}
