package io.brokervx.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus text read by the standard parser, the Prometheus Python client's
 * ({@code prometheus_client.parser}, Debian's {@code python3-prometheus-client}, which {@code .ci/run}
 * installs): a test that needs it is skipped where it is missing. A text the parser rejects fails the test.
 *
 * @param samples every sample: {@code {"family", "type", "name", "labels", "value"}}
 */
record PrometheusText(List<JsonObject> samples) {
  /** Debian's Python first: where its python3-prometheus-client package installs; then whatever is on the PATH. */
  private static final List<String> PYTHONS = List.of("/usr/bin/python3", "python3");
  private static String python;

  /** Skips the calling test unless a python3 with prometheus_client is there. */
  static synchronized void assumeParser() throws Exception {
    for (String candidate : PYTHONS) {
      if (python == null && canParse(candidate)) {
        python = candidate;
      }
    }
    Assumptions.assumeTrue(python != null, "python3 with prometheus_client (python3-prometheus-client) is needed");
  }

  private static boolean canParse(String candidate) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(candidate, "-c", "import prometheus_client.parser").redirectErrorStream(true)
          .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** @return {@code text} as the standard parser reads it (after {@link #assumeParser()}) */
  static PrometheusText parse(String text) throws Exception {
    Path script = Files.createTempFile("parse_prometheus", ".py");
    try (InputStream in = PrometheusText.class.getResourceAsStream("/observability/parse_prometheus.py")) {
      Files.write(script, in.readAllBytes());
      Process p = new ProcessBuilder(python, script.toString()).start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      try (OutputStream stdin = p.getOutputStream()) {
        stdin.write(text.getBytes(StandardCharsets.UTF_8));
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail("the Prometheus parser did not finish");
      }
      String errors = new String(err.get(), StandardCharsets.UTF_8);
      assertEquals(0, p.exitValue(), "the Prometheus parser rejected the text: " + errors);
      JsonArray samples = new JsonArray(new String(out.get(), StandardCharsets.UTF_8));
      return new PrometheusText(samples.stream().map(JsonObject.class::cast).toList());
    } finally {
      Files.deleteIfExists(script);
    }
  }

  private static byte[] readAll(InputStream in) {
    try {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** @return the value of the sample {@code name} with exactly {@code labels}; fails when there is none */
  double value(String name, Map<String, String> labels) {
    for (JsonObject s : samples) {
      if (s.getString("name").equals(name) && s.getJsonObject("labels").getMap().equals(labels)) {
        return ((Number) s.getValue("value")).doubleValue();
      }
    }
    fail("no sample " + name + labels + " among " + samples.stream().filter(s -> s.getString("name").equals(name))
        .map(s -> s.getJsonObject("labels").encode()).toList());
    return Double.NaN;
  }

  /** @return the type the parser gave the family {@code family} (counter, gauge, …), or null when absent */
  String typeOf(String family) {
    return samples.stream().filter(s -> s.getString("family").equals(family)).map(s -> s.getString("type"))
        .findFirst().orElse(null);
  }

  /** @return whether some sample's name starts with {@code prefix} */
  boolean hasFamilyStartingWith(String prefix) {
    return samples.stream().anyMatch(s -> s.getString("name").startsWith(prefix));
  }
}
