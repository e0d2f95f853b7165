package io.brokervx.verticle.impl;

/** Reads the {@code "host:port"} strings of verticle configurations. */
public final class HostPorts {
  private HostPorts() {
  }

  /**
   * @return {@code text} split into host and port, the port checked to be in 1..65535
   * @throws IllegalArgumentException starting with {@code where} when it is not {@code host:port}
   */
  public static String[] split(String text, String where) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(where + ": '" + text + "' is not host:port");
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": '" + text + "' has no valid port");
    }
    return new String[] {text.substring(0, colon), text.substring(colon + 1)};
  }
}
