package io.brokervx.observability;

import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.brokervx.test.Await;
import io.brokervx.test.Inbox;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after known traffic between two real endpoints on 127.0.0.1, read by the standard
 * Prometheus parser: every count equals what was sent, under Broker's and Zeek's names, next to Vert.x's
 * own metrics (Vert.x created by {@link VertxMetrics}).
 */
class MetricsScrapeTest {
  private static final int DATA = 250;
  private static final int QUEUE = 16;
  private static final int FLOOD = 40;
  private static final int PUTS = 5;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = VertxMetrics.vertx();
  }

  @AfterEach
  void stop() {
    await(vertx.close(), "closing Vert.x");
  }

  static HttpResponse<String> get(String url) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsCountWhatWasSentUnderBrokersAndZeeksNames() throws Exception {
    PrometheusText.assumeParser();
    // plain TCP: the hostile bytes below meet Broker's handshake, not a TLS engine
    TlsOptions plain = new TlsOptions().setMode(TlsMode.OFF);
    Endpoint a = Endpoint.create(vertx, new EndpointOptions().setTls(plain));
    Endpoint b = Endpoint.create(vertx, new EndpointOptions().setTls(plain).setSubscriberQueueSize(QUEUE));
    int port = await(a.listen("127.0.0.1", 0));
    await(b.peer("127.0.0.1", port));
    Inbox<DataMessage> received = Inbox.of(b.subscribe("t/"));
    Subscription stalled = b.subscribe("drop/");
    stalled.pause(); // its queue holds QUEUE messages; the policy (drop_oldest) discards the rest
    Await.eventually(vertx, "a sees b's subscriptions", () -> a.subscribersOf("drop/").map(s -> s.size() == 1));
    for (int i = 0; i < DATA; i++) {
      a.publish("t/x", Data.count(i));
    }
    for (int i = 0; i < FLOOD; i++) {
      a.publish("drop/x", Data.count(i));
    }
    received.awaitSize(DATA);
    Await.eventually(vertx, "b processed every message",
        () -> b.stats().map(s -> s.processedMessages().get("data") == DATA + FLOOD));
    Store.attachMaster(a, "kv", new MasterOptions()).await();
    Store clone = await(Store.attachClone(b, "kv", new CloneOptions().setHeartbeatInterval(Duration.ofMillis(100))
        .setResyncInterval(Duration.ofMillis(100))));
    for (int i = 0; i < PUTS; i++) {
      await(clone.put(Data.count(i), Data.string("v" + i)), "a put through the clone");
    }
    try (Socket hostile = new Socket("127.0.0.1", port)) {
      OutputStream out = hostile.getOutputStream();
      out.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3}); // a 4 GiB frame
      out.flush();
      Await.eventually(vertx, "a refused the hostile connection",
          () -> a.stats().map(s -> !s.handshakeFailures().isEmpty()));
    }

    StatusServer server = StatusServer.create(vertx, new MetricsServerOptions()).addEndpoint("a", a).addEndpoint("b", b);
    int metricsPort = await(server.listen());
    HttpResponse<String> response = get("http://127.0.0.1:" + metricsPort + "/metrics");
    assertEquals(200, response.statusCode());
    assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    PrometheusText m = PrometheusText.parse(response.body());

    assertEquals("gauge", m.typeOf("broker_connections"));
    assertEquals("counter", m.typeOf("broker_processed_messages"));
    assertEquals(1, m.value("broker_connections", Map.of("endpoint", "a")));
    assertEquals(DATA + FLOOD, m.value("broker_processed_messages_total", Map.of("endpoint", "b", "type", "data")));
    assertEquals(0, m.value("broker_processed_messages_total", Map.of("endpoint", "a", "type", "data")));
    assertEquals(DATA + FLOOD, m.value("broker_published_messages_total", Map.of("endpoint", "a")));
    assertEquals(DATA + FLOOD, m.value("broker_peer_messages_total",
        Map.of("endpoint", "a", "peer", "b", "direction", "sent")));
    assertEquals(DATA + FLOOD, m.value("broker_peer_messages_total",
        Map.of("endpoint", "b", "peer", "a", "direction", "received")));
    assertEquals(FLOOD - QUEUE, m.value("broker_dropped_messages_total",
        Map.of("endpoint", "b", "queue", "subscriber_queue")));
    assertEquals(0, m.value("broker_dropped_messages_total", Map.of("endpoint", "a", "queue", "peer_buffer")));
    assertEquals(0, m.value("zeek_broker_peer_buffer_messages", Map.of("endpoint", "a", "peer", "b")));
    assertEquals(0, m.value("zeek_broker_peer_buffer_overflows_total", Map.of("endpoint", "a", "peer", "b")));
    assertTrue(m.value("zeek_broker_peer_buffer_recent_max_messages", Map.of("endpoint", "a", "peer", "b")) >= 0);
    assertEquals(1, m.value("broker_handshake_failures_total", Map.of("endpoint", "a", "reason", "invalid_message")));
    assertEquals(0, m.value("broker_denied_messages_total", Map.of("endpoint", "a")), "no authorization rules");

    for (String e : new String[] {"a", "b"}) {
      Map<String, String> kv = Map.of("endpoint", e, "name", "kv");
      assertEquals(PUTS, m.value("broker_store_entries", kv), e);
      assertEquals(PUTS, m.value("broker_store_processed_updates_total", kv), e);
      assertEquals(0, m.value("broker_store_out_of_order_updates", kv), e);
      assertEquals(1, m.value("broker_store_output_channels", kv), e);
    }
    assertEquals(0, m.value("broker_store_unacknowledged_updates", Map.of("endpoint", "b", "name", "kv")));
    assertEquals(2, m.value("broker_routing_endpoints", Map.of("endpoint", "a", "kind", "routing")));
    assertEquals(1, m.value("broker_routing_links", Map.of("endpoint", "b")));
    assertTrue(m.value("broker_event_loop_lag_seconds", Map.of("loop", "0")) >= 0);
    assertTrue(m.hasFamilyStartingWith("vertx_net_server_"), "Vert.x's own TCP server metrics");
    assertTrue(m.hasFamilyStartingWith("jvm_memory_"), "JVM metrics");
    await(server.close());
    assertTrue(!VertxMetrics.registryOf(vertx).orElseThrow().scrape().contains("broker_connections"),
        "a closed server removes its meters");
    await(Future.join(a.close(), b.close()));
  }
}
