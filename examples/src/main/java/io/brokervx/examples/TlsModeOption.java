package io.brokervx.examples;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import picocli.CommandLine.Option;

/**
 * {@code --tls off|anonymous} of the measuring tools: plain TCP (Broker's {@code --disable-ssl}) or Broker's
 * default anonymous TLS. Both ends of a peering must agree.
 */
final class TlsModeOption {
  /** The modes a tool can use without certificates. */
  enum Mode { OFF, ANONYMOUS }

  @Option(names = "--tls", paramLabel = "off|anonymous", defaultValue = "anonymous",
      description = {"secure peerings as Broker's default (anonymous TLS) or not at all (off: plain TCP, what "
          + "Broker's tools call --disable-ssl); both ends must agree (default: ${DEFAULT-VALUE})"})
  Mode mode = Mode.ANONYMOUS;

  /** @return {@code options} with this TLS mode set */
  EndpointOptions apply(EndpointOptions options) {
    return options.setTls(new TlsOptions().setMode(mode == Mode.OFF ? TlsMode.OFF : TlsMode.ANONYMOUS));
  }
}
