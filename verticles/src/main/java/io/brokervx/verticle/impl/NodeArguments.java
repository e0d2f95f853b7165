package io.brokervx.verticle.impl;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * What broker-node needs from its command line before the Vert.x launcher parses it: whether help or the
 * version was asked for, whether to cluster, and the configuration ({@code -conf FILE} or inline JSON),
 * read and checked here so that a missing file or bad JSON is one clear line instead of the launcher's
 * warning followed by a misleading "'endpoint' is required"; an option the launcher does not know is one
 * line too, instead of its usage text. Option names are case-insensitive, as the launcher's.
 *
 * @param help {@code -h}, {@code -help} or {@code --help} was given
 * @param version {@code -version} or {@code --version} was given
 * @param cluster {@code -c}, {@code -cluster} or {@code --cluster} was given
 * @param config the configuration, or null when {@code -conf} is missing
 */
public record NodeArguments(boolean help, boolean version, boolean cluster, JsonObject config) {
  private static final Set<String> HELP = Set.of("-h", "-help", "--help");
  private static final Set<String> VERSION = Set.of("-version", "--version");
  private static final Set<String> CLUSTER = Set.of("-c", "-cluster", "--cluster");
  private static final Set<String> CONF = Set.of("-conf", "--conf");
  /** The launcher's other options that take a value (each also with two dashes). */
  private static final Set<String> WITH_VALUE = Set.of("-options", "-vertx-options", "-cluster-port", "-cluster-host",
      "-cluster-public-port", "-cluster-public-host", "-deployment-options", "-instances");
  /** The launcher's other flags. */
  private static final Set<String> FLAGS = Set.of("-w", "-worker", "--worker", "-vt", "-virtual-thread",
      "--virtual-thread");

  /**
   * @return the arguments that matter before launching
   * @throws IllegalArgumentException for an unknown option, or naming the file, when {@code -conf} names a
   *     missing, unreadable or invalid file, or inline JSON that is not an object
   */
  public static NodeArguments scan(String[] args) {
    boolean help = false;
    boolean version = false;
    boolean cluster = false;
    String conf = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i].toLowerCase(Locale.ROOT);
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      help |= HELP.contains(a);
      version |= VERSION.contains(a);
      cluster |= CLUSTER.contains(a);
      if (CONF.contains(name)) {
        if (eq >= 0) {
          conf = args[i].substring(eq + 1);
        } else if (i + 1 < args.length) {
          conf = args[++i];
        } else {
          throw new IllegalArgumentException("-conf needs a file (or a JSON object)");
        }
      } else if (WITH_VALUE.contains(name.startsWith("--") ? name.substring(1) : name)) {
        if (eq < 0 && ++i >= args.length) {
          throw new IllegalArgumentException(args[i - 1] + " needs a value (see broker-node --help)");
        }
      } else if (!HELP.contains(a) && !VERSION.contains(a) && !CLUSTER.contains(a) && !FLAGS.contains(a)) {
        throw new IllegalArgumentException((a.startsWith("-") ? "unknown option '" : "unexpected argument '") + args[i]
            + "' (see broker-node --help)");
      }
    }
    return new NodeArguments(help, version, cluster, conf == null ? null : readConfig(conf));
  }

  private static JsonObject readConfig(String conf) {
    if (conf.stripLeading().startsWith("{")) {
      try {
        return new JsonObject(conf);
      } catch (DecodeException e) {
        throw new IllegalArgumentException("-conf: not a valid JSON object: " + oneLine(e.getMessage()));
      }
    }
    Path file;
    try {
      file = Path.of(conf);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("-conf " + conf + ": not a file name");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("-conf " + conf + ": no such file (in " + Path.of("").toAbsolutePath() + ")");
    }
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("-conf " + conf + ": cannot read it: " + e.getMessage());
    }
    try {
      return new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("-conf " + conf + ": not a valid JSON object: " + oneLine(e.getMessage()));
    }
  }

  /** @return Jackson's message on one line, without its note on the redacted source */
  private static String oneLine(String message) {
    String m = message == null ? "" : message.strip();
    return m.replaceAll("\\[Source: [^;]*; ", "[").replaceAll("\\s*\\R\\s*", " ");
  }
}
