package io.brokervx.cluster;

import java.time.Duration;
import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.spi.EndpointPort;
import io.brokervx.test.Await;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node that stops answering without closing its sockets (no FIN, no RST: its event loop is frozen) is
 * declared down within the bound its heartbeat timeout sets.
 */
@ExtendWith(VertxExtension.class)
class VanishedNodeTest {
  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void aFrozenNodeIsDeclaredDownWithinTheHeartbeatBound(Vertx vertx) throws Exception {
    Vertx victimVertx = Vertx.vertx(new VertxOptions().setBlockedThreadCheckInterval(60_000));
    CountDownLatch thaw = new CountDownLatch(1);
    try {
      ClusterLayout layout = ClusterLayout.fromJson(new JsonObject().put("nodes", new JsonArray()
          .add(new JsonObject().put("name", "manager").put("type", "manager").put("host", "127.0.0.1").put("port", freePort()))
          .add(new JsonObject().put("name", "proxy-1").put("type", "proxy").put("host", "127.0.0.1").put("port", freePort()))
          .add(new JsonObject().put("name", "worker-1").put("type", "worker"))));
      long timeoutMs = 1000;
      ClusterOptions options = new ClusterOptions().setEndpointOptions(new EndpointOptions().setRetryInterval(Duration.ofMillis(100))
          .setHeartbeatInterval(Duration.ofMillis(100)).setHeartbeatTimeout(Duration.ofMillis(timeoutMs)));
      Cluster manager = await(Cluster.start(vertx, layout, "manager", options));
      Cluster worker = await(Cluster.start(vertx, layout, "worker-1", options));
      Cluster proxy = await(Cluster.start(victimVertx, layout, "proxy-1", options));
      Inbox<NodeEvent> seen = Inbox.of(worker.nodeEvents());
      eventually(vertx, "the worker sees both others up", () -> worker.nodesUp().map(up -> up.size() == 2));
      long frozenAt = System.nanoTime();
      // fault injection: the node's event loop stops reading and writing; its sockets stay open
      EndpointPort.of(proxy.endpoint()).context().runOnContext(v -> {
        try {
          thaw.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      seen.await("node_down(proxy-1)", e -> !e.up() && e.name().equals("proxy-1"));
      long elapsedMs = (System.nanoTime() - frozenAt) / 1_000_000;
      assertTrue(elapsedMs < 3 * timeoutMs, "declared down after " + elapsedMs + " ms, bound " + timeoutMs + " ms + slack");
      await(worker.close());
      await(manager.close());
    } finally {
      thaw.countDown();
      await(victimVertx.close());
    }
  }
}
