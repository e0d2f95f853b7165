package io.brokervx.observability;

import static io.brokervx.observability.MetricsScrapeTest.get;
import static io.brokervx.test.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.test.Await;
import io.brokervx.verticle.ClusterNodeVerticle;
import io.brokervx.verticle.EndpointVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Metrics switched on by configuration: the {@code metrics} key of an {@link EndpointVerticle} (and so of
 * broker-node), and a node's {@code metricsPort} in a cluster layout; a wrong key fails the deployment
 * naming it, and undeploying stops serving.
 */
class MetricsConfigTest {
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    await(vertx.close(), "closing Vert.x");
  }

  @Test
  void anEndpointVerticleServesItsMetricsUntilUndeployed() throws Exception {
    EndpointVerticle v = new EndpointVerticle();
    String id = await(vertx.deployVerticle(v, new DeploymentOptions().setConfig(new JsonObject().put("name", "edge")
        .put("listen", new JsonObject().put("host", "127.0.0.1").put("port", 0))
        .put("metrics", new JsonObject().put("port", 0)))));
    assertTrue(v.statusUrl().startsWith("http://127.0.0.1:"), v.statusUrl());
    String metrics = get(v.statusUrl() + "metrics").body();
    assertTrue(metrics.contains("broker_connections{endpoint=\"edge\"} 0.0"), metrics);
    await(vertx.undeploy(id));
    assertThrows(IOException.class, () -> get(v.statusUrl() + "metrics"), "no longer served");
  }

  @Test
  void aWrongMetricsKeyFailsTheDeploymentNamingIt() {
    Throwable t = Await.failure(vertx.deployVerticle(new EndpointVerticle(), new DeploymentOptions()
        .setConfig(new JsonObject().put("metrics", new JsonObject().put("prot", 9911)))), IllegalArgumentException.class);
    assertTrue(t.getMessage().startsWith("metrics config: unknown key 'prot'"), t.getMessage());
  }

  @Test
  void aClusterNodeServesItsLayoutsMetricsPort() throws Exception {
    int port = freePort();
    int metricsPort = freePort();
    JsonObject layout = new JsonObject().put("nodes", new JsonArray().add(new JsonObject().put("name", "manager")
        .put("type", "manager").put("host", "127.0.0.1").put("port", port).put("metricsPort", metricsPort)));
    ClusterNodeVerticle node = new ClusterNodeVerticle();
    await(vertx.deployVerticle(node, new DeploymentOptions().setConfig(new JsonObject().put("layout", layout)
        .put("node", "manager"))));
    assertEquals("http://127.0.0.1:" + metricsPort + "/", node.statusUrl());
    JsonObject report = new JsonObject(get(node.statusUrl() + "v1/status/json").body());
    assertEquals("manager", report.getString("cluster-node"));
    assertEquals(node.cluster().endpoint().id().toString(), report.getString("id"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
