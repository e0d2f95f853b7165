package io.brokervx.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line flags of the tools: {@code -x value}, {@code --long value}, bare flags, and positionals. */
final class ToolArgs {
  /** Bad arguments; the tool prints its usage and exits with 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  final Map<String, String> values = new HashMap<>();
  final List<String> positional = new ArrayList<>();

  /**
   * @param args the arguments
   * @param withValue the flags that take a value
   * @param bare the flags that take none
   */
  ToolArgs(String[] args, Set<String> withValue, Set<String> bare) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (withValue.contains(a)) {
        if (i + 1 >= args.length) {
          throw new UsageException(a + " needs a value");
        }
        values.put(a, args[++i]);
      } else if (bare.contains(a)) {
        values.put(a, "true");
      } else if (a.startsWith("-") && a.length() > 1 && !a.matches("-\\d+")) {
        throw new UsageException("unknown flag " + a);
      } else {
        positional.add(a);
      }
    }
  }

  String get(String flag, String otherwise) {
    return values.getOrDefault(flag, otherwise);
  }

  long number(String flag, long otherwise) {
    String v = values.get(flag);
    try {
      return v == null ? otherwise : Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new UsageException(flag + " needs a number, not '" + v + "'");
    }
  }

  boolean has(String flag) {
    return values.containsKey(flag);
  }

  /** @return {@code host:port} split, the port checked */
  static HostPort hostPort(String text) {
    int colon = text.lastIndexOf(':');
    try {
      if (colon < 0) {
        return new HostPort("127.0.0.1", Integer.parseInt(text));
      }
      return new HostPort(colon == 0 ? "127.0.0.1" : text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new UsageException("not host:port: '" + text + "'");
    }
  }

  /** A host and a port. */
  record HostPort(String host, int port) {
  }
}
