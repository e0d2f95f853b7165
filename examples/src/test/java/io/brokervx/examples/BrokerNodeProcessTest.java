package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.Store;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verticles/target/broker-node.jar} started as a separate JVM from a config file: an in-test endpoint
 * peers with it, exchanges events with it (through the node's relay role and store), and the node stops.
 */
class BrokerNodeProcessTest {
  @TempDir
  Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void theNodeJarRunsFromAConfigFile() throws Exception {
    File jar = new File("../verticles/target/broker-node.jar");
    assertTrue(jar.isFile(), "build the verticles module first: " + jar.getAbsolutePath());
    int port = freePort();
    JsonObject conf = new JsonObject()
        .put("endpoint", new JsonObject().put("listen", new JsonObject().put("host", "127.0.0.1").put("port", port)))
        .put("stores", new JsonArray().add(new JsonObject().put("name", "hosts").put("role", "master")
            .put("backend", "sqlite").put("path", dir.resolve("hosts.sqlite").toString())));
    Path confFile = dir.resolve("node.json");
    Files.writeString(confFile, conf.encodePrettily());
    Process node = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar", jar.getAbsolutePath(),
        "-conf", confFile.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
    Vertx vertx = Vertx.vertx();
    try {
      Endpoint a = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(200));
      Endpoint b = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(200));
      List<DataMessage> atB = new CopyOnWriteArrayList<>();
      b.subscribe("zeek/events/").handler(atB::add);
      a.peer("127.0.0.1", port).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      b.peer("127.0.0.1", port).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      long deadline = System.currentTimeMillis() + 30_000;
      while (!a.subscribersOf("zeek/events/x").toCompletionStage().toCompletableFuture().get().contains(b.id())) {
        assertTrue(System.currentTimeMillis() < deadline, "b's subscription reached a through the node");
        Thread.sleep(20);
      }
      a.publish("zeek/events/conn", Data.count(42));
      while (atB.isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline, "the node relayed the event");
        Thread.sleep(20);
      }
      assertEquals(new DataMessage("zeek/events/conn", Data.count(42)), atB.get(0));
      Store clone = Store.attachClone(a, "hosts", new CloneOptions()).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      clone.put(Data.string("10.0.0.1"), Data.count(1)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertEquals(Data.count(1), clone.get(Data.string("10.0.0.1")).toCompletionStage().toCompletableFuture().get());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      node.destroy();
      assertTrue(node.waitFor(20, TimeUnit.SECONDS), "the node stops");
    }
  }
}
