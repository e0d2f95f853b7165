package io.brokervx.cluster;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.spi.EndpointPort;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A node that stops answering without closing its sockets (no FIN, no RST: its event loop is frozen) is
 * declared down within the bound its heartbeat timeout sets.
 */
class VanishedNodeTest {
  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void pause(Vertx vertx) throws Exception {
    io.vertx.core.Promise<Void> tick = io.vertx.core.Promise.promise();
    vertx.setTimer(10, t -> tick.complete());
    await(tick.future());
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aFrozenNodeIsDeclaredDownWithinTheHeartbeatBound() throws Exception {
    Vertx vertx = Vertx.vertx();
    Vertx victimVertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(60_000));
    try {
      ClusterLayout layout = ClusterLayout.fromJson(new JsonObject().put("nodes", new JsonArray()
          .add(new JsonObject().put("name", "manager").put("type", "manager").put("host", "127.0.0.1").put("port", freePort()))
          .add(new JsonObject().put("name", "proxy-1").put("type", "proxy").put("host", "127.0.0.1").put("port", freePort()))
          .add(new JsonObject().put("name", "worker-1").put("type", "worker"))));
      long timeoutMs = 1000;
      ClusterOptions options = new ClusterOptions().setEndpointOptions(new EndpointOptions().setRetryInterval(100)
          .setHeartbeatInterval(100).setHeartbeatTimeout(timeoutMs));
      Cluster manager = await(Cluster.start(vertx, layout, "manager", options));
      Cluster worker = await(Cluster.start(vertx, layout, "worker-1", options));
      Cluster proxy = await(Cluster.start(victimVertx, layout, "proxy-1", options));
      List<NodeEvent> seen = new CopyOnWriteArrayList<>();
      worker.nodeEvents().handler(seen::add);
      long deadline = System.currentTimeMillis() + 20_000;
      while (await(worker.nodesUp()).size() < 2) {
        assertTrue(System.currentTimeMillis() < deadline, "the worker sees both others up");
        pause(vertx);
      }
      long frozenAt = System.nanoTime();
      EndpointPort.of(proxy.endpoint()).context().runOnContext(v -> {
        try {
          Thread.sleep(5000); // fault injection: the node stops reading and writing, its sockets stay open
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      while (seen.stream().noneMatch(e -> !e.up() && e.name().equals("proxy-1"))) {
        assertTrue(System.currentTimeMillis() < deadline, "node_down(proxy-1) arrived");
        pause(vertx);
      }
      long elapsedMs = (System.nanoTime() - frozenAt) / 1_000_000;
      assertTrue(elapsedMs < 3 * timeoutMs, "declared down after " + elapsedMs + " ms, bound " + timeoutMs + " ms + slack");
      await(worker.close());
      await(manager.close());
    } finally {
      await(vertx.close());
      await(victimVertx.close());
    }
  }
}
