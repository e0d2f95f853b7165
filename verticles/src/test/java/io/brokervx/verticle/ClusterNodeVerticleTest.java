package io.brokervx.verticle;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static io.brokervx.test.Await.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cluster nodes as verticles: deployment, bad configuration, undeployment. */
@ExtendWith(VertxExtension.class)
class ClusterNodeVerticleTest {
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void nodesDeployedAsVerticlesFindEachOther(Vertx vertx) throws Exception {
    JsonObject layout = new JsonObject().put("nodes", new JsonArray()
        .add(new JsonObject().put("name", "manager").put("type", "manager").put("host", "127.0.0.1").put("port", freePort()))
        .add(new JsonObject().put("name", "worker-1").put("type", "worker")));
    assertTrue(failure(vertx.deployVerticle(new ClusterNodeVerticle(), new DeploymentOptions().setConfig(
        new JsonObject().put("layout", layout).put("node", "nobody")))).getMessage().contains("nobody"));
    assertTrue(failure(vertx.deployVerticle(new ClusterNodeVerticle(), new DeploymentOptions().setConfig(
        new JsonObject().put("node", "manager")))).getMessage().contains("'layout' is required"));
    ClusterNodeVerticle manager = new ClusterNodeVerticle();
    ClusterNodeVerticle worker = new ClusterNodeVerticle();
    String m = await(vertx.deployVerticle(manager, new DeploymentOptions().setConfig(
        new JsonObject().put("layout", layout).put("node", "manager"))));
    await(vertx.deployVerticle(worker, new DeploymentOptions().setConfig(new JsonObject().put("layout", layout)
        .put("node", "worker-1").put("endpoint", new JsonObject().put("retryInterval", 100)))));
    eventually(vertx, "the worker sees the manager up",
        () -> worker.cluster().nodesUp().map(Set.of("manager")::equals));
    await(vertx.undeploy(m));
    eventually(vertx, "the worker sees the manager down", () -> worker.cluster().nodesUp().map(Set::isEmpty));
    assertEquals(Set.of(), await(worker.cluster().nodesUp()));
  }
}
