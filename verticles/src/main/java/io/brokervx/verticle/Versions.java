package io.brokervx.verticle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * What {@code --version} prints for broker-node and the tools: the project's version (from a resource the
 * build fills in), the peering protocol versions spoken (Broker's 1, and broker-vertx's routed 2, chosen
 * in the hello between two broker-vertx endpoints), the Vert.x version and the Java runtime.
 */
public final class Versions {
  /** Broker's peering protocol version, spoken with Broker 2.x and Zeek. */
  public static final int BROKER_WIRE_VERSION = 1;
  /** broker-vertx's routed envelope (origin, sequence number, hop count), negotiated between our endpoints. */
  public static final int ROUTED_WIRE_VERSION = 2;

  private Versions() {
  }

  /** @return the project version, e.g. {@code 0.1.0} */
  public static String project() {
    return resource("/io/brokervx/verticle/version.properties", "version");
  }

  /** @return the Vert.x version on the class path */
  public static String vertx() {
    try (InputStream in = Versions.class.getResourceAsStream("/META-INF/vertx/vertx-version.txt")) {
      return in == null ? "unknown" : new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the lines {@code --version} prints for {@code program} */
  public static List<String> describe(String program) {
    return List.of(program + " " + project(),
        "wire protocol versions: " + BROKER_WIRE_VERSION + " (Broker 2.x, Zeek), " + ROUTED_WIRE_VERSION
            + " (broker-vertx routing)",
        "Vert.x " + vertx() + ", Java " + Runtime.version());
  }

  private static String resource(String path, String key) {
    Properties p = new Properties();
    try (InputStream in = Versions.class.getResourceAsStream(path)) {
      if (in == null) {
        return "unknown";
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty(key, "unknown");
  }
}
