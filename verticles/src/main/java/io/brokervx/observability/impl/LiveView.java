package io.brokervx.observability.impl;

import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.RoutingGraph;
import io.brokervx.store.StoreStats;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

/**
 * What the live page draws, computed from two successive snapshots: the network's endpoints (every shown
 * endpoint knows the whole routed graph), its links with their message rates per direction, buffer fill and
 * drops (measured where at least one end is shown), the stores with their update rates and clone lag, the
 * recent status events, and totals. Rates are per second over the interval between the two snapshots.
 */
final class LiveView {
  private final Snapshot before;
  private final Snapshot now;
  private final double seconds;

  private LiveView(Snapshot before, Snapshot now) {
    this.before = before;
    this.now = now;
    this.seconds = before == null ? 0 : Math.max(1e-3, (now.nanos() - before.nanos()) / 1e9);
  }

  /** @return the page's model of {@code now}, with rates since {@code before} (null: rates are 0) */
  static JsonObject of(Snapshot before, Snapshot now, List<EventRing.Entry> events, EventLoopLag lag) {
    LiveView v = new LiveView(before, now);
    JsonArray links = v.links();
    double totalRate = 0;
    double dataRate = 0;
    long drops = 0;
    for (Object o : links) {
      JsonObject l = (JsonObject) o;
      totalRate += l.getDouble("rateAB") + l.getDouble("rateBA");
      dataRate += l.getDouble("dataAB") + l.getDouble("dataBA");
      drops += l.getLong("dropped");
    }
    double maxLagMs = 0;
    for (int i = 0; i < lag.loops(); i++) {
      maxLagMs = Math.max(maxLagMs, lag.maxNanos(i) / 1e6);
    }
    JsonArray nodes = v.nodes();
    JsonObject totals = new JsonObject().put("endpoints", nodes.size()).put("links", links.size())
        .put("rate", totalRate).put("dataRate", dataRate).put("dropped", drops).put("failures", v.failures()).put("maxLagMs", maxLagMs);
    return new JsonObject().put("time", now.time().toString()).put("interval", v.seconds)
        .put("shown", new JsonArray(now.nodes().stream().map(Snapshot.Node::name).toList()))
        .put("nodes", nodes).put("links", links).put("stores", v.stores()).put("events", events(now, events))
        .put("totals", totals);
  }

  private double rate(long current, long previous) {
    return seconds == 0 ? 0 : Math.max(0, current - previous) / seconds;
  }

  private double rate(Snapshot.Node n, ToLongFunction<EndpointStats> counter) {
    Snapshot.Node b = before == null ? null : before.node(n.name());
    return b == null ? 0 : rate(counter.applyAsLong(n.stats()), counter.applyAsLong(b.stats()));
  }

  private long failures() {
    long n = 0;
    for (Snapshot.Node node : now.nodes()) {
      n += node.stats().handshakeFailures().values().stream().mapToLong(Long::longValue).sum();
    }
    return n;
  }

  private JsonArray nodes() {
    Map<UUID, JsonObject> out = new LinkedHashMap<>();
    for (Snapshot.Node n : now.nodes()) {
      for (RoutingGraph.Node g : n.stats().routing().endpoints()) {
        out.computeIfAbsent(g.id(), id -> new JsonObject().put("id", id.toString()).put("name", now.nameOf(id))
            .put("kind", g.kind()).put("forwarding", g.forwarding()).put("topics", g.filter().size())
            .put("shown", false));
      }
    }
    for (Snapshot.Node n : now.nodes()) {
      EndpointStats st = n.stats();
      JsonArray stores = new JsonArray();
      n.stores().forEach(s -> stores.add(new JsonObject().put("name", s.name()).put("role", s.master() ? "master" : "clone")));
      out.computeIfAbsent(st.id(), id -> new JsonObject().put("id", id.toString()).put("kind", "routing"))
          .put("name", n.name()).put("shown", true).put("connections", st.connections())
          .put("publishedRate", rate(n, EndpointStats::published))
          .put("receivedRate", rate(n, x -> x.processedMessages().get("data") + x.processedMessages().get("command")))
          .put("dropped", st.peerDrops() + st.subscriberDrops()).put("denied", st.deniedByRule()).put("stores", stores);
    }
    return new JsonArray(List.copyOf(out.values()));
  }

  private JsonArray links() {
    Map<String, UUID[]> ends = new LinkedHashMap<>();
    for (Snapshot.Node n : now.nodes()) {
      for (RoutingGraph.Link l : n.stats().routing().links()) {
        ends.putIfAbsent(l.a() + "|" + l.b(), new UUID[] {l.a(), l.b()});
      }
      for (PeerInfo p : n.stats().peers()) {
        UUID self = n.stats().id();
        UUID[] pair = self.toString().compareTo(p.id().toString()) < 0 ? new UUID[] {self, p.id()} : new UUID[] {p.id(), self};
        if (!ends.containsKey(pair[0] + "|" + pair[1]) && !ends.containsKey(pair[1] + "|" + pair[0])) {
          ends.put(pair[0] + "|" + pair[1], pair);
        }
      }
    }
    JsonArray out = new JsonArray();
    ends.values().forEach(e -> out.add(link(e[0], e[1])));
    return out;
  }

  private JsonObject link(UUID a, UUID b) {
    Snapshot.Node na = now.node(a);
    Snapshot.Node nb = now.node(b);
    double fill = Math.max(fill(na, b), fill(nb, a));
    double recentFill = Math.max(recentFill(na, b), recentFill(nb, a));
    long dropped = (na == null ? 0 : na.stats().overflows(b)) + (nb == null ? 0 : nb.stats().overflows(a));
    return new JsonObject().put("a", a.toString()).put("b", b.toString()).put("measured", na != null || nb != null)
        .put("rateAB", direction(na, b, nb, a, PeerInfo::framesSent, PeerInfo::framesReceived))
        .put("rateBA", direction(nb, a, na, b, PeerInfo::framesSent, PeerInfo::framesReceived))
        .put("dataAB", direction(na, b, nb, a, PeerInfo::dataSent, PeerInfo::dataReceived))
        .put("dataBA", direction(nb, a, na, b, PeerInfo::dataSent, PeerInfo::dataReceived)).put("fill", fill)
        .put("recentFill", recentFill).put("dropped", dropped);
  }

  /** @return messages per second from {@code from} to {@code to}, counted at whichever end is shown */
  private double direction(Snapshot.Node from, UUID to, Snapshot.Node at, UUID sender, ToLongFunction<PeerInfo> sent,
      ToLongFunction<PeerInfo> received) {
    if (from != null) {
      return peerRate(from, to, sent);
    }
    return at == null ? 0 : peerRate(at, sender, received);
  }

  private double peerRate(Snapshot.Node n, UUID peer, ToLongFunction<PeerInfo> counter) {
    PeerInfo p = n.peer(peer);
    Snapshot.Node b = before == null ? null : before.node(n.name());
    PeerInfo q = b == null ? null : b.peer(peer);
    return p == null || q == null ? 0 : rate(counter.applyAsLong(p), counter.applyAsLong(q));
  }

  private static double fill(Snapshot.Node n, UUID peer) {
    PeerInfo p = n == null ? null : n.peer(peer);
    return p == null ? 0 : (double) p.queued() / Math.max(1, n.stats().peerBufferSize());
  }

  private static double recentFill(Snapshot.Node n, UUID peer) {
    PeerInfo p = n == null ? null : n.peer(peer);
    return p == null ? 0 : (double) p.maxQueuedRecently() / Math.max(1, n.stats().peerBufferSize());
  }

  private JsonArray stores() {
    JsonArray out = new JsonArray();
    for (Snapshot.Node n : now.nodes()) {
      for (StoreStats s : n.stores()) {
        Snapshot.Node b = before == null ? null : before.node(n.name());
        StoreStats prev = b == null ? null : b.store(s.name());
        JsonObject j = new JsonObject().put("endpoint", n.name()).put("name", s.name())
            .put("role", s.master() ? "master" : "clone").put("entries", s.entries())
            .put("processed", s.processedUpdates())
            .put("rate", prev == null ? 0 : rate(s.processedUpdates(), prev.processedUpdates()))
            .put("unacked", s.unacknowledgedUpdates()).put("outOfOrder", s.outOfOrderUpdates());
        if (s.master()) {
          j.put("clones", s.output().paths());
        } else {
          j.put("master", s.masterId() == null ? null : now.nameOf(s.masterId())).put("lag", cloneLag(s));
        }
        out.add(j);
      }
    }
    return out;
  }

  /** @return how many updates a clone is behind its master, when the master is shown too; else null */
  private Long cloneLag(StoreStats clone) {
    Snapshot.Node m = clone.masterId() == null ? null : now.node(clone.masterId());
    StoreStats master = m == null ? null : m.store(clone.name());
    if (master == null || clone.inputs().isEmpty()) {
      return null;
    }
    return Math.max(0, master.output().seq() - clone.inputs().get(0).lastSeq());
  }

  private static JsonArray events(Snapshot now, List<EventRing.Entry> events) {
    JsonArray out = new JsonArray();
    for (EventRing.Entry e : events) {
      String peer = e.event().endpoint() != null ? now.nameOf(e.event().endpoint())
          : e.event().host() != null ? e.event().host() + ":" + e.event().port() : "";
      out.add(new JsonObject().put("time", e.time().toString()).put("endpoint", e.endpoint())
          .put("code", e.event().code().brokerName()).put("peer", peer)
          .put("error", e.event().error().brokerName()).put("message", e.event().message()).put("count", e.count()));
    }
    return out;
  }
}
