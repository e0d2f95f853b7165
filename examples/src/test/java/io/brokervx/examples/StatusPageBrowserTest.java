package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.test.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster demo's status page in a real headless Chromium, as a person opens it: the demo (its own JVM)
 * prints the page's URL; the page loads without a console error, draws the demo's six nodes, shows a link
 * carrying data and the store's master applying updates, every clone attached. The screenshot is written to {@code target/status-page.png}. Skipped where Debian's
 * {@code chromium} is not installed ({@code .ci/run} installs it).
 */
class StatusPageBrowserTest {
  static final Path SCREENSHOT = Path.of("target", "status-page.png");
  /** Data messages per second on the busiest link once the workers publish steadily (each sends 2000/s). */
  private static final double STEADY = 100;
  private static final Pattern URL = Pattern.compile("status page: (http://127\\.0\\.0\\.1:\\d+/)");
  private static final List<String> NODES = List.of("logger", "manager", "proxy-1", "proxy-2", "worker-1", "worker-2");
  private static final String READ_PAGE = """
      JSON.stringify({
        nodes: [...document.querySelectorAll('#graph g.node[data-name]')].map(n => n.dataset.name).sort(),
        dataRates: [...document.querySelectorAll('#graph g.link[data-data-rate]')].map(l => Number(l.dataset.dataRate)),
        state: document.body.dataset.state,
        errors: Number(document.body.dataset.errors),
        stores: document.querySelectorAll('#stores tr[data-store]').length,
        clonesWithoutMaster: [...document.querySelectorAll('#stores tr[data-store]')]
          .filter(r => r.textContent.includes('no master')).length,
        masterRate: Math.max(0, ...[...document.querySelectorAll('#stores tr[data-role=master]')]
          .map(r => Number(r.dataset.rate)))
      })""";

  @Test
  void theDemosPageShowsSixNodesAndDataFlowingWithoutErrors(@TempDir Path profile) throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(HeadlessChromium.BINARY), "Debian's chromium is not installed");
    Vertx vertx = Vertx.vertx();
    try (ChildJvm demo = ChildJvm.main(BrokerTools.class, "cluster-demo", "-d", "120");
        HeadlessChromium browser = HeadlessChromium.start(profile, 1400, 900)) {
      String url = demo.awaitOut(URL).group(1);
      browser.navigate(url);
      demo.awaitOut(Pattern.compile("all nodes see each other up"));
      AtomicReference<JsonObject> seen = new AtomicReference<>(new JsonObject());
      try {
        Await.eventually(vertx, "the page showing six nodes, their stores and data flowing",
            () -> browser.evaluate(READ_PAGE).map(v -> {
              JsonObject p = new JsonObject((String) v);
              seen.set(p);
              return p.getJsonArray("nodes").getList().equals(NODES) && maxRate(p.getJsonArray("dataRates")) > STEADY
                  && p.getInteger("stores") == NODES.size() && p.getInteger("clonesWithoutMaster") == 0
                  && p.getDouble("masterRate") > 0;
            }));
      } finally {
        browser.screenshot(SCREENSHOT);
      }
      JsonObject page = seen.get();
      assertEquals(NODES, page.getJsonArray("nodes").getList(), "the demo's six nodes: " + page);
      assertTrue(maxRate(page.getJsonArray("dataRates")) > 0, "a link with data flowing: " + page);
      assertEquals(NODES.size(), page.getInteger("stores"), "the store's master and five clones: " + page);
      assertEquals(0, page.getInteger("clonesWithoutMaster"), "every clone attached: " + page);
      assertTrue(page.getDouble("masterRate") > 0, "the store's master applying updates: " + page);
      assertEquals("live", page.getString("state"));
      assertEquals(0, page.getInteger("errors"), "errors caught by the page");
      assertEquals(List.of(), browser.errors(), "console errors, exceptions or failed loads");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static double maxRate(JsonArray rates) {
    return rates.stream().mapToDouble(r -> ((Number) r).doubleValue()).max().orElse(0);
  }
}
