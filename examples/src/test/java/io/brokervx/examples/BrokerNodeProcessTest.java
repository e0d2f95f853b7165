package io.brokervx.examples;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.Store;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
      Inbox<DataMessage> atB = Inbox.of(b.subscribe("zeek/events/"));
      // the node is a new JVM: it may take a while to listen
      await(a.peer("127.0.0.1", port), Duration.ofSeconds(60), "a peered with the node");
      await(b.peer("127.0.0.1", port), Duration.ofSeconds(60), "b peered with the node");
      eventually(vertx, "b's subscription reached a through the node",
          () -> a.subscribersOf("zeek/events/x").map(s -> s.contains(b.id())));
      a.publish("zeek/events/conn", Data.count(42));
      assertEquals(new DataMessage("zeek/events/conn", Data.count(42)),
          atB.await("the node relayed the event", m -> true));
      Store clone = await(Store.attachClone(a, "hosts", new CloneOptions()));
      await(clone.put(Data.string("10.0.0.1"), Data.count(1)));
      assertEquals(Data.count(1), await(clone.get(Data.string("10.0.0.1"))));
    } finally {
      await(vertx.close());
      node.destroy();
      assertTrue(node.waitFor(20, TimeUnit.SECONDS), "the node stops");
    }
  }
}
