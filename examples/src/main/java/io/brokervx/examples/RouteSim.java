package io.brokervx.examples;

import io.brokervx.cluster.ClusterLayout;
import io.brokervx.cluster.ClusterTopics;
import io.brokervx.cluster.NodeType;
import io.brokervx.endpoint.impl.RoutingSimulation;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code route-sim}: the link-state router at scale without a network ({@link RoutingSimulation}). Builds a
 * random graph or a Zeek cluster as {@link ClusterLayout#connectionsOf} wires one, lets it converge, cuts
 * links one at a time (each time until quiet), and forwards publications as the data path does. Prints
 * rounds (hops the news travelled), advertisements, the critical path (per round, the slowest endpoint's
 * work to take its news in and rebuild its graph), routing state per endpoint (heap after GC), and the most
 * copies of one publication on one link.
 */
@Command(name = "route-sim", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = "Simulates the link-state router for many endpoints, in one process, without sockets.",
    footer = {"", "Examples:", "  route-sim -n 1000 -d 4", "  route-sim --zeek -n 200 --proxies 8 --loggers 2"})
final class RouteSim implements Callable<Integer> {
  private static final ClusterTopics TOPICS = ClusterTopics.zeek();

  @ParentCommand
  private BrokerTools tools;
  @Spec
  private CommandSpec spec;
  @Option(names = "-n", paramLabel = "N", description = "endpoints (default: 1000)")
  private int n = 1000;
  @Option(names = "-d", paramLabel = "DEGREE", description = "average degree of the random graph (default: 4)")
  private double degree = 4;
  @Option(names = "--zeek", description = "a Zeek cluster (1 manager, loggers, proxies, the rest workers) instead")
  private boolean zeek;
  @Option(names = "--loggers", paramLabel = "L", description = "loggers of the Zeek cluster (default: 2)")
  private int loggers = 2;
  @Option(names = "--proxies", paramLabel = "P", description = "proxies of the Zeek cluster (default: 8)")
  private int proxies = 8;
  @Option(names = "--cuts", paramLabel = "K", description = "links to lose, one after another (default: 5)")
  private int cuts = 5;
  @Option(names = "--publications", paramLabel = "M", description = "publications to forward (default: 200)")
  private int publications = 200;
  @Option(names = "--seed", paramLabel = "S", description = "random seed (default: 1)")
  private long seed = 1;

  /** One publication to simulate: who sends on what. */
  private record Send(int origin, String topic) {
  }

  @Override
  public Integer call() throws Exception {
    int minimum = zeek ? 1 + loggers + proxies + 1 : 2;
    if (n < minimum || degree < 1 || cuts < 0 || publications < 1 || loggers < 0 || proxies < 0) {
      throw new ParameterException(spec.commandLine(), "need -n >= " + minimum + ", -d >= 1, --cuts >= 0, "
          + "--publications >= 1");
    }
    Vertx vertx = Vertx.vertx();
    try {
      Random rnd = new Random(seed);
      long heap0 = usedHeapAfterGc();
      RoutingSimulation sim = RoutingSimulation.create(vertx);
      List<Send> sends = zeek ? zeekCluster(sim, rnd) : randomGraph(sim, rnd);
      long t0 = System.nanoTime();
      RoutingSimulation.Convergence start = await(sim.start());
      tools.out.printf("%s: %d endpoints, %d links; start: %s, %.1f s wall%n", zeek ? "zeek cluster" : "random graph",
          sim.endpoints(), sim.links().size(), describe(start, sim.endpoints()), (System.nanoTime() - t0) / 1e9);
      check(sim);
      long heap1 = usedHeapAfterGc();
      tools.out.printf("routing state: %,d bytes per endpoint (advertisements and graph, heap after GC)%n",
          (heap1 - heap0) / sim.endpoints());
      int maxPerLink = 0;
      long linksUsed = 0;
      long deliveries = 0;
      for (int i = 0; i < publications; i++) {
        Send s = sends.get(i % sends.size());
        RoutingSimulation.Publication p = await(sim.publish(s.origin(), s.topic()));
        if (p.delivered() != p.subscribers() || p.duplicates() > 0 || p.offPath() > 0) {
          throw new ToolFailure("publication from " + s.origin() + " on " + s.topic() + " misdelivered: " + p);
        }
        maxPerLink = Math.max(maxPerLink, p.maxPerLink());
        linksUsed += p.linksUsed();
        deliveries += p.delivered();
      }
      long heap2 = usedHeapAfterGc();
      long trees = await(sim.cachedTrees());
      int origins = (int) sends.stream().limit(publications).map(Send::origin).distinct().count();
      tools.out.printf("publications: %d from %d origins, every subscriber exactly once, %.1f subscribers and "
          + "%.1f links each, at most %d cop%s on a link%n", publications, origins, (double) deliveries / publications,
          (double) linksUsed / publications, maxPerLink, maxPerLink == 1 ? "y" : "ies");
      tools.out.printf("delivery trees: %,d cached (%.1f per endpoint), %,d bytes each (with the routes cached "
          + "along them)%n", trees, (double) trees / sim.endpoints(), (heap2 - heap1) / Math.max(1, trees));
      List<RoutingSimulation.Convergence> losses = new ArrayList<>();
      for (int i = 0; i < cuts; i++) {
        List<int[]> links = sim.links();
        int[] l = links.get(rnd.nextInt(links.size()));
        RoutingSimulation.Convergence c = await(sim.cutLink(l[0], l[1]));
        check(sim);
        losses.add(c);
        tools.out.printf("lost link %d-%d: %s%n", l[0], l[1], describe(c, sim.endpoints()));
      }
      if (!losses.isEmpty()) {
        losses.sort((a, b) -> Long.compare(a.criticalPathNanos(), b.criticalPathNanos()));
        tools.out.printf("link loss, median of %d: %s%n", losses.size(),
            describe(losses.get(losses.size() / 2), sim.endpoints()));
      }
      return BrokerTools.EXIT_OK;
    } finally {
      vertx.close();
    }
  }

  private static String describe(RoutingSimulation.Convergence c, int endpoints) {
    return String.format("%d rounds, %,d advertisements (%.1f per endpoint, %,d bytes), critical path %.1f ms, "
        + "all endpoints' work %.1f ms", c.rounds(), c.messages(), (double) c.messages() / endpoints, c.bytes(),
        c.criticalPathNanos() / 1e6, c.cpuNanos() / 1e6);
  }

  private void check(RoutingSimulation sim) throws Exception {
    int wrong = await(sim.disagreeing());
    if (wrong > 0) {
      throw new ToolFailure(wrong + " endpoints did not converge to the true links");
    }
  }

  /**
   * A connected random graph: a random spanning tree, then random links up to the average degree. Each
   * endpoint subscribes to its own topic and to one of n/10 groups. @return sends to random groups
   */
  private List<Send> randomGraph(RoutingSimulation sim, Random rnd) {
    int groups = Math.max(1, n / 10);
    for (int i = 0; i < n; i++) {
      sim.addEndpoint(List.of("/node/" + i + "/", "/group/" + rnd.nextInt(groups) + "/"), true);
    }
    for (int i = 1; i < n; i++) {
      sim.addLink(i, rnd.nextInt(i));
    }
    long links = Math.round(n * degree / 2);
    while (sim.links().size() < links) {
      sim.addLink(rnd.nextInt(n), rnd.nextInt(n));
    }
    List<Send> sends = new ArrayList<>();
    for (int i = 0; i < publications; i++) {
      sends.add(new Send(rnd.nextInt(n), "/group/" + rnd.nextInt(groups) + "/x"));
    }
    return sends;
  }

  /**
   * A Zeek cluster wired as the cluster module wires it, each node subscribing as a cluster node does (its
   * type, its name, its pool; loggers also to the logs). @return sends as a cluster makes them: workers'
   * logs, the manager's broadcasts to workers, workers to a proxy of the pool
   */
  private List<Send> zeekCluster(RoutingSimulation sim, Random rnd) {
    int workers = n - 1 - loggers - proxies;
    JsonArray nodes = new JsonArray().add(node("manager", NodeType.MANAGER, 10_000));
    for (int i = 0; i < loggers; i++) {
      nodes.add(node(String.format("logger-%d", i + 1), NodeType.LOGGER, 11_000 + i));
    }
    for (int i = 0; i < proxies; i++) {
      nodes.add(node(String.format("proxy-%d", i + 1), NodeType.PROXY, 12_000 + i));
    }
    for (int i = 0; i < workers; i++) {
      nodes.add(node(String.format("worker-%d", i + 1), NodeType.WORKER, 0));
    }
    ClusterLayout layout = ClusterLayout.fromJson(new JsonObject().put("nodes", nodes));
    Map<String, Integer> index = new HashMap<>();
    List<String> names = layout.nodes().keySet().stream().sorted().toList();
    for (String name : names) {
      NodeType type = layout.node(name).orElseThrow().type();
      List<String> filter = new ArrayList<>(List.of(TOPICS.typeTopic(type), TOPICS.nodeTopic(name)));
      if (type != NodeType.MANAGER) {
        filter.add(TOPICS.poolTopic(type.configName()));
      }
      if (type == NodeType.LOGGER) {
        filter.add("zeek/logs/");
      }
      index.put(name, sim.addEndpoint(filter, true));
    }
    for (String name : names) {
      for (ClusterLayout.Node peer : layout.connectionsOf(name)) {
        sim.addLink(index.get(name), index.get(peer.name()));
      }
    }
    List<String> workerNames = layout.names(NodeType.WORKER);
    List<String> proxyNames = layout.names(NodeType.PROXY);
    List<Send> sends = new ArrayList<>();
    for (int i = 0; i < publications; i++) {
      int w = index.get(workerNames.get(rnd.nextInt(workerNames.size())));
      switch (i % 3) {
        case 0 -> sends.add(new Send(w, "zeek/logs/conn"));
        case 1 -> sends.add(new Send(index.get("manager"), TOPICS.typeTopic(NodeType.WORKER) + "/x"));
        default -> sends.add(new Send(w, proxyNames.isEmpty() ? TOPICS.managerTopic()
            : TOPICS.nodeTopic(proxyNames.get(rnd.nextInt(proxyNames.size())))));
      }
    }
    return sends;
  }

  private static JsonObject node(String name, NodeType type, int port) {
    JsonObject o = new JsonObject().put("name", name).put("type", type.configName()).put("host", "10.0.0.1");
    return port == 0 ? o : o.put("port", port);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static <T> T await(Future<T> f) throws Exception {
    return ToolRuntime.await(f);
  }
}
