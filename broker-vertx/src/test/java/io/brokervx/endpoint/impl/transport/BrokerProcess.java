package io.brokervx.endpoint.impl.transport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real Broker 6.2 process for interop tests: a Python-bindings endpoint listening on 127.0.0.1 only, or
 * {@code broker-pipe} dialing our loopback listener (Broker's own listeners bind every interface, so no test
 * lets a Broker binary listen). Found through the system property {@code broker.home} (default
 * {@code ../../shared/tools/broker-6.2} from the module directory); tests skip when it is absent.
 */
final class BrokerProcess implements AutoCloseable {
  private static final long START_TIMEOUT_MS = 30_000;

  private final Process process;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> transcript = new ArrayList<>();

  private BrokerProcess(List<String> command, Path workDir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
    pb.environment().put("PYTHONPATH", home().resolve("python").toString());
    pb.environment().put("BROKER_CONSOLE_VERBOSITY", "error");
    process = pb.start();
    Thread reader = new Thread(this::pump, "broker-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** @return Broker's installation directory */
  static Path home() {
    return Path.of(System.getProperty("broker.home", "../../shared/tools/broker-6.2")).toAbsolutePath().normalize();
  }

  /** Skips the calling test unless Broker's binaries and its Python bindings are there. */
  static void assumeAvailable() {
    assumeTrue(Files.isExecutable(home().resolve("bin/broker-pipe")), "no Broker 6.2 at " + home()
        + " (set -Dbroker.home)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "no /usr/bin/python3 for Broker's bindings");
  }

  /**
   * Starts a Broker endpoint listening on 127.0.0.1. {@code settings}: {@code disable_ssl} and Broker's
   * {@code certificate}, {@code key}, {@code passphrase}, {@code cafile}, {@code capath}.
   */
  static BrokerProcess listen(JsonObject settings, Path workDir) throws IOException {
    Path script = workDir.resolve("listen.py");
    try (var in = BrokerProcess.class.getResourceAsStream("/broker/listen.py")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    return new BrokerProcess(List.of("/usr/bin/python3", script.toString(), settings.encode()), workDir);
  }

  /** Starts {@code broker-pipe} subscribed to {@code /t}, dialing 127.0.0.1:{@code port}, with {@code extra} options. */
  static BrokerProcess dial(int port, List<String> extra, Path workDir) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(home().resolve("bin/broker-pipe").toString(),
        "-p", "[\"127.0.0.1:" + port + "\"]", "-m", "subscribe", "-t", "/t"));
    cmd.addAll(extra);
    return new BrokerProcess(cmd, workDir);
  }

  /** @return the port the listening endpoint printed */
  int port() {
    String first = nextLine(START_TIMEOUT_MS);
    try {
      return Integer.parseInt(first.trim());
    } catch (NumberFormatException e) {
      throw new AssertionError("Broker did not start: " + transcript(), e);
    }
  }

  /** @return everything Broker printed so far */
  synchronized String transcript() {
    return String.join("\n", transcript);
  }

  private String nextLine(long timeoutMs) {
    try {
      String line = lines.poll(timeoutMs, TimeUnit.MILLISECONDS);
      if (line == null) {
        throw new AssertionError("Broker printed nothing within " + timeoutMs + " ms: " + transcript());
      }
      return line;
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
          transcript.add(line);
        }
        lines.add(line);
      }
    } catch (IOException e) {
      // the pipe broke because the process was killed: its output simply ends here
    }
  }

  /** Ends the process (closing its stdin first, which also ends the Python listener) and waits for it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // the process is gone already; nothing to close
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
