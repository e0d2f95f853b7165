package io.brokervx.verticle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.LogManager;

/**
 * Gives a command-line program (broker-node, the tools) its default java.util.logging configuration:
 * one line per record, chosen levels per library. Vert.x, Netty, Hazelcast and broker-vertx all log
 * through java.util.logging when no SLF4J binding is present, as in the fat jars. A configuration the user
 * chose ({@code -Djava.util.logging.config.file=…} or {@code …config.class}) always wins.
 */
public final class DefaultLogging {
  private DefaultLogging() {
  }

  /**
   * Reads the logging configuration at {@code resource} (a class-path resource of {@code owner}) unless the
   * user configured logging; makes Hazelcast log through java.util.logging too. Call it first in
   * {@code main}, before anything logs.
   */
  public static void install(Class<?> owner, String resource) {
    if (System.getProperty("hazelcast.logging.type") == null) {
      System.setProperty("hazelcast.logging.type", "jdk");
    }
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    try (InputStream in = owner.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing logging configuration " + resource);
      }
      LogManager.getLogManager().readConfiguration(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
