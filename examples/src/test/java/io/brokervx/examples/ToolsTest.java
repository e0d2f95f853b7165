package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tools run in-process from their command lines against a real endpoint on 127.0.0.1. */
class ToolsTest {
  private Vertx vertx;
  private Endpoint peer;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    peer = Endpoint.create(vertx);
    port = ToolRuntime.await(peer.listen("127.0.0.1", 0));
  }

  @AfterEach
  void tearDown() throws Exception {
    ToolRuntime.await(peer.close());
    ToolRuntime.await(vertx.close());
  }

  /** Waits (polling with a Vert.x timer, 10 s at most) until {@code condition} holds. */
  private void eventually(String what, java.util.function.BooleanSupplier condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      io.vertx.core.Promise<Void> tick = io.vertx.core.Promise.promise();
      vertx.setTimer(20, t -> tick.complete());
      ToolRuntime.await(tick.future());
    }
  }

  @Test
  void pipeSubscribePrintsWhatIsPublishedAndStopsAtTheCap() throws Exception {
    CompletableFuture<ToolRun> run = CompletableFuture.supplyAsync(() -> {
      try {
        return ToolRun.of("pipe", "-m", "subscribe", "-t", "/demo", "-p", "127.0.0.1:" + port, "-c", "2");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    eventually("the pipe subscribed", () -> !subscribers("/demo/x").isEmpty());
    peer.publish("/demo/x", Data.string("hello"));
    peer.publish("/demo/y", Data.count(7));
    ToolRun done = run.get(30, TimeUnit.SECONDS).ok();
    assertEquals("hello\n7\n", done.out());
    assertEquals("pipe: peered with 127.0.0.1:" + port + "\n", done.err());
  }

  private java.util.Set<java.util.UUID> subscribers(String topic) {
    try {
      return ToolRuntime.await(peer.subscribersOf(topic));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void pipeSubscribeSaysWhereItListens() throws Exception {
    int free;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      free = s.getLocalPort();
    }
    CompletableFuture<ToolRun> run = CompletableFuture.supplyAsync(() -> {
      try {
        return ToolRun.of("pipe", "-m", "subscribe", "-t", "/in", "-l", "127.0.0.1:" + free, "-c", "1");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    ToolRuntime.await(peer.peer("127.0.0.1", free)); // retried until the pipe listens
    eventually("the pipe's subscription", () -> !subscribers("/in/x").isEmpty());
    peer.publish("/in/x", Data.string("in"));
    ToolRun done = run.get(30, TimeUnit.SECONDS).ok();
    assertEquals("in\n", done.out());
    assertTrue(done.err().startsWith("pipe: listening on 127.0.0.1:" + free + "\n"
        + "pipe: accepted a peering from 127.0.0.1:"), done.err());
  }

  @Test
  void pipePublishSendsEachLine() throws Exception {
    List<String> got = new CopyOnWriteArrayList<>();
    peer.subscribe("/lines").handler(m -> got.add(m.data().toString()));
    ToolRun run = ToolRun.withInput("a b\nc\n", "pipe", "-m", "publish", "-t", "/lines", "-p", "127.0.0.1:" + port).ok();
    assertEquals("pipe: peered with 127.0.0.1:" + port + "\npipe: published 2 messages on /lines\n", run.err());
    eventually("both lines", () -> got.size() >= 2);
    assertEquals(List.of("a b", "c"), got);
  }

  @Test
  void throughputClientPublishesTheRequestedEvents() throws Exception {
    AtomicInteger n = new AtomicInteger();
    List<Data> wrong = new CopyOnWriteArrayList<>();
    peer.subscribe(Throughput.TOPIC).handler(m -> {
      if (!m.data().equals(BenchmarkPayloads.of("z").get())) {
        wrong.add(m.data());
      }
      n.incrementAndGet();
    });
    ToolRun run = ToolRun.of("throughput", "-t", "z", "-m", "5000", "127.0.0.1:" + port).ok();
    assertTrue(run.out().contains("client: 5000 events"), run.out());
    eventually("5000 events", () -> n.get() >= 5000);
    assertEquals(5000, n.get());
    assertEquals(List.of(), wrong);
  }

  @Test
  void pingpongReportsMedianAndP99() throws Exception {
    peer.subscribe(PingPong.PING).handler(m -> peer.publish(PingPong.PONG, m.data()));
    ToolRun run = ToolRun.of("pingpong", "-n", "200", "127.0.0.1:" + port).ok();
    assertTrue(run.out().matches("rtt: median [0-9.]+ us, p99 [0-9.]+ us \\(200 pings\\)\n"), run.out());
  }

  @Test
  void storeBenchLocalReportsPutsPerSecond() throws Exception {
    ToolRun run = ToolRun.of("store-bench", "local", "-n", "20000").ok();
    assertTrue(run.out().matches("memory master: 20000 puts in [0-9.]+ s = [0-9]+ puts/s; event loop held "
        + "[0-9.]+ ms at most \\(longest young-GC pause [0-9]+ ms\\)\n"), run.out());
  }

  @Test
  void storeBenchRestartTimesASqliteMasterOnAFileLocalFilled(@TempDir Path dir) throws Exception {
    String file = dir.resolve("sb.sqlite").toString();
    ToolRun fill = ToolRun.of("store-bench", "local", "-n", "3000", "--window", "500", "--sqlite", file,
        "--sqlite-options", "{\"journal_mode\":\"WAL\"}").ok();
    assertTrue(fill.out().startsWith("sqlite {\"synchronous\":\"FULL\",\"journal_mode\":\"WAL\""), fill.out());
    ToolRun run = ToolRun.of("store-bench", "restart", "--sqlite", file).ok();
    assertTrue(run.out().matches("sqlite master restart: 3000 entries, serving after [0-9.]+ s\n"), run.out());
  }

  @Test
  void storeBenchFootprintReportsBytesPerEntry() throws Exception {
    ToolRun run = ToolRun.of("store-bench", "footprint", "-n", "20000").ok();
    assertTrue(run.out().matches("memory master: 20000 entries, -?[0-9.]+ heap bytes per entry\n"), run.out());
  }

  @Test
  void routeSimConvergesAndSendsAtMostOneCopyPerLink() throws Exception {
    ToolRun random = ToolRun.of("route-sim", "-n", "40", "--cuts", "2", "--publications", "20").ok();
    assertTrue(random.out().startsWith("random graph: 40 endpoints, 80 links; start: "), random.out());
    assertTrue(random.out().contains("every subscriber exactly once") && random.out().contains("at most 1 copy on a link"),
        random.out());
    assertEquals(2, random.out().lines().filter(l -> l.startsWith("lost link ")).count(), random.out());
    ToolRun zeek = ToolRun.of("route-sim", "--zeek", "-n", "20", "--proxies", "2", "--loggers", "1", "--cuts", "1",
        "--publications", "9").ok();
    assertTrue(zeek.out().startsWith("zeek cluster: 20 endpoints, "), zeek.out());
    assertTrue(zeek.out().contains("at most 1 copy on a link"), zeek.out());
  }
}
