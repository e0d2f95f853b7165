package io.brokervx.observability;

import static io.brokervx.observability.MetricsScrapeTest.get;
import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.brokervx.test.Await;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Broker's status report and the live feed after a known topology: a line a - b - c of real endpoints on
 * 127.0.0.1, a store's master on b and its clone on c.
 */
class StatusReportTest {
  private static final int ENTRIES = 3;
  private Vertx vertx;
  private Endpoint a;
  private Endpoint b;
  private Endpoint c;
  private StatusServer server;
  private String base;

  @BeforeEach
  void line() {
    vertx = Vertx.vertx();
    a = Endpoint.create(vertx);
    b = Endpoint.create(vertx);
    c = Endpoint.create(vertx);
    int port = await(b.listen("127.0.0.1", 0));
    await(a.peer("127.0.0.1", port));
    await(c.peer("127.0.0.1", port));
    Await.eventually(vertx, "a reaches c", () -> a.stats().map(s -> s.routing().links().size() == 2));
    Store master = await(Store.attachMaster(b, "kv", new MasterOptions()));
    Store clone = await(Store.attachClone(c, "kv", new CloneOptions().setHeartbeatInterval(Duration.ofMillis(100)).setResyncInterval(Duration.ofMillis(100))));
    for (int i = 0; i < ENTRIES; i++) {
      await(clone.put(Data.count(i), Data.count(i)));
    }
    Await.eventually(vertx, "the master has every entry", () -> master.keys().map(k -> k.size() == ENTRIES));
    server = StatusServer.create(vertx, new MetricsServerOptions().setMaxLiveClients(1))
        .addEndpoint("a", a).addEndpoint("b", b).addEndpoint("c", c);
    base = "http://127.0.0.1:" + await(server.listen()) + "/";
  }

  @AfterEach
  void close() {
    await(vertx.close(), "closing Vert.x");
  }

  @Test
  void theReportHasBrokersKeysAndTheRoutingGraph() throws Exception {
    HttpResponse<String> response = get(base + "v1/status/json?endpoint=b");
    assertEquals(200, response.statusCode());
    JsonObject r = new JsonObject(response.body());
    assertEquals(b.id().toString(), r.getString("id"));
    assertEquals("b", r.getString("cluster-node"));
    assertTrue(Instant.parse(r.getString("time")).isAfter(Instant.now().minusSeconds(60)));
    assertEquals(2, r.getInteger("native-connections"));
    JsonObject peerings = r.getJsonObject("peerings");
    assertEquals(Set.of(a.id().toString(), c.id().toString()), peerings.fieldNames());
    JsonObject toC = peerings.getJsonObject(c.id().toString());
    assertEquals("c", toC.getString("name"));
    for (String side : new String[] {"input", "output"}) {
      assertEquals(Set.of("requested", "delivered"), toC.getJsonObject(side).fieldNames());
    }
    assertEquals(Set.of("data", "command", "routing_update", "ping", "pong"), r.getJsonObject("message-metrics").fieldNames());
    assertTrue(r.getJsonObject("message-metrics").getJsonObject("command").getLong("processed") >= ENTRIES,
        "the clone's writes reached b as commands");

    JsonObject kv = r.getJsonObject("masters").getJsonObject("kv");
    assertEquals(ENTRIES, kv.getInteger("entries"));
    // Broker's channel numbers: the counter starts at 1, so the first event is 2
    assertEquals(ENTRIES + 1, kv.getJsonObject("output").getLong("seq"));
    assertEquals(1, kv.getJsonObject("output").getInteger("paths"));
    JsonObject writer = kv.getJsonObject("inputs").getJsonObject(c.id().toString());
    assertEquals(ENTRIES + 1, writer.getLong("last-seq"));
    assertEquals(ENTRIES + 2, writer.getLong("next-seq"));
    assertTrue(writer.containsKey("buffered") && writer.containsKey("num-ticks"));
    assertEquals(0, r.getJsonObject("clones").size());

    JsonObject routing = r.getJsonObject("routing");
    assertEquals(3, routing.getJsonArray("endpoints").size());
    JsonArray links = routing.getJsonArray("links");
    assertEquals(2, links.size());
    for (Object l : links) {
      assertTrue(((JsonArray) l).contains(b.id().toString()), "every link ends at b: " + links);
    }
    assertEquals("a", routing.getJsonObject("names").getString(a.id().toString()));

    JsonObject onC = new JsonObject(get(base + "v1/status/json?endpoint=c").body());
    JsonObject cloneKv = onC.getJsonObject("clones").getJsonObject("kv");
    assertEquals(b.id().toString(), cloneKv.getString("master-id"));
    assertEquals(ENTRIES, cloneKv.getInteger("entries"));
    assertEquals(ENTRIES + 1, cloneKv.getJsonObject("input").getLong("last-seq"));
    assertEquals(0, cloneKv.getJsonObject("output").getLong("buffered"));

    assertEquals(a.id().toString(), new JsonObject(get(base + "v1/status/json").body()).getString("id"),
        "without ?endpoint, the first endpoint added");
    assertEquals(404, get(base + "v1/status/json?endpoint=nobody").statusCode());
    assertEquals(404, get(base + "nothing-here").statusCode());
  }

  @Test
  void theLiveFeedSendsTheNetworkAndBoundsItsClients() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest live = HttpRequest.newBuilder(URI.create(base + "v1/status/live")).timeout(Duration.ofSeconds(30))
        .build();
    HttpResponse<Stream<String>> first = client.send(live, HttpResponse.BodyHandlers.ofLines());
    assertEquals(200, first.statusCode());
    assertEquals("text/event-stream; charset=utf-8", first.headers().firstValue("Content-Type").orElse(""));
    JsonObject view = null;
    try (Stream<String> lines = first.body()) {
      for (Iterator<String> it = lines.iterator(); it.hasNext() && view == null; ) {
        String line = it.next();
        if (line.startsWith("data: ")) {
          view = new JsonObject(line.substring(6));
        }
      }
      assertEquals(503, get(base + "v1/status/live").statusCode(), "one live page at most");
    }
    assertEquals(3, view.getJsonArray("nodes").size());
    assertEquals(2, view.getJsonArray("links").size());
    assertEquals(2, view.getJsonArray("stores").size(), "the master on b and the clone on c");
    JsonObject cloneRow = view.getJsonArray("stores").stream().map(JsonObject.class::cast)
        .filter(s -> s.getString("role").equals("clone")).findFirst().orElseThrow();
    assertEquals("b", cloneRow.getString("master"));
    assertEquals(0, cloneRow.getLong("lag"));
    assertNull(view.getJsonArray("nodes").stream().map(JsonObject.class::cast)
        .filter(n -> !n.getBoolean("shown")).findFirst().orElse(null), "every endpoint is shown here");

    HttpResponse<String> page = get(base);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script src=\"status.js\">"));
    assertEquals(200, get(base + "status.js").statusCode());
  }
}
