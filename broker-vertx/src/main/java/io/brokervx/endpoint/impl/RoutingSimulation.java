package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.wire.Envelope;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * A network of link-state routers without sockets, for scale studies and tests: each simulated endpoint
 * runs the real {@link LinkStateRouter} over simulated {@link RoutingLink}s, all on one Vert.x context.
 * Advertisements travel in rounds (every frame sent in round r arrives in round r + 1, in order per link),
 * so the number of rounds to quiet is the number of hops the last news travelled. Each round, every
 * endpoint that received something takes it all in and rebuilds its graph; the slowest of them in a round
 * is that round's share of the critical path (endpoints work in parallel in a real network). Work is
 * measured as CPU time of the simulating thread, so that other load on the machine does not count.
 *
 * <p>Build the network first ({@link #addEndpoint}, {@link #addLink}), then {@link #start()}; every later
 * call returns a future completed on the simulation's context.
 */
public final class RoutingSimulation {
  /** What it took to reach quiet: every endpoint has every advertisement and an up-to-date graph. */
  public record Convergence(int rounds, long messages, long bytes, long cpuNanos, long criticalPathNanos) {
  }

  /**
   * One publication as the data path forwards it (origin's delivery tree, reverse-path check at each hop).
   *
   * @param subscribers how many endpoints other than the origin subscribe to the topic and are in the origin's
   *     delivery tree (reachable through endpoints that forward)
   * @param delivered how many subscribers received it (once or more)
   * @param duplicates copies received beyond the first by any endpoint
   * @param offPath copies refused by the reverse-path check
   * @param linksUsed links that carried it
   * @param maxPerLink the most copies one link carried (in both directions together)
   */
  public record Publication(int subscribers, int delivered, int duplicates, int offPath, int linksUsed,
      int maxPerLink) {
  }

  /** One simulated endpoint. */
  private final class Node implements RoutingLink.Set, LinkStateRouter.Listener {
    final int index;
    final UUID id = UUID.randomUUID();
    final List<String> filter;
    final boolean forwarding;
    final Map<UUID, Link> links = new LinkedHashMap<>();
    LinkStateRouter router;

    Node(int index, List<String> filter, boolean forwarding) {
      this.index = index;
      this.filter = List.copyOf(filter);
      this.forwarding = forwarding;
    }

    @Override
    public RoutingLink[] links() {
      return links.values().toArray(new RoutingLink[0]);
    }

    @Override
    public RoutingLink established(UUID peer) {
      return links.get(peer);
    }

    @Override
    public void graphChanged() {
    }

    @Override
    public void originForgotten(UUID origin) {
    }
  }

  /** One direction of a simulated peering, as its owner sees it. */
  private final class Link implements RoutingLink {
    final Node owner;
    final Node peer;

    Link(Node owner, Node peer) {
      this.owner = owner;
      this.peer = peer;
    }

    @Override
    public UUID peerId() {
      return peer.id;
    }

    @Override
    public int version() {
      return 2;
    }

    @Override
    public List<String> peerFilter() {
      return List.of();
    }

    @Override
    public Permissions permissions() {
      return Permissions.ALL;
    }

    @Override
    public void writeControl(Buffer frame) {
      Link back = peer.links.get(owner.id);
      if (back != null) {
        inFlight.add(new Frame(back, frame.getBytes()));
      }
    }
  }

  /** A frame in flight: delivered on {@code to} (the receiver's side of the link). */
  private record Frame(Link to, byte[] bytes) {
  }

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** Endpoints that take in their news per event-loop turn. */
  private static final int SLICE = 16;

  private final Context context;
  private final List<Node> nodes = new ArrayList<>();
  private final Set<Long> links = new HashSet<>();
  private ArrayDeque<Frame> inFlight = new ArrayDeque<>();
  private boolean started;

  private RoutingSimulation(Context context) {
    this.context = context;
  }

  /** @return an empty simulation on a new context of {@code vertx} */
  public static RoutingSimulation create(Vertx vertx) {
    return new RoutingSimulation(vertx.getOrCreateContext());
  }

  /** Adds an endpoint subscribing to {@code filter} (before {@link #start()}). @return its index */
  public synchronized int addEndpoint(List<String> filter, boolean forwarding) {
    if (started) {
      throw new IllegalStateException("the simulation has started");
    }
    nodes.add(new Node(nodes.size(), filter, forwarding));
    return nodes.size() - 1;
  }

  /** Peers endpoints {@code a} and {@code b} (before {@link #start()}). @return whether the link is new */
  public synchronized boolean addLink(int a, int b) {
    if (started) {
      throw new IllegalStateException("the simulation has started");
    }
    if (a == b || !links.add(key(a, b))) {
      return false;
    }
    Node x = nodes.get(a);
    Node y = nodes.get(b);
    x.links.put(y.id, new Link(x, y));
    y.links.put(x.id, new Link(y, x));
    return true;
  }

  private static long key(int a, int b) {
    return ((long) Math.min(a, b) << 32) | Math.max(a, b);
  }

  /** @return how many endpoints there are */
  public synchronized int endpoints() {
    return nodes.size();
  }

  /** @return the links, each as {@code {a, b}} with {@code a < b} */
  public synchronized List<int[]> links() {
    return links.stream().map(k -> new int[] {(int) (k >>> 32), (int) (long) k}).toList();
  }

  private <T> Future<T> onContext(Callable<Future<T>> task) {
    Promise<T> p = Promise.promise();
    context.runOnContext(v -> {
      try {
        task.call().onComplete(p);
      } catch (Exception e) {
        p.fail(e);
      }
    });
    return p.future();
  }

  /** Creates every router, sets its filter, brings every link up, and floods until quiet. */
  public Future<Convergence> start() {
    return onContext(() -> {
      synchronized (this) {
        started = true;
      }
      StatusBus status = new StatusBus(context);
      for (Node n : nodes) {
        n.router = new LinkStateRouter(n.id, context, n.forwarding, n, status);
        n.router.listener(n);
        n.router.localFilterChanged(n.filter); // no link up yet: floods nothing
      }
      for (Node n : nodes) {
        for (Link l : n.links.values()) {
          n.router.linkUp(l);
        }
      }
      return flood();
    });
  }

  /** Takes the link between {@code a} and {@code b} down at both ends and floods until quiet. */
  public Future<Convergence> cutLink(int a, int b) {
    return onContext(() -> {
      Node x = nodes.get(a);
      Node y = nodes.get(b);
      if (!links.remove(key(a, b))) {
        return Future.failedFuture(new IllegalArgumentException("no link " + a + "-" + b));
      }
      x.links.remove(y.id);
      y.links.remove(x.id);
      x.router.linksChanged();
      y.router.linksChanged();
      Promise<Convergence> p = Promise.promise();
      context.runOnContext(v -> flood().onComplete(p)); // after the routers re-originated (next turn)
      return p.future();
    });
  }

  private Future<Convergence> flood() {
    Promise<Convergence> done = Promise.promise();
    round(done, new long[5]);
    return done.future();
  }

  /**
   * Delivers every frame in flight, a slice of endpoints per event-loop turn (the loop stays responsive);
   * {@code acc}: rounds, messages, bytes, cpu, critical path.
   */
  private void round(Promise<Convergence> done, long[] acc) {
    if (inFlight.isEmpty()) {
      done.complete(new Convergence((int) acc[0], acc[1], acc[2], acc[3], acc[4]));
      return;
    }
    ArrayDeque<Frame> round = inFlight;
    inFlight = new ArrayDeque<>();
    Map<Node, List<Frame>> byNode = new LinkedHashMap<>();
    for (Frame f : round) {
      byNode.computeIfAbsent(f.to().owner, k -> new ArrayList<>()).add(f);
      acc[2] += f.bytes().length;
    }
    acc[0]++;
    acc[1] += round.size();
    slice(byNode.entrySet().iterator(), new long[1], done, acc);
  }

  private void slice(Iterator<Map.Entry<Node, List<Frame>>> todo, long[] slowest, Promise<Convergence> done,
      long[] acc) {
    for (int i = 0; i < SLICE && todo.hasNext(); i++) {
      Map.Entry<Node, List<Frame>> e = todo.next();
      long t0 = CPU.getCurrentThreadCpuTime();
      for (Frame f : e.getValue()) {
        e.getKey().router.onLinkState(f.to(), Envelope.decodeV2(f.bytes(), 4, f.bytes().length));
      }
      e.getKey().router.reachable(); // the graph rebuild an endpoint does after taking in a turn's news
      long dt = CPU.getCurrentThreadCpuTime() - t0;
      acc[3] += dt;
      slowest[0] = Math.max(slowest[0], dt);
    }
    if (todo.hasNext()) {
      context.runOnContext(v -> slice(todo, slowest, done, acc));
    } else {
      acc[4] += slowest[0];
      context.runOnContext(v -> round(done, acc)); // the routers' own deferred work runs in between
    }
  }

  /** @return how many endpoints' graphs differ from the true links (0 once converged) */
  public Future<Integer> disagreeing() {
    return onContext(() -> {
      int wrong = 0;
      for (Node n : nodes) {
        NetworkGraph g = n.router.graph();
        for (Node m : nodes) {
          if (!g.linksOf(m.id).equals(m.links.keySet())) {
            wrong++;
            break;
          }
        }
      }
      return Future.succeededFuture(wrong);
    });
  }

  /** @return how many delivery trees the endpoints hold in their graphs' caches, all together */
  public Future<Long> cachedTrees() {
    return onContext(() -> Future.succeededFuture(nodes.stream().mapToLong(n -> n.router.graph().treeCount()).sum()));
  }

  /** Forwards one publication of {@code origin} on {@code topic} as the data path does, counting copies. */
  public Future<Publication> publish(int origin, String topic) {
    return onContext(() -> {
      Node from = nodes.get(origin);
      Map<Long, Integer> perLink = new HashMap<>();
      Map<Node, Integer> received = new HashMap<>();
      int offPath = 0;
      ArrayDeque<Link> queue = new ArrayDeque<>(); // the receiving side of each copy sent
      send(from, from.router.route(from.id, topic), null, queue, perLink);
      while (!queue.isEmpty()) {
        Link in = queue.poll();
        Node at = in.owner;
        if (!at.router.isParent(from.id, in.peer.id)) {
          offPath++;
          continue;
        }
        if (received.merge(at, 1, Integer::sum) > 1) {
          continue;
        }
        if (at.forwarding) {
          send(at, at.router.route(from.id, topic), in.peer, queue, perLink);
        }
      }
      int subscribers = 0;
      int delivered = 0;
      int duplicates = 0;
      Set<Node> inReach = reachableThroughForwarders(from);
      for (Node n : nodes) {
        int copies = received.getOrDefault(n, 0);
        duplicates += Math.max(0, copies - 1);
        if (n != from && inReach.contains(n) && Topics.matches(n.filter, topic)) {
          subscribers++;
          delivered += copies > 0 ? 1 : 0;
        }
      }
      int max = perLink.values().stream().mapToInt(Integer::intValue).max().orElse(0);
      return Future.succeededFuture(new Publication(subscribers, delivered, duplicates, offPath, perLink.size(), max));
    });
  }

  /** @return the endpoints the true links reach from {@code origin} through endpoints that forward */
  private static Set<Node> reachableThroughForwarders(Node origin) {
    Set<Node> seen = new HashSet<>(List.of(origin));
    ArrayDeque<Node> queue = new ArrayDeque<>(seen);
    while (!queue.isEmpty()) {
      Node u = queue.poll();
      if (u == origin || u.forwarding) {
        for (Link l : u.links.values()) {
          if (seen.add(l.peer)) {
            queue.add(l.peer);
          }
        }
      }
    }
    return seen;
  }

  private static void send(Node at, UUID[] targets, Node except, ArrayDeque<Link> queue, Map<Long, Integer> perLink) {
    for (UUID t : targets) {
      Link out = at.links.get(t);
      if (out != null && out.peer != except) {
        perLink.merge(key(at.index, out.peer.index), 1, Integer::sum);
        queue.add(out.peer.links.get(at.id));
      }
    }
  }
}
