package io.brokervx.observability.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The live page's files — plain HTML, CSS and JavaScript shipped in the jar, nothing fetched from elsewhere —
 * read once (on a worker) when the server starts, then served from memory.
 */
final class PageAssets {
  private static final String BASE = "/io/brokervx/observability/page/";
  private static final Map<String, String> TYPES = Map.of(
      "/", "index.html", "/index.html", "index.html", "/status.css", "status.css", "/status.js", "status.js");

  private final Map<String, Buffer> files = new HashMap<>();

  /** @return a future completed once every file is read */
  Future<Void> load(Vertx vertx) {
    return vertx.executeBlocking(() -> {
      for (String file : TYPES.values()) {
        try (InputStream in = PageAssets.class.getResourceAsStream(BASE + file)) {
          if (in == null) {
            throw new IllegalStateException("missing page resource " + BASE + file);
          }
          files.put(file, Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return null;
    });
  }

  /** @return whether {@code path} is one of the page's files */
  boolean serves(String path) {
    return TYPES.containsKey(path);
  }

  /** Answers with the file at {@code path}. */
  void serve(String path, HttpServerResponse response) {
    String file = TYPES.get(path);
    String type = file.endsWith(".html") ? "text/html" : file.endsWith(".css") ? "text/css" : "text/javascript";
    response.putHeader("Content-Type", type + "; charset=utf-8").putHeader("Cache-Control", "no-cache")
        .end(files.get(file));
  }
}
