package io.brokervx.examples;

import java.time.Duration;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.Store;
import io.brokervx.verticle.Versions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verticles/target/broker-node.jar} started as a user starts it: from a config file it says what it
 * does and relays events and serves its store; help, version, and every configuration, bind and command
 * line error are one line with their exit code; {@code -cluster} starts quietly on loopback.
 */
class BrokerNodeProcessTest {
  private static final File JAR = new File("../verticles/target/broker-node.jar");
  @TempDir
  Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static ChildJvm node(String... args) throws Exception {
    assertTrue(JAR.isFile(), "build the verticles module first: " + JAR.getAbsolutePath());
    return ChildJvm.jar(JAR, args);
  }

  private Path config(JsonObject conf) throws Exception {
    Path file = dir.resolve("node.json");
    Files.writeString(file, conf.encodePrettily());
    return file;
  }

  private static JsonObject listening(int port) {
    return new JsonObject().put("listen", new JsonObject().put("host", "127.0.0.1").put("port", port));
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  @Test
  void theNodeSaysWhatItDoesRelaysAndServesItsStore() throws Exception {
    int port = freePort();
    String sqlite = dir.resolve("hosts.sqlite").toString();
    Path conf = config(new JsonObject().put("endpoint", listening(port))
        .put("stores", new JsonArray().add(new JsonObject().put("name", "hosts").put("role", "master")
            .put("backend", "sqlite").put("path", sqlite)))
        .put("bridges", new JsonArray().add(new JsonObject().put("topic", "zeek/").put("address", "zeek"))));
    Vertx vertx = Vertx.vertx();
    try (ChildJvm node = node("-conf", conf.toString())) {
      node.awaitErr("INFO store hosts");
      assertEquals(String.join("\n", "INFO listening on 127.0.0.1:" + port, "INFO peers: none configured",
          "INFO bridge zeek/: Broker -> zeek (published); zeek.out -> Broker, json",
          "INFO store hosts: master, sqlite " + sqlite + ", service at broker.store.hosts") + "\n",
          node.err().replaceAll("(?m)^\\S+ \\S+ ", ""));
      Endpoint a = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(Duration.ofMillis(200)));
      Endpoint b = Endpoint.create(vertx, new EndpointOptions().setRetryInterval(Duration.ofMillis(200)));
      List<DataMessage> atB = new CopyOnWriteArrayList<>();
      b.subscribe("zeek/events/").handler(atB::add);
      await(a.peer("127.0.0.1", port));
      await(b.peer("127.0.0.1", port));
      node.awaitErr("INFO accepted a peering from 127.0.0.1:");
      long deadline = System.currentTimeMillis() + 30_000;
      while (!await(a.subscribersOf("zeek/events/x")).contains(b.id())) {
        assertTrue(System.currentTimeMillis() < deadline, "b's subscription reached a through the node");
        await(io.vertx.core.Future.future(p -> vertx.setTimer(20, t -> p.complete())));
      }
      a.publish("zeek/events/conn", Data.count(42));
      while (atB.isEmpty()) {
        assertTrue(System.currentTimeMillis() < deadline, "the node relayed the event");
        await(io.vertx.core.Future.future(p -> vertx.setTimer(20, t -> p.complete())));
      }
      assertEquals(new DataMessage("zeek/events/conn", Data.count(42)), atB.get(0));
      Store clone = await(Store.attachClone(a, "hosts", new CloneOptions()));
      await(clone.put(Data.string("10.0.0.1"), Data.count(1)));
      assertEquals(Data.count(1), await(clone.get(Data.string("10.0.0.1"))));
    } finally {
      await(vertx.close());
    }
  }

  @Test
  void helpAndVersion() throws Exception {
    try (ChildJvm help = node("--help")) {
      assertEquals(0, help.exitCode(60));
      String text = help.out();
      for (String key : List.of("-conf FILE", "-cluster", "listen", "peers", "heartbeatTimeout=3s", "stores", "role",
          "endpointTimeout", "bridges", "<address>.out", "direction", "format", "webSocket", "outboundQueueBytes=8388608",
          "verifyPeer", "Exit codes")) {
        assertTrue(text.contains(key), key + " in " + text);
      }
    }
    try (ChildJvm version = node("--version")) {
      assertEquals(0, version.exitCode(60));
      assertTrue(version.out().startsWith("broker-node " + Versions.project() + "\nwire protocol versions: 1"),
          version.out());
    }
  }

  @Test
  void configurationAndCommandLineErrorsAreOneLineAndExitCode2() throws Exception {
    Files.writeString(dir.resolve("broken.json"), "{\"endpoint\": {");
    Path unknown = config(new JsonObject().put("endpoint", listening(0).put("peer", new JsonArray())));
    String[][] cases = {
        {},
        {"-conf", dir.resolve("missing.json").toString()},
        {"-conf", dir.resolve("broken.json").toString()},
        {"-conf", unknown.toString()},
        {"-conf", "{\"endpoint\": {\"listen\": {\"port\": 70000}}}"},
        {"-conf", "{\"endpoint\": {}, \"stores\": [{\"name\": \"s\", \"role\": \"boss\"}]}"},
        {"-conf", "{}", "-frobnicate"},
    };
    String[] expected = {
        "broker-node: no configuration: give -conf FILE (see broker-node --help)",
        "broker-node: -conf " + dir.resolve("missing.json") + ": no such file (in ",
        "broker-node: -conf " + dir.resolve("broken.json") + ": not a valid JSON object: Unexpected end-of-input",
        "broker-node: endpoint config: unknown key 'peer' (known: ",
        "broker-node: endpoint config: listen: 'port' must be a whole number in 0..65535, not 70000",
        "broker-node config: store: 'role' must be one of [",
        "broker-node: unknown option '-frobnicate' (see broker-node --help)",
    };
    for (int i = 0; i < cases.length; i++) {
      try (ChildJvm node = node(cases[i])) {
        assertEquals(2, node.exitCode(60), node.err());
        assertTrue(node.err().startsWith(expected[i]), node.err());
        assertEquals(1, node.err().lines().count(), node.err());
      }
    }
  }

  @Test
  void aPortInUseIsOneLineNamingHostAndPortAndExitCode15() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        ChildJvm node = node("-conf", config(new JsonObject().put("endpoint", listening(taken.getLocalPort()))).toString())) {
      assertEquals(15, node.exitCode(60), node.err());
      assertEquals("broker-node: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": address already in use\n",
          node.err());
      assertEquals("", node.out());
    }
  }

  @Test
  void clusteredTheNodeStartsQuietlyOnLoopback() throws Exception {
    int port = freePort();
    try (ChildJvm node = node("-cluster", "-conf", config(new JsonObject().put("endpoint", listening(port))).toString())) {
      node.awaitErr("INFO peers: none configured");
      assertEquals("INFO listening on 127.0.0.1:" + port + "\nINFO peers: none configured\n",
          node.err().replaceAll("(?m)^\\S+ \\S+ ", ""), "only the node's own lines");
      assertEquals("", node.out());
    }
  }
}
