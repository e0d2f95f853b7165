package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.brokervx.test.TestCertificates;
import io.brokervx.test.TestCertificates.KeyForm;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bouncycastle.tls.TlsProtocol;

/**
 * Throughput and handshake time of each transport over loopback (a program, not a test): 64 KiB writes from
 * a connector to an acceptor, honouring {@code writeQueueFull}, timed until the acceptor has every byte, both
 * in wall time and in process CPU time (which a busy machine distorts less); handshakes timed from
 * {@code connect} to the transport being handed out; and the two anonymous engines alone, without sockets,
 * in thread CPU time. Prints medians.
 *
 * <pre>{@code
 * mvn -B -o -q -pl broker-vertx -am test-compile
 * mvn -B -o -q -pl broker-vertx dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp broker-vertx/target/classes:broker-vertx/target/test-classes:$(cat /tmp/cp.txt) \
 *   io.brokervx.endpoint.impl.transport.TransportBenchmark [MiB per run, default 512]
 * }</pre>
 */
public final class TransportBenchmark {
  private static final int CHUNK = 64 * 1024;
  private static final int RUNS = 3;
  private static final int HANDSHAKES = 25;

  private TransportBenchmark() {
  }

  /** Runs the benchmark; the optional argument is the MiB sent per throughput run. */
  public static void main(String[] args) throws Exception {
    long total = (args.length > 0 ? Long.parseLong(args[0]) : 512) << 20;
    Path dir = Files.createTempDirectory("tls-bench");
    TlsOptions certificate = TestCertificates.createCa(dir, "bench-ca").issue("node", false, KeyForm.PLAIN_PKCS8);
    Vertx vertx = Vertx.vertx();
    try {
      System.out.printf("%-12s %14s %14s %16s%n", "mode", "MB/s wall", "MB/cpu-s", "handshake ms");
      for (TlsOptions options : List.of(new TlsOptions().setMode(TlsMode.OFF), new TlsOptions(), certificate)) {
        PeerTransportFactory factory = await(PeerTransportFactory.create(vertx, options, 10_000));
        Bench bench = new Bench(vertx, factory);
        bench.throughput(total);
        List<Double> rates = new ArrayList<>();
        List<Double> perCpu = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
          double[] r = bench.throughput(total);
          rates.add(r[0]);
          perCpu.add(r[1]);
        }
        List<Double> handshakes = new ArrayList<>();
        for (int i = 0; i < HANDSHAKES + 5; i++) {
          double ms = bench.handshakeMs();
          if (i >= 5) {
            handshakes.add(ms);
          }
        }
        System.out.printf("%-12s %14.0f %14.0f %16.2f   wall runs %s%n", factory.mode().configName(),
            median(rates), median(perCpu), median(handshakes), rates.stream().map(r -> String.format("%.0f", r)).toList());
      }
      List<Double> engine = new ArrayList<>();
      for (int i = 0; i < RUNS + 1; i++) {
        engine.add(engineOnly(total));
      }
      System.out.printf("%-12s %14s %14.0f   (both anonymous engines in one thread, no socket) runs %s%n",
          "bc-engines", "", median(engine.subList(1, engine.size())), engine.subList(1, engine.size()).stream()
              .map(r -> String.format("%.0f", r)).toList());
    } finally {
      await(vertx.close());
    }
  }

  /** @return MB per CPU second of a client engine encrypting and a server engine decrypting 64 KiB writes */
  private static double engineOnly(long total) throws java.io.IOException {
    boolean[] up = new boolean[2];
    TlsProtocol client = AnonymousTls.startClient(() -> up[0] = true);
    TlsProtocol server = AnonymousTls.startServer(() -> up[1] = true);
    while (!up[0] || !up[1]) {
      shuttle(client, server);
      shuttle(server, client);
    }
    byte[] chunk = new byte[CHUNK];
    byte[] sink = new byte[CHUNK * 2];
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    for (long sent = 0; sent < total; sent += CHUNK) {
      client.writeApplicationData(chunk, 0, CHUNK);
      shuttle(client, server);
      while (server.getAvailableInputBytes() > 0) {
        server.readInput(sink, 0, sink.length);
      }
    }
    return total / ((threads.getCurrentThreadCpuTime() - start) / 1e9) / 1e6;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void shuttle(TlsProtocol from, TlsProtocol to) throws java.io.IOException {
    int n = from.getAvailableOutputBytes();
    if (n > 0) {
      byte[] wire = new byte[n];
      from.readOutput(wire, 0, n);
      to.offerInput(wire);
    }
  }

  /** Waits generously: a benchmark on a shared machine may be slow, but must not hang forever. */
  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, java.util.concurrent.TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("benchmark step failed: " + e, e);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /** A listener and a client of one mode. */
  private static final class Bench {
    private final Vertx vertx;
    private final PeerTransportFactory factory;
    private final NetClient client;
    private final int port;
    private volatile Promise<Void> received;
    private volatile long expected;
    private volatile long got;

    Bench(Vertx vertx, PeerTransportFactory factory) {
      this.vertx = vertx;
      this.factory = factory;
      NetServer server =
          vertx.createNetServer(factory.serverOptions(new NetServerOptions().setHost("127.0.0.1").setPort(0)));
      server.connectHandler(s -> factory.accept(s).onSuccess(t -> t.handler(b -> {
        got += b.length();
        if (received != null && got >= expected) {
          received.tryComplete();
        }
      })));
      port = await(server.listen()).actualPort();
      client = vertx.createNetClient(factory.clientOptions(new NetClientOptions()));
    }

    /**
     * @return {MB/s of wall time, MB per second of process CPU time} (MB = 10^6 bytes) for {@code total} bytes
     *     sent in 64 KiB writes; the CPU figure covers both ends and stays meaningful on a busy machine
     */
    double[] throughput(long total) {
      byte[] bytes = new byte[CHUNK];
      new Random(1).nextBytes(bytes);
      Buffer chunk = Buffer.buffer(bytes);
      Promise<Void> done = Promise.promise();
      long[] start = new long[1];
      got = 0;
      expected = total;
      received = done;
      long[] cpuStart = new long[1];
      connect().onSuccess(t -> {
        cpuStart[0] = processCpuNanos();
        start[0] = System.nanoTime();
        pump(t, chunk, total, new long[1]);
      }).onFailure(done::tryFail);
      await(done.future());
      double seconds = (System.nanoTime() - start[0]) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpuStart[0]) / 1e9;
      return new double[] {total / seconds / 1e6, total / cpuSeconds / 1e6};
    }

    private void pump(PeerTransport t, Buffer chunk, long total, long[] sent) {
      while (sent[0] < total && !t.writeQueueFull()) {
        t.write(chunk);
        sent[0] += chunk.length();
      }
      if (sent[0] < total) {
        t.drainHandler(v -> pump(t, chunk, total, sent));
      } else {
        received.future().onComplete(v -> t.close());
      }
    }

    /** @return milliseconds from connect to the secured transport on the connector's side */
    double handshakeMs() {
      Promise<Double> p = Promise.promise();
      vertx.runOnContext(v -> {
        long start = System.nanoTime();
        connect().onSuccess(t -> {
          p.complete((System.nanoTime() - start) / 1e6);
          t.close();
        }).onFailure(p::fail);
      });
      return await(p.future());
    }

    private Future<PeerTransport> connect() {
      return client.connect(port, "127.0.0.1").compose(factory::dial);
    }
  }
}
