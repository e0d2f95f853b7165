package io.brokervx.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.test.BrokerProcess;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The throughput tool and Broker 6.2's broker-benchmark drive each other, over plain TCP and Broker's default
 * anonymous TLS: our client's events all reach Broker's server and its {@code --terminate} stops it; Broker's
 * client, unbatched and in its batch mode, is counted by our server event by event.
 */
@Tag("interop")
class ThroughputInteropTest {
  private static final Pattern RATE = Pattern.compile("^rate: (\\d+) events/s$");

  @TempDir
  Path dir;

  @BeforeEach
  void brokerPresent() {
    BrokerProcess.assumeAvailable();
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static List<String> brokerArgs(String tls, String... args) {
    List<String> all = new ArrayList<>();
    if (tls.equals("off")) {
      all.add("--disable-ssl");
    }
    all.addAll(List.of(args));
    return all;
  }

  private static long sumOfRates(List<String> lines) {
    long sum = 0;
    for (String l : lines) {
      Matcher m = RATE.matcher(l.trim());
      if (m.matches()) {
        sum += Long.parseLong(m.group(1));
      }
    }
    return sum;
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "anonymous"})
  void ourClientDrivesBrokerBenchmarksServerAndStopsIt(String tls) throws Exception {
    int port = freePort();
    try (BrokerProcess server = BrokerProcess.benchmark(
        brokerArgs(tls, "--server", "--verbose", "127.0.0.1:" + port), dir)) {
      server.awaitLine(l -> l.contains("listening on"), 30_000);
      ToolRun client = ToolRun.of("throughput", "-t", "1", "-m", "20000", "--tls", tls, "--terminate",
          "127.0.0.1:" + port).ok();
      assertTrue(client.out().contains("client: 20000 events"), client.out());
      assertTrue(server.awaitExit(30_000), "quit_benchmark stopped broker-benchmark: " + server.transcript());
      assertEquals(20000, sumOfRates(server.lines(l -> true)), server.transcript());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"off", "anonymous"})
  void brokerBenchmarksClientDrivesOurServer(String tls) throws Exception {
    int port = freePort();
    try (ChildJvm server = ChildJvm.main(BrokerTools.class, "throughput", "--server", "127.0.0.1:" + port,
        "--tls", tls)) {
      server.awaitErr("listening on");
      try (BrokerProcess client = BrokerProcess.benchmark(brokerArgs(tls, "-r", "0", "-t", "2",
          "127.0.0.1:" + port), dir)) {
        server.awaitOut(Pattern.compile("rate: [1-9]\\d{3,} events/s"));
      }
      try (BrokerProcess batches = BrokerProcess.benchmark(brokerArgs(tls, "-r", "50", "-s", "100", "-t", "1",
          "127.0.0.1:" + port), dir)) {
        // 50 messages of 100 events a second: counted as events, not messages
        server.awaitOut(Pattern.compile("rate: (4[5-9]|5[0-5])00 events/s"));
      }
    }
  }
}
