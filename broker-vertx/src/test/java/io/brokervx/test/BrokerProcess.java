package io.brokervx.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Broker 6.2 process for interop tests: an endpoint of Broker's Python bindings driven by
 * {@code broker_peer.py} (listening on 127.0.0.1 only, or peering out), or {@code broker-pipe} dialing our
 * loopback listener, or {@code broker-benchmark} (whose {@code --server HOST:PORT} binds HOST only: tests give it
 * 127.0.0.1). Broker's other binaries listen on every interface, so no test lets them listen. Found
 * through the system property {@code broker.home}; tests skip when it is absent.
 */
public final class BrokerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 30_000;

  private final Process process;
  private final OutputStream stdin;
  private final List<String> lines = new ArrayList<>();

  private BrokerProcess(List<String> command, Path workDir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().put("PYTHONPATH", home().resolve("python").toString());
    pb.environment().put("BROKER_CONSOLE_VERBOSITY", "error");
    process = pb.start();
    stdin = process.getOutputStream();
    Thread reader = new Thread(this::pump, "broker-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** @return Broker's installation directory */
  public static Path home() {
    return Path.of(System.getProperty("broker.home", "../../shared/tools/broker-6.2")).toAbsolutePath().normalize();
  }

  /**
   * Skips the calling test unless Broker's binaries and its Python bindings are there; in the interop
   * profile ({@code -Dinterop.required=true}) their absence fails the test instead.
   */
  public static void assumeAvailable() {
    boolean present = Files.isExecutable(home().resolve("bin/broker-pipe"))
        && Files.isExecutable(Path.of("/usr/bin/python3"));
    String why = "no Broker 6.2 at " + home() + " (set -Dbroker.home) or no /usr/bin/python3 for its bindings";
    if (Boolean.getBoolean("interop.required")) {
      assertTrue(present, why);
    }
    assumeTrue(present, why);
  }

  /**
   * Starts a Broker endpoint of the Python bindings. {@code settings}: {@code listen}, {@code disable_ssl},
   * {@code forwarding}, {@code subscribe}, and Broker's {@code certificate}, {@code key}, {@code passphrase},
   * {@code cafile}, {@code capath} (see {@code broker_peer.py}).
   */
  public static BrokerProcess python(JsonObject settings, Path workDir) throws IOException {
    return python("broker_peer.py", settings, workDir);
  }

  /** Starts the Python script {@code name} of the test resources' {@code broker} folder with {@code settings}. */
  public static BrokerProcess python(String name, JsonObject settings, Path workDir) throws IOException {
    Path script = workDir.resolve(name);
    try (InputStream in = BrokerProcess.class.getResourceAsStream("/broker/" + name)) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    return new BrokerProcess(List.of("/usr/bin/python3", script.toString(), settings.encode()), workDir);
  }

  /** Starts a Broker endpoint listening on 127.0.0.1 with {@code settings} (see {@link #python}). */
  public static BrokerProcess listen(JsonObject settings, Path workDir) throws IOException {
    return python(settings.copy().put("listen", true), workDir);
  }

  /** Starts {@code broker-pipe} subscribed to {@code /t}, dialing 127.0.0.1:{@code port}, with {@code extra} options. */
  public static BrokerProcess dial(int port, List<String> extra, Path workDir) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/broker-pipe").toString(),
        "-p", "[\"127.0.0.1:" + port + "\"]", "-m", "subscribe", "-t", "/t"));
    cmd.addAll(extra);
    return new BrokerProcess(cmd, workDir);
  }

  /**
   * Starts {@code broker-benchmark ARGS}: a client ({@code 127.0.0.1:PORT}) or a server ({@code --server
   * 127.0.0.1:PORT}, which binds loopback only).
   */
  public static BrokerProcess benchmark(List<String> args, Path workDir) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/broker-benchmark").toString()));
    cmd.addAll(args);
    return new BrokerProcess(cmd, workDir);
  }

  /**
   * Starts {@code broker-node} with {@code args}: give it {@code --peers} to dial our loopback listener and, for
   * its WebSocket server, {@code --broker.web-socket.address=127.0.0.1} (it must never listen on every interface).
   */
  public static BrokerProcess node(List<String> args, Path workDir) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/broker-node").toString()));
    cmd.addAll(args);
    return new BrokerProcess(cmd, workDir);
  }

  /** @return whether the process ended by itself within {@code timeoutMs} */
  public boolean awaitExit(long timeoutMs) {
    try {
      return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** @return the port a listening endpoint printed first */
  public int port() {
    String first = awaitLine(l -> !l.startsWith("status"), START_TIMEOUT_MS);
    try {
      return Integer.parseInt(first.trim());
    } catch (NumberFormatException e) {
      throw new AssertionError("Broker did not start: " + transcript(), e);
    }
  }

  /** Sends a command to the Python endpoint (see {@code broker_peer.py}). */
  public void send(JsonObject command) {
    try {
      stdin.write((command.encode() + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new AssertionError("Broker is gone: " + transcript(), e);
    }
  }

  /** @return the first line Broker printed that {@code matches}, waiting up to {@code timeoutMs} */
  public synchronized String awaitLine(Predicate<String> matches, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    int seen = 0;
    while (true) {
      for (; seen < lines.size(); seen++) {
        if (matches.test(lines.get(seen))) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        throw new AssertionError("Broker printed no such line within " + timeoutMs + " ms: " + transcript());
      }
      waitQuietly(left);
    }
  }

  /** @return the lines printed so far that {@code match}, once at least {@code n} did (waiting up to {@code timeoutMs}) */
  public synchronized List<String> awaitLines(Predicate<String> match, int n, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (true) {
      List<String> got = lines.stream().filter(match).toList();
      long left = deadline - System.currentTimeMillis();
      if (got.size() >= n || left <= 0) {
        return got;
      }
      waitQuietly(left);
    }
  }

  /** @return the lines printed so far that {@code match} */
  public synchronized List<String> lines(Predicate<String> match) {
    return lines.stream().filter(match).toList();
  }

  /** @return everything Broker printed so far */
  public synchronized String transcript() {
    return String.join("\n", lines);
  }

  private void waitQuietly(long ms) {
    try {
      wait(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void pump() {
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        synchronized (this) {
          lines.add(line);
          notifyAll();
        }
      }
    } catch (IOException e) {
      // the pipe broke because the process was killed: its output simply ends here
    }
  }

  /** Ends the process (closing its stdin first, which also ends the Python endpoint) and waits for it. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // the process is gone already; nothing to close
    }
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
