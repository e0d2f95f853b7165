package io.brokervx.verticle;

import static io.brokervx.verticle.VerticlesTest.await;
import static io.brokervx.verticle.VerticlesTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cluster nodes as verticles: deployment, bad configuration, undeployment. */
class ClusterNodeVerticleTest {
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void nodesDeployedAsVerticlesFindEachOther() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
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
      long deadline = System.currentTimeMillis() + 20_000;
      while (!await(worker.cluster().nodesUp()).equals(Set.of("manager"))) {
        assertTrue(System.currentTimeMillis() < deadline, "the worker sees the manager up");
        Promise<Void> tick = Promise.promise();
        vertx.setTimer(20, t -> tick.complete());
        await(tick.future());
      }
      await(vertx.undeploy(m));
      while (!await(worker.cluster().nodesUp()).isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline, "the worker sees the manager down");
        Promise<Void> tick = Promise.promise();
        vertx.setTimer(20, t -> tick.complete());
        await(tick.future());
      }
      assertEquals(Set.of(), await(worker.cluster().nodesUp()));
    } finally {
      await(vertx.close());
    }
  }
}
