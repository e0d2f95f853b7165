package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.JsonFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.DataType;
import io.brokervx.data.PortData;
import io.brokervx.data.VectorData;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.verticle.StoreService;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README cannot drift: its code is the tagged regions of compiled sources (run here), its JSON is what
 * the codec writes, and it refers to nothing outside the repository.
 */
class ReadmeTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern TAGGED = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)// end::\\1\\[]", Pattern.DOTALL);
  @TempDir
  Path dir;

  private static String readme() throws Exception {
    return Files.readString(ROOT.resolve("README.md"));
  }

  /** @return the README's fenced blocks in {@code language} */
  private static List<String> blocks(String language) throws Exception {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^ *```" + language + "\\n(.*?)^ *```$", Pattern.DOTALL).matcher(readme());
    while (m.find()) {
      blocks.add(m.group(1));
    }
    return blocks;
  }

  @Test
  void everyTaggedSnippetIsInTheReadmeVerbatim() throws Exception {
    List<String> java = blocks("java");
    int snippets = 0;
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
        Matcher m = TAGGED.matcher(Files.readString(source));
        while (m.find()) {
          snippets++;
          String snippet = m.group(2);
          assertTrue(java.contains(snippet), "the README's java block equal to " + m.group(1) + " in " + source);
        }
      }
    }
    assertTrue(snippets > 0);
  }

  @Test
  void theBridgedJsonInTheReadmeIsWhatTheBridgeWrites() throws Exception {
    List<String> json = blocks("json").stream().map(b -> b.replaceAll("\\s", "")).toList();
    assertTrue(json.contains(JsonFormat.encodeMessage("zeek/events/conn", Data.count(42)).encode()), json.toString());
    Data conn = ZeekEvent.of("conn", Data.address("10.0.0.1"), Data.port(80, PortData.Protocol.TCP)).toData();
    assertTrue(json.contains(JsonFormat.encodeMessage("zeek/events/conn", conn).encode()), json.toString());
    for (DataType t : DataType.values()) {
      assertTrue(readme().contains("`" + t.jsonName() + "`"), t.jsonName());
    }
  }

  @Test
  void theReadmeIsSelfContained() throws Exception {
    String readme = readme();
    assertFalse(readme.contains("design §"), "no references to the design document");
    assertFalse(readme.matches("(?s).*(/work/|/home/\\w+/\\w).*"), "no machine paths");
    Matcher links = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)").matcher(readme);
    while (links.find()) {
      assertTrue(Files.exists(ROOT.resolve(links.group(1))), "linked file exists: " + links.group(1));
    }
    Matcher paths = Pattern.compile("`((?:examples|verticles|broker-vertx|broker-codecs|config)/[\\w./-]+)`")
        .matcher(readme);
    while (paths.find()) {
      String path = paths.group(1);
      assertTrue(path.contains("/target/") || Files.exists(ROOT.resolve(path)), "named file exists: " + path);
    }
    assertTrue(Files.exists(ROOT.resolve("LICENSE")));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static void eventually(Vertx vertx, String what, BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      Promise<Void> tick = Promise.promise();
      vertx.setTimer(20, t -> tick.complete());
      await(tick.future());
    }
  }

  @Test
  void theReadmesApplicationRunsAndLosesNoSend() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Vertx vertx = Vertx.vertx();
    try {
      await(vertx.deployVerticle(new HostCountingApplication(), new DeploymentOptions().setConfig(new JsonObject()
          .put("port", port).put("hostsFile", dir.resolve("hosts.sqlite").toString()))));
      Endpoint zeek = Endpoint.create(vertx);
      List<DataMessage> counted = new CopyOnWriteArrayList<>();
      zeek.subscribe("zeek/events/counted").handler(counted::add);
      await(zeek.peer("127.0.0.1", port));
      eventually(vertx, "the bridge's subscription", () -> subscribed(zeek, "zeek/events/conn"));
      Data probe = ZeekEvent.of("conn", Data.address("10.9.9.9")).toData();
      eventually(vertx, "a first count back (the bridge knows our subscription)", () -> {
        zeek.publish("zeek/events/conn", probe);
        return !counted.isEmpty();
      });
      List<Data> hosts = List.of(Data.address("10.0.0.1"), Data.address("10.0.0.2"));
      for (int i = 0; i < 10; i++) {
        zeek.publish("zeek/events/conn", ZeekEvent.of("conn", hosts.get(i % 2), Data.port(80, PortData.Protocol.TCP))
            .toData());
      }
      Supplier<List<DataMessage>> ours = () -> counted.stream()
          .filter(m -> hosts.contains(((VectorData) m.data()).get(0))).toList(); // not the probes'
      eventually(vertx, "10 counts back at Broker", () -> ours.get().size() >= 10);
      assertEquals(10, ours.get().size(), "every send reached Broker once");
      for (String host : List.of("10.0.0.1", "10.0.0.2")) {
        assertTrue(ours.get().contains(new DataMessage("zeek/events/counted", Data.vector(Data.address(host), Data.count(5)))),
            counted.toString());
        assertEquals(Data.count(5), JsonFormat.decode(await(StoreService.createProxy(vertx, "hosts")
            .get(JsonFormat.encode(Data.address(host))))));
      }
      await(zeek.close());
    } finally {
      await(vertx.close());
    }
  }

  private static boolean subscribed(Endpoint e, String topic) {
    try {
      return !await(e.subscribersOf(topic)).isEmpty();
    } catch (Exception x) {
      throw new IllegalStateException(x);
    }
  }
}
