package io.brokervx.examples;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A {@code HOST:PORT} argument of the tools ({@code PORT} alone, or {@code :PORT}, means 127.0.0.1).
 *
 * @param host the host
 * @param port the port, 0..65535
 */
record HostPort(String host, int port) {
  @Override
  public String toString() {
    return host + ":" + port;
  }

  /** @return {@code text} as a host and port */
  static HostPort parse(String text) {
    int colon = text.lastIndexOf(':');
    String host = colon <= 0 ? "127.0.0.1" : text.substring(0, colon);
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65535) {
        throw new TypeConversionException("port " + port + " is not in 0..65535");
      }
      return new HostPort(host, port);
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not HOST:PORT");
    }
  }

  /** Lets picocli convert option values. */
  static final class Converter implements ITypeConverter<HostPort> {
    @Override
    public HostPort convert(String value) {
      return parse(value);
    }
  }
}
