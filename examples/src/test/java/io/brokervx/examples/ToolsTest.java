package io.brokervx.examples;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.test.Inbox;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tools' main logic, run in-process against a real endpoint on 127.0.0.1. */
@ExtendWith(VertxExtension.class)
class ToolsTest {
  private Vertx vertx;
  private Endpoint peer;
  private int port;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    peer = Endpoint.create(vertx);
    port = await(peer.listen("127.0.0.1", 0));
  }

  @AfterEach
  void tearDown() {
    await(peer.close());
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
    eventually(vertx, "the pipe subscribed", () -> peer.subscribersOf("/demo/x").map(s -> !s.isEmpty()));
    peer.publish("/demo/x", Data.string("hello"));
    peer.publish("/demo/y", Data.count(7));
    assertEquals("hello\n7\n", output.get(30, TimeUnit.SECONDS));
  }

  @Test
  void pipePublishSendsEachLine() throws Exception {
    Inbox<DataMessage> got = Inbox.of(peer.subscribe("/lines"));
    run(out -> Pipe.run(new String[] {"-m", "publish", "-t", "/lines", "-p", "127.0.0.1:" + port},
        new ByteArrayInputStream("a b\nc\n".getBytes(StandardCharsets.UTF_8)), out));
    assertEquals("a b|c|", got.awaitSize(2).stream().map(m -> m.data() + "|").collect(Collectors.joining()));
    assertEquals(2, got.size());
  }

  @Test
  void throughputClientPublishesTheRequestedEvents() throws Exception {
    Inbox<DataMessage> got = Inbox.of(peer.subscribe(Throughput.TOPIC));
    String out = run(o -> Throughput.run(new String[] {"-t", "z", "-s", "50", "-m", "5000", "127.0.0.1:" + port}, o));
    assertTrue(out.contains("client: 5000 events"), out);
    List<DataMessage> all = got.awaitSize(5000);
    assertTrue(all.stream().allMatch(m -> m.data().equals(BenchmarkPayloads.of("z"))), "every event is type z");
    assertEquals(5000, got.size());
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
