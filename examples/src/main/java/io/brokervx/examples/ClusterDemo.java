package io.brokervx.examples;

import io.brokervx.cluster.Cluster;
import io.brokervx.cluster.ClusterLayout;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.AddressData;
import io.brokervx.data.Data;
import io.brokervx.data.PortData;
import io.brokervx.observability.MetricsServerOptions;
import io.brokervx.observability.StatusServer;
import io.brokervx.observability.VertxMetrics;
import io.brokervx.store.Store;
import io.brokervx.verticle.ClusterNodeVerticle;
import io.brokervx.verticle.FailFast;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code cluster-demo [-d SECONDS]}: a local Zeek-style cluster in one JVM — a manager holding a persistent
 * store, a logger, two proxies and two workers, each a {@link ClusterNodeVerticle} wired from one layout on
 * 127.0.0.1. Workers generate
 * connection events and send each to the proxy that HRW assigns to its originating host; proxies keep
 * per-host state and count connections per host in the cluster store. Halfway through, a proxy is
 * stopped: its hosts move to the survivor, the others stay where they were. A summary prints every two
 * seconds; the demo ends by itself after the given time (default 30 s) or at Ctrl-C, accounts for the
 * connections lost in flight to the stopped proxy, and removes its temporary store directory. For its whole
 * run it serves a live status page of the cluster (and Prometheus metrics) on 127.0.0.1, whose URL is its
 * first line; its Vert.x reports its own metrics too ({@link VertxMetrics}).
 */
@Command(name = "cluster-demo", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"A local Zeek-style cluster in one JVM (manager with a persistent store, logger, 2 proxies, "
        + "2 workers): workers spread per-host connection state over the proxies by HRW and count it in a "
        + "cluster store; halfway through a proxy stops and only its hosts move. Its first line is the URL of a "
        + "live status page of the cluster, served while it runs."})
final class ClusterDemo implements Callable<Integer> {
  private static final List<String> NODES = List.of("manager", "logger", "proxy-1", "proxy-2", "worker-1", "worker-2");
  private static final int HOSTS = 200;
  private static final String STORE = "conn-counts";

  @ParentCommand
  private BrokerTools tools;
  @Spec
  private CommandSpec spec;
  @Option(names = {"-d", "--duration"}, paramLabel = "SECONDS", description = "how long to run (default: 30, at least 4)")
  private long seconds = 30;
  @Option(names = "--status-port", paramLabel = "PORT",
      description = "port of the live status page and metrics on 127.0.0.1 (default: 0, any free port)")
  private int statusPort;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public Integer call() throws Exception {
    if (seconds < 4) {
      throw new ParameterException(spec.commandLine(), "-d must be at least 4 seconds");
    }
    PrintStream out = tools.out;
    JsonArray list = new JsonArray();
    for (String n : NODES) {
      String type = n.replaceAll("-\\d+$", "");
      JsonObject o = new JsonObject().put("name", n).put("type", type).put("host", "127.0.0.1");
      if (!type.equals("worker")) {
        o.put("port", freePort());
      }
      list.add(o);
    }
    JsonObject layoutJson = new JsonObject().put("nodes", list);
    ClusterLayout.fromJson(layoutJson); // fail early on a bad layout
    Path storeDir = Files.createTempDirectory("broker-vertx-demo");
    if (statusPort < 0 || statusPort > 65535) {
      throw new ParameterException(spec.commandLine(), "--status-port must be in 0..65535");
    }
    Vertx vertx = VertxMetrics.vertx();
    FailFast.install(vertx, "cluster-demo", FailFast.DEFAULT_MAX_BLOCKED);
    Map<String, Cluster> nodes = new LinkedHashMap<>();
    Map<String, ClusterNodeVerticle> deployments = new HashMap<>();
    List<Long> generators = new ArrayList<>();
    Thread atCtrlC = new Thread(() -> closeAndClean(vertx, storeDir));
    Runtime.getRuntime().addShutdownHook(atCtrlC);
    try {
      StatusServer status = StatusServer.create(vertx, new MetricsServerOptions().setPort(statusPort));
      await(status.listen());
      out.println("status page: " + status.url() + " (live while the demo runs; metrics at " + status.url()
          + "metrics)");
      out.println("starting " + NODES + " on 127.0.0.1; persistent store in " + storeDir);
      for (String n : NODES) {
        ClusterNodeVerticle node = new ClusterNodeVerticle();
        await(vertx.deployVerticle(node, new DeploymentOptions().setConfig(new JsonObject().put("layout", layoutJson)
            .put("node", n).put("endpoint", new JsonObject().put("retryInterval", 200).put("heartbeatInterval", 250)
                .put("heartbeatTimeout", 1500)))));
        nodes.put(n, node.cluster());
        deployments.put(n, node);
        status.addEndpoint(n, node.cluster().endpoint());
      }
      for (String n : NODES) {
        while (await(nodes.get(n).nodesUp()).size() < NODES.size() - 1) {
          Thread.sleep(50);
        }
      }
      out.println("all nodes see each other up (node_up from every peer)");
      nodes.get("manager").storeDefaults(STORE).setStoreDir(storeDir.toString());
      Map<String, Store> stores = new HashMap<>();
      for (String n : NODES) {
        stores.put(n, await(nodes.get(n).createStore(STORE, true)));
      }
      String pool = nodes.get("worker-1").topics().poolTopic("proxy");
      Map<String, AtomicLong> handled = new ConcurrentHashMap<>();
      Map<String, Map<Data, Long>> perHostState = new ConcurrentHashMap<>();
      for (String p : List.of("proxy-1", "proxy-2")) {
        AtomicLong count = handled.computeIfAbsent(p, k -> new AtomicLong());
        Map<Data, Long> state = perHostState.computeIfAbsent(p, k -> new ConcurrentHashMap<>());
        Store store = stores.get(p);
        nodes.get(p).messages().handler(m -> {
          Data host = ZeekEvent.fromData(m.data()).args().get(0);
          state.merge(host, 1L, Long::sum);
          store.increment(host, Data.count(1));
          count.incrementAndGet();
        });
      }
      Map<String, AtomicLong> generated = new ConcurrentHashMap<>();
      Random random = new Random(1);
      for (String w : List.of("worker-1", "worker-2")) {
        AtomicLong count = generated.computeIfAbsent(w, k -> new AtomicLong());
        Cluster worker = nodes.get(w);
        generators.add(vertx.setPeriodic(20, t -> {
          for (int i = 0; i < 40; i++) {
            int h = random.nextInt(HOSTS);
            AddressData orig = AddressData.of(new byte[] {10, 0, (byte) (h / 256), (byte) h});
            Data event = ZeekEvent.of("Demo::conn", orig, Data.address("192.168.1.10"),
                Data.port(443, PortData.Protocol.TCP)).toData();
            worker.publishHrw(pool, orig.toString(), event);
            count.incrementAndGet();
          }
        }));
      }
      long start = System.nanoTime();
      boolean stopped = false;
      Map<String, Long> last = new HashMap<>();
      long lastTick = start;
      while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
        Thread.sleep(2000);
        long tick = System.nanoTime();
        double interval = (tick - lastTick) / 1e9;
        lastTick = tick;
        StringBuilder line = new StringBuilder(String.format("[%2ds]", (tick - start) / 1_000_000_000L));
        for (Map.Entry<String, AtomicLong> e : generated.entrySet()) {
          long now = e.getValue().get();
          line.append(String.format(" %s sent %.0f/s", e.getKey(), (now - last.getOrDefault(e.getKey(), 0L)) / interval));
          last.put(e.getKey(), now);
        }
        for (Map.Entry<String, AtomicLong> e : handled.entrySet()) {
          long now = e.getValue().get();
          line.append(String.format(" | %s handled %.0f/s", e.getKey(),
              (now - last.getOrDefault(e.getKey(), 0L)) / interval));
          last.put(e.getKey(), now);
        }
        Set<String> up = await(nodes.get("worker-1").nodesUp());
        line.append(" | proxy pool alive: ").append(nodes.get("worker-1").poolMembers(pool).stream()
            .filter(up::contains).toList());
        line.append(" | store size ").append(await(stores.get("manager").keys()).size());
        out.println(line);
        if (!stopped && tick - start >= TimeUnit.SECONDS.toNanos(seconds) / 2) {
          stopped = true;
          status.removeEndpoint("proxy-1");
          stopProxy(vertx, nodes, deployments, pool, out);
        }
      }
      generators.forEach(vertx::cancelTimer);
      Thread.sleep(1500); // let the last events and increments land before counting
      long total = 0;
      Store master = stores.get("manager");
      for (Data k : await(master.keys()).elements()) {
        total += ((io.brokervx.data.CountData) await(master.get(k))).bits();
      }
      long sent = generated.values().stream().mapToLong(AtomicLong::get).sum();
      long delivered = handled.values().stream().mapToLong(AtomicLong::get).sum();
      out.printf("done: %d hosts counted in the store, %d connections in total (generated %d; %s)%n",
          await(master.keys()).size(), total, sent, losses(sent - delivered, delivered - total));
      return BrokerTools.EXIT_OK;
    } finally {
      generators.forEach(vertx::cancelTimer); // also when the run failed: nothing publishes into a closing Vert.x
      closeAndClean(vertx, storeDir);
      Runtime.getRuntime().removeShutdownHook(atCtrlC);
    }
  }

  /** @return what became of the connections not counted, as the final line says it */
  private static String losses(long inFlight, long unapplied) {
    if (inFlight == 0 && unapplied == 0) {
      return "none lost";
    }
    return inFlight + " were in flight to proxy-1 when it stopped and " + unapplied
        + " of its increments had not reached the store: a stopping node loses what it has not handled yet";
  }

  /** Closes the cluster and removes the store directory (at the end, and at Ctrl-C). */
  private static void closeAndClean(Vertx vertx, Path storeDir) {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      try (Stream<Path> files = Files.walk(storeDir)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    } catch (Exception e) {
      System.err.println("cluster-demo: could not remove " + storeDir + ": " + e.getMessage());
    }
  }

  /** Stops proxy-1 and shows which hosts moved: only its own. */
  private static void stopProxy(Vertx vertx, Map<String, Cluster> nodes, Map<String, ClusterNodeVerticle> deployments,
      String pool, PrintStream out) throws Exception {
    Cluster worker = nodes.get("worker-1");
    Map<String, String> before = new HashMap<>();
    for (int h = 0; h < HOSTS; h++) {
      String host = "10.0." + (h / 256) + "." + (h % 256);
      String owner = await(worker.topicForKey(pool, host));
      if (owner != null) { // null: no proxy seen up at this instant (a busy machine can miss heartbeats)
        before.put(host, owner);
      }
    }
    out.println("stopping proxy-1 ...");
    nodes.remove("proxy-1");
    await(vertx.undeploy(deployments.remove("proxy-1").deploymentID()));
    while (await(worker.nodesUp()).contains("proxy-1")) {
      Thread.sleep(20);
    }
    String dead = worker.topics().nodeTopic("proxy-1");
    int moved = 0;
    int kept = 0;
    int survivors = 0;
    for (Map.Entry<String, String> e : before.entrySet()) {
      String now = await(worker.topicForKey(pool, e.getKey()));
      if (e.getValue().equals(dead)) {
        moved += dead.equals(now) ? 0 : 1;
      } else {
        survivors++;
        kept += e.getValue().equals(now) ? 1 : 0;
      }
    }
    out.printf("node_down(proxy-1): %d hosts of proxy-1 moved to proxy-2; %d of %d hosts of proxy-2 stayed put%n",
        moved, kept, survivors);
  }
}
