package io.brokervx.test;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;

/** Endpoint options for tests whose raw clients speak Broker's wire in plaintext (TLS off). */
public final class PlainEndpoints {
  private PlainEndpoints() {
  }

  /** @return default endpoint options with TLS off */
  public static EndpointOptions plaintext() {
    return new EndpointOptions().setTls(new TlsOptions().setMode(TlsMode.OFF));
  }
}
