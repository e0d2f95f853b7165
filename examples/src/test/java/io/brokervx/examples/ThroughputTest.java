package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.brokervx.data.TableData;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The throughput tool's messages are broker-benchmark's, and its client and server measure each other: plain
 * events and Zeek batches are counted event by event, and {@code --terminate} stops the server.
 */
class ThroughputTest {
  @Test
  void typeOneIsBrokerBenchmarksEventOne() {
    assertEquals(Data.vector(Data.count(1), Data.count(1),
            Data.vector(Data.string("event_1"), Data.vector(Data.integer(42), Data.string("test")))),
        BenchmarkPayloads.of("1").get());
  }

  @Test
  void typeTwoIsAConnLogLineWithBrokerBenchmarksGeneratedValues() {
    BenchmarkPayloads payloads = BenchmarkPayloads.of("2");
    ZeekEvent first = ZeekEvent.fromData(payloads.get());
    assertEquals("event_2", first.name());
    List<Data> a = first.args();
    assertEquals(18, a.size());
    assertEquals(Data.string("123456789A"), a.get(1), "random_string: the next ten characters of its alphabet");
    assertEquals(Data.vector(Data.address("1.2.3.4"), Data.port(4567, io.brokervx.data.PortData.Protocol.TCP),
        Data.address("3.4.5.6"), Data.port(80, io.brokervx.data.PortData.Protocol.TCP)), a.get(2));
    assertEquals(Data.enumValue("tcp"), a.get(3));
    assertEquals(Data.string("BCDEFGHIJK"), a.get(4));
    assertEquals(Data.timespan(3_140_000_000L), a.get(5));
    assertEquals(List.of(Data.count(1), Data.count(2)), a.subList(6, 8), "random_count: 1, 2, 3, ...");
    assertEquals(List.of(Data.bool(true), Data.bool(false), Data.count(3)), a.subList(9, 12));
    assertEquals(2, ((SetData) a.get(17)).size());
    assertEquals(Data.count(8), ZeekEvent.fromData(payloads.get()).args().get(6), "counts go on from call to call");
  }

  @Test
  void typeThreeIsATableOfSetsWhoseRepeatedKeysCollapse() {
    ZeekEvent e = ZeekEvent.fromData(BenchmarkPayloads.of("3").get());
    assertEquals("event_3", e.name());
    TableData table = (TableData) e.args().get(1);
    assertEquals(31, table.size(), "100 generated keys, of which 31 differ (the generator comes round)");
    table.values().forEach(v -> assertEquals(10, ((SetData) v).size()));
  }

  @Test
  void ourClientAndServerMeasureEachOtherWithBatchesAndTerminate() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String at = "127.0.0.1:" + port;
    CompletableFuture<ToolRun> server = CompletableFuture.supplyAsync(() -> {
      try {
        return ToolRun.of("throughput", "--server", at, "--tls", "off");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    ToolRun client = ToolRun.of("throughput", "-t", "2", "-s", "10", "-m", "3005", "--tls", "off", "--terminate",
        "--peer-timeout", "30", at).ok();
    assertTrue(client.out().contains("client: 3005 events in "), client.out());
    ToolRun done = server.get(60, TimeUnit.SECONDS).ok();
    assertTrue(done.out().contains("run: 3005 events in "), "301 batches counted as 3005 events: " + done.out());
    assertTrue(done.err().endsWith("throughput: terminated by a message on /benchmark/terminate\n"), done.err());
  }
}
