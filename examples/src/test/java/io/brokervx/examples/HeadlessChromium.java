package io.brokervx.examples;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium (Debian's {@code chromium}, {@code /usr/bin/chromium}) driven over the DevTools
 * protocol through the JDK's WebSocket client: it opens a page, evaluates expressions in it, collects what the page
 * reports as errors (console errors, uncaught exceptions, failed loads) and takes screenshots. Closing it
 * ends the browser (its profile directory is the caller's).
 */
final class HeadlessChromium implements AutoCloseable {
  static final Path BINARY = Path.of("/usr/bin/chromium");
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final Map<Long, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
  private final List<String> errors = new ArrayList<>();
  private long nextId;

  private HeadlessChromium(Process process, URI page) throws Exception {
    this.process = process;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(page, new Listener())
        .get(30, TimeUnit.SECONDS);
  }

  /** Gathers each text message (which may come in parts) and hands it to {@link #onMessage}. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence part, boolean last) {
      text.append(part);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        onMessage(message);
      }
      ws.request(1);
      return null;
    }
  }

  /**
   * @return a browser with one blank page, {@code width} x {@code height}, ready to be driven, its profile in
   *     the empty directory {@code profile}
   */
  static HeadlessChromium start(Path profile, int width, int height) throws Exception {
    Process process = new ProcessBuilder(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--disable-default-apps", "--hide-scrollbars", "--user-data-dir=" + profile, "--remote-debugging-port=0",
        "--remote-allow-origins=*", "--window-size=" + width + "," + height, "about:blank").start();
    try {
      process.getInputStream().close();
      String browserUrl = CompletableFuture.supplyAsync(() -> devToolsUrl(process)).get(60, TimeUnit.SECONDS);
      URI browser = URI.create(browserUrl);
      String list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + browser.getHost()
          + ":" + browser.getPort() + "/json/list")).build(), HttpResponse.BodyHandlers.ofString()).body();
      String pageUrl = new JsonArray(list).stream().map(JsonObject.class::cast)
          .filter(t -> "page".equals(t.getString("type"))).findFirst().orElseThrow().getString("webSocketDebuggerUrl");
      HeadlessChromium chromium = new HeadlessChromium(process, URI.create(pageUrl));
      for (String domain : new String[] {"Runtime", "Log", "Page"}) {
        chromium.call(domain + ".enable", new JsonObject());
      }
      return chromium;
    } catch (Exception | Error e) {
      end(process);
      throw e;
    }
  }

  /** Reads the browser's standard error until it names its DevTools address (and drains the rest). */
  private static String devToolsUrl(Process process) {
    BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
    try {
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          Thread drain = new Thread(() -> {
            try {
              err.lines().forEach(l -> { });
            } catch (UncheckedIOException ended) {
              // the browser was closed: nothing left to drain
            }
          });
          drain.setDaemon(true);
          drain.start();
          return m.group(1);
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("chromium's standard error", e);
    }
    throw new IllegalStateException("chromium ended without a DevTools address");
  }

  private void onMessage(String text) {
    JsonObject m = new JsonObject(text);
    if (m.containsKey("id")) {
      CompletableFuture<JsonObject> p = pending.remove(m.getLong("id"));
      if (p != null) {
        p.complete(m);
      }
      return;
    }
    JsonObject params = m.getJsonObject("params", new JsonObject());
    switch (m.getString("method", "")) {
      case "Runtime.consoleAPICalled" -> {
        if ("error".equals(params.getString("type"))) {
          error("console.error: " + params.getJsonArray("args"));
        }
      }
      case "Runtime.exceptionThrown" -> error("exception: " + params.getJsonObject("exceptionDetails"));
      case "Log.entryAdded" -> {
        JsonObject entry = params.getJsonObject("entry");
        if ("error".equals(entry.getString("level"))) {
          error("log: " + entry.getString("text") + " " + entry.getString("url", ""));
        }
      }
      default -> {
        // other events are not needed
      }
    }
  }

  private synchronized void error(String what) {
    errors.add(what);
  }

  /** @return what the page reported as errors so far */
  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** @return the result of the DevTools method {@code method}, failed when the browser answers an error */
  Future<JsonObject> callAsync(String method, JsonObject params) {
    CompletableFuture<JsonObject> answer = new CompletableFuture<>();
    String request;
    synchronized (this) {
      long id = ++nextId;
      pending.put(id, answer);
      request = new JsonObject().put("id", id).put("method", method).put("params", params).encode();
      socket.sendText(request, true).join(); // one send at a time: the JDK's WebSocket allows no overlap
    }
    return Future.fromCompletionStage(answer).compose(m -> m.containsKey("error")
        ? Future.failedFuture(new IllegalStateException(method + ": " + m.getJsonObject("error")))
        : Future.succeededFuture(m.getJsonObject("result")));
  }

  /** {@link #callAsync}, waited for (30 s at most) on the calling thread, which must not be an event loop */
  JsonObject call(String method, JsonObject params) throws Exception {
    return callAsync(method, params).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  /** Opens {@code url} in the page. */
  void navigate(String url) throws Exception {
    call("Page.navigate", new JsonObject().put("url", url));
  }

  /** @return the value of the JavaScript {@code expression} (JSON-compatible) in the page */
  Future<Object> evaluate(String expression) {
    return callAsync("Runtime.evaluate", new JsonObject().put("expression", expression).put("returnByValue", true))
        .map(r -> r.getJsonObject("result").getValue("value"));
  }

  /** Writes a PNG screenshot of the page to {@code file}. */
  void screenshot(Path file) throws Exception {
    String png = call("Page.captureScreenshot", new JsonObject().put("format", "png")).getString("data");
    Files.createDirectories(file.getParent());
    Files.write(file, java.util.Base64.getDecoder().decode(png));
  }

  @Override
  public void close() {
    socket.abort();
    end(process);
  }

  /** Ends the browser and its helper processes. */
  private static void end(Process process) {
    List<ProcessHandle> helpers = process.descendants().toList();
    helpers.forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    helpers.forEach(ProcessHandle::destroyForcibly);
  }
}
