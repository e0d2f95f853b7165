package io.brokervx.websocket;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code websocket/ws_client.py}, an independent client on Python's {@code websockets}, line by line: each
 * command gets one answer line. A script that stops answering fails the test instead of hanging it.
 */
public final class PythonWsClient implements AutoCloseable {
  private final Process process;
  private final Writer in;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final String first;

  private PythonWsClient(List<String> command) throws IOException, InterruptedException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        for (String l = r.readLine(); l != null; l = r.readLine()) {
          lines.add(l);
        }
      } catch (IOException e) {
        lines.add("io " + e.getMessage());
      }
    }, "ws_client.py reader");
    reader.setDaemon(true);
    reader.start();
    first = next();
  }

  /** Connects to {@code url} with the script's extra {@code args} (such as {@code --header}). */
  public static PythonWsClient connect(String url, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", script().toString(), url));
    command.addAll(List.of(args));
    return new PythonWsClient(command);
  }

  private static Path script() throws URISyntaxException {
    return Path.of(PythonWsClient.class.getResource("/websocket/ws_client.py").toURI());
  }

  /** @return the first line: {@code open}, or {@code refused ...} */
  public String opening() {
    return first;
  }

  private String next() throws InterruptedException {
    String line = lines.poll(60, TimeUnit.SECONDS);
    assertNotNull(line, "ws_client.py did not answer within 60 s");
    return line;
  }

  /** Runs one command. @return its answer line */
  public String command(String line) throws IOException, InterruptedException {
    in.write(line + "\n");
    in.flush();
    return next();
  }

  /** Sends {@code text} as a text frame. */
  public void send(String text) throws IOException, InterruptedException {
    String answer = command("send " + text);
    if (!answer.equals("sent")) {
      throw new IllegalStateException("send failed: " + answer);
    }
  }

  /** @return {@code msg <text>}, {@code closed <code> <reason>} or {@code timeout} after {@code seconds} */
  public String recv(double seconds) throws IOException, InterruptedException {
    return command("recv " + seconds);
  }

  /** @return the next message's text; fails the test on anything else */
  public String message() throws IOException, InterruptedException {
    String r = recv(30);
    if (!r.startsWith("msg ")) {
      throw new AssertionError("expected a message, got: " + r);
    }
    return r.substring(4);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
