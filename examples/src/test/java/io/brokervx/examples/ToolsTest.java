package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.vertx.core.Vertx;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tools' main logic, run in-process against a real endpoint on 127.0.0.1. */
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

  private static String run(ToolCall call) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = CompletableFuture.supplyAsync(() -> {
      try {
        return call.run(out);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }).get(60, TimeUnit.SECONDS);
    assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }

  /** A tool invocation writing to {@code out}. */
  private interface ToolCall {
    int run(PrintStream out) throws Exception;
  }

  @Test
  void pipeSubscribePrintsWhatIsPublishedAndStopsAtTheCap() throws Exception {
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
      try {
        return run(out -> Pipe.run(new String[] {"-m", "subscribe", "-t", "/demo", "-p", "127.0.0.1:" + port, "-c", "2"},
            System.in, out));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    while (ToolRuntime.await(peer.subscribersOf("/demo/x")).isEmpty()) {
      Thread.sleep(20);
    }
    peer.publish("/demo/x", Data.string("hello"));
    peer.publish("/demo/y", Data.count(7));
    assertEquals("hello\n7\n", output.get(30, TimeUnit.SECONDS));
  }

  @Test
  void pipePublishSendsEachLine() throws Exception {
    StringBuilder got = new StringBuilder();
    AtomicInteger n = new AtomicInteger();
    peer.subscribe("/lines").handler(m -> {
      synchronized (got) {
        got.append(m.data()).append('|');
      }
      n.incrementAndGet();
    });
    run(out -> Pipe.run(new String[] {"-m", "publish", "-t", "/lines", "-p", "127.0.0.1:" + port},
        new ByteArrayInputStream("a b\nc\n".getBytes(StandardCharsets.UTF_8)), out));
    long deadline = System.currentTimeMillis() + 10_000;
    while (n.get() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals("a b|c|", got.toString());
  }

  @Test
  void throughputClientPublishesTheRequestedEvents() throws Exception {
    AtomicInteger n = new AtomicInteger();
    peer.subscribe(Throughput.TOPIC).handler(m -> {
      assertEquals(BenchmarkPayloads.of("z"), m.data());
      n.incrementAndGet();
    });
    String out = run(o -> Throughput.run(new String[] {"-t", "z", "-s", "50", "-m", "5000", "127.0.0.1:" + port}, o));
    assertTrue(out.contains("client: 5000 events"), out);
    long deadline = System.currentTimeMillis() + 10_000;
    while (n.get() < 5000 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(5000, n.get());
  }

  @Test
  void pingpongReportsMedianAndP99() throws Exception {
    peer.subscribe(PingPong.PING).handler(m -> peer.publish(PingPong.PONG, m.data()));
    String out = run(o -> PingPong.run(new String[] {"-n", "200", "127.0.0.1:" + port}, o));
    assertTrue(out.matches("(?s).*rtt: median [0-9.]+ us, p99 [0-9.]+ us \\(200 pings\\).*"), out);
  }

  @Test
  void theClusterDemoRunsAndShowsOnlyTheDeadProxysHostsMoving() throws Exception {
    String out = run(o -> ClusterDemo.run(new String[] {"-d", "4"}, o));
    assertTrue(out.contains("all nodes see each other up"), out);
    assertTrue(out.matches("(?s).*node_down\\(proxy-1\\): \\d+ hosts of proxy-1 moved to proxy-2; (\\d+) of \\1 hosts.*"), out);
    assertTrue(out.contains("done: 200 hosts counted in the store"), out);
  }

  @Test
  void badArgumentsAreUsageErrors() {
    org.junit.jupiter.api.Assertions.assertThrows(ToolArgs.UsageException.class,
        () -> Pipe.run(new String[] {"-m", "sideways", "-t", "x"}, System.in, System.out));
    org.junit.jupiter.api.Assertions.assertThrows(ToolArgs.UsageException.class,
        () -> Throughput.run(new String[] {"-t", "9", "127.0.0.1:1"}, System.out));
    org.junit.jupiter.api.Assertions.assertThrows(ToolArgs.UsageException.class,
        () -> PingPong.run(new String[] {"-n"}, System.out));
  }
}
