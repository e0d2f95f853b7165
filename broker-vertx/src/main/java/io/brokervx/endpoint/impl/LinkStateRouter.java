package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The link-state router: originates this endpoint's advertisement (its routing peers, what it wants,
 * whether it relays), floods everyone's, keeps the {@link NetworkGraph} they describe, and answers where a
 * message goes next: the children of this endpoint in the origin's delivery tree that lead to a subscriber
 * (cached per origin and topic), or the next hop towards one addressee. Reports endpoints becoming
 * reachable or unreachable, and forgets advertisements unreachable for a while.
 */
final class LinkStateRouter {
  private static final long UNREACHABLE_AD_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final long REFRESH_NANOS = TimeUnit.SECONDS.toNanos(60);
  private static final int ROUTES_PER_ORIGIN = 10_000;
  /** The most routing endpoints one network may have; advertisements of more are refused. */
  static final int MAX_ENDPOINTS = 16_384;
  private static final byte[] CONTROL_TOPIC = Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8);

  /** Who wants to know when the graph changed or an origin was forgotten. */
  interface Listener {
    /** The set of reachable endpoints or their filters may have changed. */
    void graphChanged();

    /** {@code origin} became unreachable or its advertisement was dropped: its per-origin state can go. */
    void originForgotten(UUID origin);
  }

  private final UUID id;
  private final Context context;
  private final boolean forwarding;
  private final RoutingLink.Set peers;
  private final StatusBus status;
  private final Map<UUID, LinkStateAd> ads = new HashMap<>();
  private final Map<UUID, Long> unreachableSince = new HashMap<>();
  private final Map<UUID, Map<String, UUID[]>> routes = new HashMap<>();
  private Listener listener;
  private List<String> localFilter = List.of();
  private LinkStateAd selfAd;
  private NetworkGraph graph;
  private Set<UUID> reachable = Set.of();
  private boolean graphUpdateScheduled;
  private boolean selfAdScheduled;
  private long refusedAds;
  private long lastOriginated = System.nanoTime();

  LinkStateRouter(UUID id, Context context, boolean forwarding, RoutingLink.Set peers, StatusBus status) {
    this.id = id;
    this.context = context;
    this.forwarding = forwarding;
    this.peers = peers;
    this.status = status;
    this.selfAd = new LinkStateAd(id, System.currentTimeMillis(), 0, forwarding, List.of(), List.of(), List.of());
    ads.put(id, selfAd);
    graph = new NetworkGraph(ads.values());
  }

  void listener(Listener listener) {
    this.listener = listener;
  }

  /** @return the topic prefixes local subscriptions and command handlers want */
  List<String> localFilter() {
    return localFilter;
  }

  /** @return the endpoints reachable from here, this one included */
  Set<UUID> reachable() {
    ensureGraphCurrent();
    return reachable;
  }

  /** @return whether {@code endpoint} originates link-state advertisements (a broker-vertx endpoint) */
  boolean isRoutingEndpoint(UUID endpoint) {
    return ads.containsKey(endpoint);
  }

  /** @return the advertised filter of {@code endpoint} (a Broker endpoint's as its peers report it) */
  List<String> filterOf(UUID endpoint) {
    return graph.filterOf(endpoint);
  }

  // ---------------------------------------------------------------- changes that re-originate our ad

  void localFilterChanged(List<String> filter) {
    if (!filter.equals(localFilter)) {
      localFilter = filter;
      updateSelfAd();
    }
  }

  void linkUp(RoutingLink c) {
    updateSelfAd();
    if (c.version() == 2) {
      for (LinkStateAd ad : ads.values()) {
        c.writeControl(frame(ad));
      }
    }
    routes.clear();
  }

  /** A link went down or a Broker peer's filter changed: re-originate once the current turn is over. */
  void linksChanged() {
    routes.clear();
    if (!selfAdScheduled) {
      selfAdScheduled = true;
      context.runOnContext(v -> {
        selfAdScheduled = false;
        updateSelfAd();
      });
    }
  }

  private void updateSelfAd() {
    List<UUID> neighbors = new ArrayList<>();
    List<LinkStateAd.BrokerPeer> brokerPeers = new ArrayList<>();
    for (RoutingLink c : peers.links()) {
      if (c.version() == 2) {
        neighbors.add(c.peerId());
      } else {
        brokerPeers.add(new LinkStateAd.BrokerPeer(c.peerId(), c.peerFilter()));
      }
    }
    neighbors.sort(Ids.ORDER);
    brokerPeers.sort((a, b) -> Ids.ORDER.compare(a.id(), b.id()));
    List<String> filter = localFilter;
    if (neighbors.equals(selfAd.neighbors()) && filter.equals(selfAd.filter())
        && brokerPeers.equals(selfAd.brokerPeers())) {
      return;
    }
    selfAd = new LinkStateAd(id, selfAd.incarnation(), selfAd.seq() + 1, forwarding, List.copyOf(neighbors), filter,
        List.copyOf(brokerPeers));
    lastOriginated = System.nanoTime();
    ads.put(id, selfAd);
    flood(selfAd, null);
    scheduleGraphUpdate();
  }

  // ---------------------------------------------------------------- flooding

  private Buffer frame(LinkStateAd ad) {
    byte[] payload = ad.encode();
    return Envelope.encodeV2(Envelope.LINK_STATE, 1, id, null, 0, CONTROL_TOPIC, payload, 0, payload.length)
        .toBuffer();
  }

  private void flood(LinkStateAd ad, RoutingLink except) {
    Buffer frame = null;
    for (RoutingLink c : peers.links()) {
      if (c != except && c.version() == 2) {
        if (frame == null) {
          frame = frame(ad);
        }
        c.writeControl(frame);
      }
    }
  }

  /**
   * Takes in an advertisement from a routing peer. One about a direct peer counts only when that peer sends
   * it itself; a newer one (within the bounds of {@link LinkStateAd#supersedes}) replaces the known one and
   * is flooded on; an older one is answered with the known one; anything else is refused and counted.
   */
  void onLinkState(RoutingLink from, Envelope e) {
    LinkStateAd ad = LinkStateAd.decode(e.array(), e.payloadFrom(), e.payloadTo());
    UUID origin = ad.origin();
    if (origin.equals(id)) {
      reclaimSelf(ad);
      return;
    }
    RoutingLink direct = peers.established(origin);
    if ((direct != null && direct != from) || (!origin.equals(from.peerId()) && !from.permissions().mayRelay())) {
      refusedAds++; // what a direct peer is, only it says; a peer that may not relay speaks only for itself
      return;
    }
    LinkStateAd known = ads.get(origin);
    if (known == null && ads.size() >= MAX_ENDPOINTS) {
      refusedAds++;
      return;
    }
    if (ad.supersedes(known, System.currentTimeMillis())) {
      if (known != null && ad.incarnation() > known.incarnation() && !restartPlausible(origin, from)) {
        refusedAds++; // a restart is announced along the path to the endpoint, not from the side
        return;
      }
      ads.put(origin, ad);
      flood(ad, from);
      scheduleGraphUpdate();
    } else if (known != null && ad.olderThan(known)) {
      from.writeControl(frame(known));
    } else if (!ad.equals(known)) {
      refusedAds++;
    }
  }

  /**
   * @return whether a new incarnation of {@code origin} may come from {@code from}: the peer on the path to
   *     it, or anyone while it is unreachable (a restart after a partition)
   */
  private boolean restartPlausible(UUID origin, RoutingLink from) {
    UUID up = upstream(origin);
    return up == null || up.equals(from.peerId()) || !reachable.contains(origin);
  }

  /**
   * Someone advertises this endpoint with numbers at or beyond its own (an earlier life of this id, or a
   * forgery that the others accepted): re-originate just past it, so the true advertisement wins again.
   */
  private void reclaimSelf(LinkStateAd ad) {
    if (ad.equals(selfAd) || ad.olderThan(selfAd) || !ad.supersedes(selfAd, System.currentTimeMillis())) {
      return;
    }
    selfAd = new LinkStateAd(id, ad.incarnation(), ad.seq() + 1, selfAd.forwarding(), selfAd.neighbors(),
        selfAd.filter(), selfAd.brokerPeers());
    ads.put(id, selfAd);
    flood(selfAd, null);
  }

  /** @return how many advertisements were refused (forged, out of bounds, or about a direct peer from another) */
  long refusedAds() {
    return refusedAds;
  }

  // ---------------------------------------------------------------- the graph

  /**
   * Rebuilds the graph once the current event-loop turn is over (several advertisements often arrive
   * together), or earlier when a question needs it: an advertisement travels ahead of the data on the same
   * link, so data never meets a graph that does not know it yet.
   */
  private void scheduleGraphUpdate() {
    if (!graphUpdateScheduled) {
      graphUpdateScheduled = true;
      context.runOnContext(v -> ensureGraphCurrent());
    }
  }

  private void ensureGraphCurrent() {
    if (graphUpdateScheduled) {
      graphUpdateScheduled = false;
      updateGraph();
    }
  }

  private void updateGraph() {
    graph = new NetworkGraph(ads.values());
    routes.clear();
    Set<UUID> now = graph.reachable(id);
    for (UUID r : now) {
      unreachableSince.remove(r);
      if (!r.equals(id) && !reachable.contains(r)) {
        status.emit(StatusCode.ENDPOINT_DISCOVERED, r, null, 0, ErrorCode.NONE, "found a new peer in the network");
      }
    }
    for (UUID r : reachable) {
      if (!now.contains(r)) {
        status.emit(StatusCode.ENDPOINT_UNREACHABLE, r, null, 0, ErrorCode.NONE, "lost the last path");
        listener.originForgotten(r);
      }
    }
    long t = System.nanoTime();
    for (UUID origin : ads.keySet()) {
      if (!now.contains(origin)) {
        unreachableSince.putIfAbsent(origin, t);
      }
    }
    reachable = now;
    listener.graphChanged();
  }

  /**
   * On the heartbeat: re-originates this endpoint's advertisement now and then (an update refused on a path
   * that has since changed gets through at last), and forgets advertisements of endpoints that have been
   * unreachable for a while.
   */
  void collectUnreachable() {
    long t = System.nanoTime();
    if (t - lastOriginated > REFRESH_NANOS) {
      selfAd = new LinkStateAd(id, selfAd.incarnation(), selfAd.seq() + 1, forwarding, selfAd.neighbors(),
          selfAd.filter(), selfAd.brokerPeers());
      ads.put(id, selfAd);
      lastOriginated = t;
      flood(selfAd, null);
    }
    boolean removed = unreachableSince.entrySet().removeIf(e -> {
      if (t - e.getValue() > UNREACHABLE_AD_LIFETIME_NANOS) {
        ads.remove(e.getKey());
        listener.originForgotten(e.getKey());
        return true;
      }
      return false;
    });
    if (removed) {
      scheduleGraphUpdate();
    }
  }

  // ---------------------------------------------------------------- queries

  /** @return the current graph */
  NetworkGraph graph() {
    ensureGraphCurrent();
    return graph;
  }

  /** @return the neighbors to pass a message of {@code root}'s tree on {@code topic} to (do not modify) */
  UUID[] route(UUID root, String topic) {
    ensureGraphCurrent();
    Map<String, UUID[]> byTopic = routes.computeIfAbsent(root, k -> new HashMap<>());
    UUID[] r = byTopic.get(topic);
    if (r == null) {
      if (byTopic.size() > ROUTES_PER_ORIGIN) {
        byTopic.clear();
      }
      r = graph.forwardTargets(root, id, topic).toArray(new UUID[0]);
      byTopic.put(topic, r);
    }
    return r;
  }

  /**
   * @return whether this endpoint is the gateway of the Broker peer {@code broker} (or the graph does not
   *     know it yet)
   */
  boolean isGatewayOf(UUID broker) {
    ensureGraphCurrent();
    UUID gateway = graph.gatewayOf(broker);
    return gateway == null || gateway.equals(id);
  }

  /** @return the peer messages from {@code origin} arrive on (the reverse path), or null */
  UUID upstream(UUID origin) {
    ensureGraphCurrent();
    return graph.tree(origin).get(id);
  }

  /**
   * @return whether {@code neighbor} is this endpoint's parent in {@code root}'s delivery tree: the only
   *     peer a message of that tree may come from (the reverse-path check)
   */
  boolean isParent(UUID root, UUID neighbor) {
    ensureGraphCurrent();
    return neighbor.equals(graph.tree(root).get(id));
  }

  /** @return the next hop of a message from {@code origin} to {@code receiver}, or null when there is none */
  UUID nextHop(UUID origin, UUID receiver) {
    ensureGraphCurrent();
    return graph.nextHop(origin, id, receiver);
  }

  /** @return the reachable endpoints other than this one whose filter matches {@code topic} */
  Set<UUID> subscribersOf(String topic) {
    ensureGraphCurrent();
    return graph.subscribersOf(id, topic);
  }
}
