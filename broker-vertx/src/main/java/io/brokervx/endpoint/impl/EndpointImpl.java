package io.brokervx.endpoint.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.ErrorCode;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.impl.wire.ByteReader;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import io.brokervx.store.BackendType;
import io.brokervx.store.CloneOptions;
import io.brokervx.store.MasterOptions;
import io.brokervx.store.Store;
import io.brokervx.store.StoreException;
import io.brokervx.store.impl.Backend;
import io.brokervx.store.impl.CloneStore;
import io.brokervx.store.impl.MasterStore;
import io.brokervx.store.impl.MemoryBackend;
import io.brokervx.store.impl.SqliteBackend;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The endpoint: connections, the link-state database, delivery trees, subscriptions and status events,
 * all confined to one Vert.x context.
 */
public final class EndpointImpl implements Endpoint {
  private static final Logger LOG = LoggerFactory.getLogger(EndpointImpl.class);
  private static final DecodeLimits LIMITS = new DecodeLimits();
  private static final long UNREACHABLE_AD_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final Vertx vertx;
  private final Context context;
  private final EndpointOptions options;
  private final UUID id;
  private final NetClient client;
  private final List<NetServer> servers = new ArrayList<>();
  private final Set<PeerConnection> connections = new LinkedHashSet<>();
  private final Map<UUID, PeerConnection> established = new HashMap<>();
  private final Set<UUID> reportedPeers = new HashSet<>();
  private final Map<String, PeeringIntent> intents = new HashMap<>();
  private final Map<UUID, LinkStateAd> ads = new HashMap<>();
  private final Map<UUID, Long> unreachableSince = new HashMap<>();
  private final Map<UUID, DedupWindow> dedup = new HashMap<>();
  private final Map<UUID, Map<String, UUID[]>> routes = new HashMap<>();
  /** Copy-on-write: a subscription may end (closed by a handler, or overflowing) while a message is delivered. */
  private final List<SubscriptionImpl> subscriptions = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> localTopics = new TreeMap<>();
  private final List<BoundedStream<StatusEvent>> statusStreams = new ArrayList<>();
  private List<String> localFilter = List.of();
  private LinkStateAd selfAd;
  private NetworkGraph graph;
  private Set<UUID> reachable = Set.of();
  private boolean graphUpdateScheduled;
  private boolean selfAdScheduled;
  private long msgSeq;
  private long heartbeatTimer;
  private boolean closed;
  private Future<Void> closing;

  /** Creates an endpoint on the caller's context (or a new event-loop context). */
  public EndpointImpl(Vertx vertx, EndpointOptions options) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.options = options;
    this.id = options.getId() != null ? UUID.fromString(options.getId()) : UUID.randomUUID();
    this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getHandshakeTimeout())));
    this.msgSeq = System.currentTimeMillis() * 1_000_000L;
    this.selfAd = new LinkStateAd(id, System.currentTimeMillis() * 1_000L, options.isForwarding(), List.of(), List.of());
    ads.put(id, selfAd);
    graph = new NetworkGraph(ads.values());
    heartbeatTimer = vertx.setPeriodic(options.getHeartbeatInterval(), t -> context.runOnContext(v -> heartbeat()));
  }

  /** @return the Vert.x instance */
  public Vertx vertx() {
    return vertx;
  }

  /** @return the context all of this endpoint's state is confined to */
  public Context context() {
    return context;
  }

  EndpointOptions options() {
    return options;
  }

  /** Runs {@code r} on the endpoint's context: at once when already there. */
  public void runOnContext(Runnable r) {
    if (Vertx.currentContext() == context) {
      r.run();
    } else {
      context.runOnContext(v -> r.run());
    }
  }

  private <T> Future<T> onContext(java.util.function.Function<Promise<T>, Void> body) {
    Promise<T> p = Promise.promise();
    runOnContext(() -> {
      try {
        body.apply(p);
      } catch (RuntimeException e) {
        p.tryFail(e);
      }
    });
    return p.future();
  }

  @Override
  public UUID id() {
    return id;
  }

  // ---------------------------------------------------------------- peering

  @Override
  public Future<Integer> listen(String host, int port) {
    return onContext(p -> {
      if (closed) {
        p.fail("endpoint closed");
        return null;
      }
      NetServer server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
      server.connectHandler(this::accept);
      server.listen().onComplete(ar -> {
        if (ar.succeeded()) {
          servers.add(server);
          p.complete(ar.result().actualPort());
        } else {
          p.fail(ar.cause());
        }
      });
      return null;
    });
  }

  private void accept(io.vertx.core.net.NetSocket socket) {
    if (closed) {
      socket.close();
      return;
    }
    PeerConnection c = new PeerConnection(this, socket, false, null);
    connections.add(c);
    c.start();
  }

  @Override
  public Future<Void> peer(String host, int port) {
    return onContext(p -> {
      if (closed) {
        p.fail("endpoint closed");
        return null;
      }
      PeeringIntent intent = intents.computeIfAbsent(PeeringIntent.key(host, port), k -> {
        PeeringIntent i = new PeeringIntent(host, port);
        connect(i);
        return i;
      });
      intent.firstPeered.future().onComplete(p);
      return null;
    });
  }

  private void connect(PeeringIntent intent) {
    intent.timer = -1;
    if (intent.cancelled || closed) {
      return;
    }
    if (intent.peerId != null && established.containsKey(intent.peerId)) {
      scheduleRetry(intent);
      return;
    }
    client.connect(intent.port, intent.host).onComplete(ar -> {
      if (intent.cancelled || closed) {
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      if (ar.failed()) {
        emit(new StatusEvent(StatusCode.ERROR, intent.peerId, intent.host, intent.port, ErrorCode.PEER_UNAVAILABLE,
            "cannot connect: " + ar.cause().getMessage()));
        scheduleRetry(intent);
        return;
      }
      PeerConnection c = new PeerConnection(this, ar.result(), true, intent);
      intent.connection = c;
      connections.add(c);
      c.start();
    });
  }

  private void scheduleRetry(PeeringIntent intent) {
    if (intent.cancelled || closed || intent.timer >= 0) {
      return;
    }
    intent.timer = vertx.setTimer(options.getRetryInterval(), t -> context.runOnContext(v -> connect(intent)));
  }

  @Override
  public Future<Void> unpeer(String host, int port) {
    return onContext(p -> {
      PeeringIntent intent = intents.remove(PeeringIntent.key(host, port));
      if (intent == null) {
        p.fail("no peering was initiated with " + host + ":" + port);
        return null;
      }
      intent.cancelled = true;
      if (intent.timer >= 0) {
        vertx.cancelTimer(intent.timer);
      }
      intent.firstPeered.tryFail("unpeered");
      PeerConnection c = intent.peerId != null ? established.get(intent.peerId) : null;
      if (c == null) {
        c = intent.connection;
      }
      if (c == null || c.isClosed()) {
        p.complete();
      } else {
        PeerConnection leaving = c;
        leaving.leave(3000);
        closeWaiters.computeIfAbsent(leaving, k -> new ArrayList<>()).add(p);
      }
      return null;
    });
  }

  private final Map<PeerConnection, List<Promise<Void>>> closeWaiters = new HashMap<>();

  /** Decides whether a connection that just learned its peer's id is the one to keep. */
  boolean onPeerIdLearned(PeerConnection c) {
    if (c.intent() != null) {
      c.intent().peerId = c.peerId();
      if (established.containsKey(c.peerId())) {
        c.intent().firstPeered.tryComplete(); // already peered through a simultaneous connection
      }
    }
    for (PeerConnection other : new ArrayList<>(connections)) {
      if (other == c || other.isClosed() || !c.peerId().equals(other.peerId())) {
        continue;
      }
      if (other.outbound() == c.outbound() || !prefer(c)) {
        return false;
      }
      other.close(null, ErrorCode.REDUNDANT_CONNECTION, "redundant connection", true);
    }
    return true;
  }

  /** Of two connections to one peer, both sides keep the one opened by the endpoint with the smaller id. */
  private boolean prefer(PeerConnection c) {
    UUID connector = c.outbound() ? id : c.peerId();
    UUID other = c.outbound() ? c.peerId() : id;
    return Ids.less(connector, other);
  }

  /** The number of established Broker (version 1) peerings: most publications need not look for one. */
  private int brokerPeers;

  void onEstablished(PeerConnection c) {
    UUID peer = c.peerId();
    established.put(peer, c);
    if (c.version() == 1) {
      brokerPeers++;
    }
    for (PeeringIntent i : List.copyOf(intents.values())) { // completing runs callbacks that may (un)peer
      if (i == c.intent() || peer.equals(i.peerId)) {
        i.firstPeered.tryComplete(); // also an intent whose own connection lost to a simultaneous one
      }
    }
    if (reportedPeers.add(peer)) {
      if (c.version() == 1) {
        emit(new StatusEvent(StatusCode.ENDPOINT_DISCOVERED, peer, null, 0, ErrorCode.NONE,
            "found a new peer in the network"));
      }
      emit(new StatusEvent(StatusCode.PEER_ADDED, peer, c.host(), c.port(), ErrorCode.NONE, "handshake successful"));
    }
    updateSelfAd();
    if (c.version() == 2) {
      for (LinkStateAd ad : ads.values()) {
        c.writeControl(linkStateFrame(ad));
      }
    }
    invalidateRoutes();
  }

  void onClosed(PeerConnection c, boolean wasEstablished, StatusCode status, ErrorCode error, String why) {
    connections.remove(c);
    UUID peer = c.peerId();
    if (peer != null && established.get(peer) == c) {
      established.remove(peer);
      if (c.version() == 1) {
        brokerPeers--;
      }
      scheduleSelfAd();
      invalidateRoutes();
    }
    boolean otherConnection = peer != null && connections.stream().anyMatch(o -> peer.equals(o.peerId()));
    if (status == StatusCode.ERROR) {
      LOG.info("endpoint " + id + ": connection " + c + " failed: " + error.brokerName() + ": " + why);
      emit(new StatusEvent(StatusCode.ERROR, peer, c.host(), c.port(), error, why));
    }
    if (peer != null && !otherConnection && reportedPeers.remove(peer)) {
      StatusCode code = wasEstablished && status != null && status != StatusCode.ERROR ? status : StatusCode.PEER_LOST;
      emit(new StatusEvent(code, peer, c.host(), c.port(), error, why));
      if (c.version() == 1) {
        emit(new StatusEvent(StatusCode.ENDPOINT_UNREACHABLE, peer, null, 0, ErrorCode.NONE, "lost the last path"));
      }
    }
    PeeringIntent intent = c.intent();
    if (intent != null && intent.connection == c) {
      intent.connection = null;
    }
    if (intent != null && !intent.cancelled) {
      if (error == ErrorCode.PEER_INCOMPATIBLE || error == ErrorCode.INVALID_PEERING_REQUEST) {
        intent.firstPeered.tryFail(error.brokerName() + ": " + why);
      } else if (error == ErrorCode.REDUNDANT_CONNECTION && peer != null) {
        // refused because the peer's own connection won: the retries only watch that peering
        intent.peerId = peer;
        if (established.containsKey(peer)) {
          intent.firstPeered.tryComplete();
        }
      }
      scheduleRetry(intent);
    }
    List<Promise<Void>> waiters = closeWaiters.remove(c);
    if (waiters != null) {
      waiters.forEach(Promise::tryComplete);
    }
  }

  /** @return the filter to advertise to {@code c} in the handshake (and in Broker routing updates) */
  List<String> filterFor(PeerConnection c) {
    if (!options.isForwarding()) {
      return localFilter;
    }
    Set<String> all = new HashSet<>(localFilter);
    for (UUID r : reachable) {
      LinkStateAd ad = ads.get(r);
      if (ad != null && !r.equals(c.peerId())) {
        all.addAll(ad.filter());
      }
    }
    for (PeerConnection o : established.values()) {
      if (o != c && o.version() == 1) {
        all.addAll(o.peerFilter());
      }
    }
    return Topics.minimize(all);
  }

  // ---------------------------------------------------------------- link state

  private Buffer linkStateFrame(LinkStateAd ad) {
    byte[] payload = ad.encode();
    return Envelope.encodeV2(Envelope.LINK_STATE, 1, id, null, 0,
        Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8), payload, 0, payload.length).toBuffer();
  }

  private void scheduleSelfAd() {
    if (!selfAdScheduled) {
      selfAdScheduled = true;
      context.runOnContext(v -> {
        selfAdScheduled = false;
        updateSelfAd();
      });
    }
  }

  /** Re-originates this endpoint's advertisement when its peers or wanted topics changed, and floods it. */
  private void updateSelfAd() {
    List<UUID> neighbors = new ArrayList<>();
    Set<String> wanted = new HashSet<>(localFilter);
    for (PeerConnection c : established.values()) {
      if (c.version() == 2) {
        neighbors.add(c.peerId());
      } else {
        wanted.addAll(c.peerFilter());
      }
    }
    neighbors.sort(Ids.ORDER);
    List<String> filter = Topics.minimize(wanted);
    if (neighbors.equals(selfAd.neighbors()) && filter.equals(selfAd.filter())) {
      return;
    }
    selfAd = new LinkStateAd(id, selfAd.seq() + 1, options.isForwarding(), List.copyOf(neighbors), filter);
    ads.put(id, selfAd);
    flood(selfAd, null);
    scheduleGraphUpdate();
  }

  private void flood(LinkStateAd ad, PeerConnection except) {
    Buffer frame = null;
    for (PeerConnection c : establishedSnapshot()) {
      if (c != except && c.version() == 2) {
        if (frame == null) {
          frame = linkStateFrame(ad);
        }
        c.writeControl(frame);
      }
    }
  }

  private void onLinkState(PeerConnection from, Envelope e) {
    LinkStateAd ad = LinkStateAd.decode(e.array(), e.payloadFrom(), e.payloadTo());
    if (ad.origin().equals(id)) {
      if (ad.seq() > selfAd.seq()) {
        // an advertisement of an earlier incarnation of this id: supersede it
        selfAd = new LinkStateAd(id, ad.seq() + 1, selfAd.forwarding(), selfAd.neighbors(), selfAd.filter());
        ads.put(id, selfAd);
        flood(selfAd, null);
      }
      return;
    }
    LinkStateAd known = ads.get(ad.origin());
    if (known == null || ad.seq() > known.seq()) {
      ads.put(ad.origin(), ad);
      flood(ad, from);
      scheduleGraphUpdate();
    } else if (ad.seq() < known.seq()) {
      from.writeControl(linkStateFrame(known));
    }
  }

  private void scheduleGraphUpdate() {
    if (!graphUpdateScheduled) {
      graphUpdateScheduled = true;
      context.runOnContext(v -> {
        graphUpdateScheduled = false;
        updateGraph();
      });
    }
  }

  private void updateGraph() {
    graph = new NetworkGraph(ads.values());
    invalidateRoutes();
    Set<UUID> now = graph.reachable(id);
    for (UUID r : now) {
      unreachableSince.remove(r);
      if (!r.equals(id) && !reachable.contains(r)) {
        emit(new StatusEvent(StatusCode.ENDPOINT_DISCOVERED, r, null, 0, ErrorCode.NONE, "found a new peer in the network"));
      }
    }
    for (UUID r : reachable) {
      if (!now.contains(r)) {
        emit(new StatusEvent(StatusCode.ENDPOINT_UNREACHABLE, r, null, 0, ErrorCode.NONE, "lost the last path"));
      }
    }
    long t = System.nanoTime();
    for (UUID origin : ads.keySet()) {
      if (!now.contains(origin)) {
        unreachableSince.putIfAbsent(origin, t);
      }
    }
    reachable = now;
    for (PeerConnection c : establishedSnapshot()) {
      if (c.version() == 1) {
        sendRoutingUpdate(c);
      }
    }
  }

  private void sendRoutingUpdate(PeerConnection c) {
    List<String> filter = filterFor(c);
    byte[] payload = Handshake.filter(new ByteWriter(64), filter).toByteArray();
    c.writeControl(Envelope.encodeV1(Envelope.ROUTING_UPDATE, id, c.peerId(),
        Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8), payload, 0, payload.length).toBuffer());
  }

  private void invalidateRoutes() {
    routes.clear();
  }

  /**
   * @return the established connections as they are now: walk this, not the map, when a write may close a
   *     connection (overflow under the disconnect policy, a control backlog), which removes it from the map
   */
  private PeerConnection[] establishedSnapshot() {
    return established.values().toArray(new PeerConnection[0]);
  }

  /** Forgets advertisements of endpoints that have been unreachable for a while. */
  private void collectUnreachableAds() {
    long t = System.nanoTime();
    boolean removed = unreachableSince.entrySet().removeIf(e -> {
      if (t - e.getValue() > UNREACHABLE_AD_LIFETIME_NANOS) {
        ads.remove(e.getKey());
        dedup.remove(e.getKey());
        return true;
      }
      return false;
    });
    if (removed) {
      scheduleGraphUpdate();
    }
  }

  private UUID[] routeFor(UUID origin, String topic) {
    Map<String, UUID[]> byTopic = routes.computeIfAbsent(origin, k -> new HashMap<>());
    UUID[] r = byTopic.get(topic);
    if (r == null) {
      if (byTopic.size() > 10_000) {
        byTopic.clear();
      }
      r = graph.forwardTargets(origin, id, topic).toArray(new UUID[0]);
      byTopic.put(topic, r);
    }
    return r;
  }

  // ---------------------------------------------------------------- data

  @Override
  public void publish(String topic, Data data) {
    runOnContext(() -> publishOnContext(topic, data));
  }

  private void publishOnContext(String topic, Data data) {
    if (closed) {
      return;
    }
    if (options.isDeliverOwnMessages()) {
      deliverLocally(topic, data);
    }
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    if (topicBytes.length > 0xffff) {
      throw new IllegalArgumentException("topic longer than 65535 bytes");
    }
    long seq = ++msgSeq;
    Buffer v2Frame = null;
    for (UUID target : routeFor(id, topic)) {
      PeerConnection c = established.get(target);
      if (c == null) {
        continue;
      }
      if (v2Frame == null) {
        v2Frame = Envelope.encodeV2(Envelope.DATA, options.getTtl(), id, null, seq, topicBytes, data).toBuffer();
      }
      c.writeData(v2Frame);
    }
    if (brokerPeers > 0) {
      Buffer v1Frame = null;
      for (PeerConnection c : establishedSnapshot()) {
        if (c.version() == 1 && Topics.matches(c.peerFilter(), topic)) {
          if (v1Frame == null) {
            byte[] payload = encode(data);
            v1Frame = Envelope.encodeV1(Envelope.DATA, id, null, topicBytes, payload, 0, payload.length).toBuffer();
          }
          c.writeData(v1Frame);
        }
      }
    }
  }

  private static byte[] encode(Data data) {
    byte[] b = new byte[BinaryFormat.encodedSize(data)];
    BinaryFormat.encode(data, b, 0);
    return b;
  }

  void onEnvelope(PeerConnection from, Envelope e) {
    switch (e.type()) {
      case Envelope.DATA, Envelope.COMMAND -> {
        if (from.version() == 2) {
          onData(from, e);
        } else if (e.type() == Envelope.DATA) {
          onBrokerData(from, e);
        } else {
          LOG.debug("ignoring a Broker data-store command on " + e.topic());
        }
      }
      case Envelope.PING -> from.onPing(e);
      case Envelope.PONG -> from.onPong(e);
      case Envelope.LINK_STATE -> {
        if (from.version() != 2) {
          throw new MalformedFrameException("link-state message on a Broker (version 1) peering");
        }
        onLinkState(from, e);
      }
      case Envelope.ROUTING_UPDATE -> {
        if (from.version() == 1) {
          from.setPeerFilter(Topics.minimize(Handshake.readFilter(new ByteReader(e.array(), e.payloadFrom(), e.payloadTo()))));
          scheduleSelfAd();
          invalidateRoutes();
        }
      }
      default -> throw new MalformedFrameException("unknown envelope type " + e.type());
    }
  }

  private void onData(PeerConnection from, Envelope e) {
    UUID origin = e.origin();
    if (origin.equals(id) || !dedup.computeIfAbsent(origin, k -> new DedupWindow()).firstTime(e.seq())) {
      return;
    }
    if (e.receiver() == null || e.receiver().equals(id)) {
      if (e.type() == Envelope.COMMAND) {
        deliverCommand(e);
      } else {
        deliverLocally(e);
      }
    }
    if (e.ttl() <= 1 || !options.isForwarding() || (e.receiver() != null && e.receiver().equals(id))) {
      return;
    }
    Buffer forwarded = null;
    if (e.receiver() != null) {
      UUID hop = graph.nextHop(id, e.receiver());
      PeerConnection c = hop == null ? null : established.get(hop);
      if (c != null && c != from) {
        relay(c, e, reframe(e));
      }
      return;
    }
    for (UUID target : routeFor(origin, e.topic())) {
      PeerConnection c = established.get(target);
      if (c != null && c != from) {
        if (forwarded == null) {
          forwarded = reframe(e);
        }
        relay(c, e, forwarded);
      }
    }
    if (brokerPeers == 0) {
      return;
    }
    Buffer v1Frame = null;
    for (PeerConnection c : establishedSnapshot()) {
      if (c.version() == 1 && Topics.matches(c.peerFilter(), e.topic())) {
        if (v1Frame == null) {
          v1Frame = Envelope.encodeV1(Envelope.DATA, id, null, e.topic().getBytes(StandardCharsets.UTF_8), e.array(),
              e.payloadFrom(), e.payloadTo()).toBuffer();
        }
        c.writeData(v1Frame);
      }
    }
  }

  /**
   * Data-store commands are never dropped by a full peer buffer: the store channel bounds them itself
   * (a clone too far behind is dropped and re-attaches); published data obeys the overflow policy.
   */
  private static void relay(PeerConnection c, Envelope e, Buffer frame) {
    if (e.type() == Envelope.COMMAND) {
      c.writeControl(frame);
    } else {
      c.writeData(frame);
    }
  }

  /** The same message one hop further: a copy of the frame with the ttl counted down. */
  private static Buffer reframe(Envelope e) {
    return Envelope.encodeV2(e.type(), e.ttl() - 1, e.origin(), e.receiver(), e.seq(),
        e.topic().getBytes(StandardCharsets.UTF_8), e.array(), e.payloadFrom(), e.payloadTo()).toBuffer();
  }

  /** A data message from a Broker (version 1) peer: delivered here, and relayed as if published here. */
  private void onBrokerData(PeerConnection from, Envelope e) {
    if (e.receiver() != null && !e.receiver().equals(id)) {
      return;
    }
    Data data = deliverLocally(e);
    if (data == null || !options.isForwarding()) {
      return;
    }
    byte[] topicBytes = e.topic().getBytes(StandardCharsets.UTF_8);
    long seq = ++msgSeq;
    Buffer frame = null;
    for (UUID target : routeFor(id, e.topic())) {
      PeerConnection c = established.get(target);
      if (c != null) {
        if (frame == null) {
          frame = Envelope.encodeV2(Envelope.DATA, options.getTtl(), id, null, seq, topicBytes, e.array(),
              e.payloadFrom(), e.payloadTo()).toBuffer();
        }
        c.writeData(frame);
      }
    }
    for (PeerConnection c : establishedSnapshot()) {
      if (c != from && c.version() == 1 && Topics.matches(c.peerFilter(), e.topic())) {
        c.writeData(Envelope.encodeV1(Envelope.DATA, id, null, topicBytes, e.array(), e.payloadFrom(),
            e.payloadTo()).toBuffer());
      }
    }
  }

  /**
   * Decodes the payload and hands it to the matching local subscriptions.
   *
   * @return the value, or null when it did not decode (the message is dropped and logged)
   */
  private Data deliverLocally(Envelope e) {
    if (!wantedLocally(e.topic()) && (brokerPeers == 0 || !options.isForwarding())) {
      return null;
    }
    Data data;
    try {
      data = BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), LIMITS);
    } catch (DecodeException ex) {
      LOG.warn("endpoint " + id + ": dropping an undecodable message on " + e.topic() + ": " + ex.getMessage());
      return null;
    }
    deliverLocally(e.topic(), data);
    return data;
  }

  private boolean wantedLocally(String topic) {
    for (int i = 0; i < subscriptions.size(); i++) {
      if (subscriptions.get(i).wants(topic)) {
        return true;
      }
    }
    return false;
  }

  private void deliverLocally(String topic, Data data) {
    DataMessage m = null;
    for (SubscriptionImpl s : subscriptions) {
      if (s.wants(topic)) {
        if (m == null) {
          m = new DataMessage(topic, data);
        }
        s.push(m);
      }
    }
  }

  // ---------------------------------------------------------------- back-pressure

  private final List<Handler<Void>> drainHandlers = new ArrayList<>();
  private int congestedPeers;
  private volatile boolean congested;

  /** A peer's output buffer crossed half its capacity ({@code +1}) or fell back below it ({@code -1}). */
  void congestion(int delta) {
    congestedPeers += delta;
    congested = congestedPeers > 0;
    if (!congested && !drainHandlers.isEmpty()) {
      List<Handler<Void>> hs = new ArrayList<>(drainHandlers);
      drainHandlers.clear();
      hs.forEach(h -> h.handle(null));
    }
  }

  boolean isCongested() {
    return congested;
  }

  /** Runs {@code h} once no peer buffer is congested (at once when none is). */
  void whenDrained(Handler<Void> h) {
    runOnContext(() -> {
      if (congested) {
        drainHandlers.add(h);
      } else {
        h.handle(null);
      }
    });
  }

  @Override
  public WriteStream<Data> publisher(String topic) {
    return new PublisherImpl(this, topic);
  }

  // ---------------------------------------------------------------- data-store commands

  /** Receives the data-store commands sent to a topic this endpoint handles. */
  public interface CommandHandler {
    /** Handles {@code payload}, sent by the endpoint {@code sender}. */
    void handle(UUID sender, Data payload);
  }

  private final Map<String, CommandHandler> commandHandlers = new HashMap<>();

  /** Handles commands on {@code topic} (exactly), advertising it like a subscription. Call on the context. */
  public void registerCommandHandler(String topic, CommandHandler handler) {
    if (commandHandlers.put(topic, handler) == null) {
      localTopics.merge(topic, 1, Integer::sum);
      localFilterChanged();
    }
  }

  /** Stops handling commands on {@code topic}. Call on the context. */
  public void unregisterCommandHandler(String topic) {
    if (commandHandlers.remove(topic) != null) {
      localTopics.computeIfPresent(topic, (k, n) -> n == 1 ? null : n - 1);
      localFilterChanged();
    }
  }

  /**
   * Sees every data-store command before its handler does, and decides when (or whether) to pass it on:
   * the fault-injection point of the channel tests (drop, delay, reorder).
   */
  public interface CommandInterceptor {
    /** Called for each incoming command; run {@code deliver} to hand it over (now, later or never). */
    void intercept(String topic, Data payload, Runnable deliver);
  }

  private CommandInterceptor commandInterceptor;

  /** Installs (or with null removes) a {@link CommandInterceptor}. Call on the context. */
  public void commandInterceptor(CommandInterceptor interceptor) {
    this.commandInterceptor = interceptor;
  }

  private void deliverCommand(Envelope e) {
    CommandHandler h = commandHandlers.get(e.topic());
    if (h == null) {
      return;
    }
    Data payload;
    try {
      payload = BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), LIMITS);
    } catch (DecodeException ex) {
      LOG.warn("endpoint " + id + ": dropping an undecodable command on " + e.topic() + ": " + ex.getMessage());
      return;
    }
    UUID sender = e.origin();
    if (commandInterceptor != null) {
      String topic = e.topic();
      commandInterceptor.intercept(topic, payload, () -> {
        CommandHandler current = commandHandlers.get(topic);
        if (current != null) {
          current.handle(sender, payload);
        }
      });
    } else {
      h.handle(sender, payload);
    }
  }

  /**
   * Sends a data-store command on {@code topic}: to {@code receiver} along the shortest path, or, when the
   * receiver is null, to every endpoint handling the topic. Call on the context.
   */
  public void sendCommand(String topic, UUID receiver, Data payload) {
    if (closed) {
      return;
    }
    byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
    Buffer frame = Envelope.encodeV2(Envelope.COMMAND, options.getTtl(), id, receiver, ++msgSeq, topicBytes, payload)
        .toBuffer();
    if (receiver != null) {
      UUID hop = graph.nextHop(id, receiver);
      PeerConnection c = hop == null ? null : established.get(hop);
      if (c != null) {
        c.writeControl(frame);
      }
      return;
    }
    for (UUID target : routeFor(id, topic)) {
      PeerConnection c = established.get(target);
      if (c != null) {
        c.writeControl(frame);
      }
    }
  }

  /** @return whether an endpoint other than this one handles or subscribes to {@code topic}. Call on the context. */
  public boolean hasRemoteSubscriber(String topic) {
    return !graph.subscribersOf(id, topic).isEmpty();
  }

  // ---------------------------------------------------------------- data stores

  private final Map<String, Store> stores = new HashMap<>();

  @Override
  public Future<Store> attachMaster(String name, MasterOptions storeOptions) {
    MasterOptions o = new MasterOptions(storeOptions);
    return onContext(p -> {
      String masterTopic = name + "/<$>/data/master";
      if (closed) {
        p.fail(new StoreException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
      } else if (stores.containsKey(name) || hasRemoteSubscriber(masterTopic)) {
        p.fail(new StoreException(ErrorCode.MASTER_EXISTS, "a store named '" + name + "' already exists"));
      } else if (o.getBackend() == BackendType.SQLITE && (o.getPath() == null || o.getPath().isBlank())) {
        p.fail(new StoreException(ErrorCode.CANNOT_OPEN_FILE, "the sqlite backend needs a path"));
      } else {
        Backend backend = o.getBackend() == BackendType.SQLITE ? new SqliteBackend(vertx, o.getPath()) : new MemoryBackend();
        MasterStore m = new MasterStore(this, name, o, backend);
        stores.put(name, m);
        m.start().onComplete(ar -> {
          if (ar.succeeded()) {
            p.complete(m);
          } else {
            stores.remove(name);
            backend.close();
            p.fail(new StoreException(ErrorCode.BACKEND_FAILURE, ar.cause().getMessage()));
          }
        });
      }
      return null;
    });
  }

  @Override
  public Future<Store> attachClone(String name, CloneOptions storeOptions) {
    CloneOptions o = new CloneOptions(storeOptions);
    return onContext(p -> {
      if (closed) {
        p.fail(new StoreException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
      } else if (stores.containsKey(name)) {
        p.fail(new StoreException(stores.get(name).isMaster() ? ErrorCode.NO_SUCH_MASTER : ErrorCode.CONSUMER_EXISTS,
            "a store named '" + name + "' is already attached to this endpoint"));
      } else {
        CloneStore c = new CloneStore(this, name, o);
        stores.put(name, c);
        p.complete(c.start());
      }
      return null;
    });
  }

  /** Forgets a closed store. Call on the context. */
  public void storeClosed(String name) {
    stores.remove(name);
  }

  // ---------------------------------------------------------------- subscriptions

  @Override
  public Subscription subscribe(Collection<String> topics) {
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("subscribe to at least one topic prefix");
    }
    SubscriptionImpl s = new SubscriptionImpl(this, context, List.copyOf(topics), options.getSubscriberQueueSize(),
        options.getSubscriberOverflowPolicy());
    runOnContext(() -> {
      if (closed) {
        s.end();
        return;
      }
      subscriptions.add(s);
      for (String t : s.topics()) {
        localTopics.merge(t, 1, Integer::sum);
      }
      localFilterChanged();
    });
    return s;
  }

  void unsubscribe(SubscriptionImpl s) {
    if (!subscriptions.remove(s)) {
      return;
    }
    for (String t : s.topics()) {
      localTopics.computeIfPresent(t, (k, n) -> n == 1 ? null : n - 1);
    }
    localFilterChanged();
  }

  private void localFilterChanged() {
    List<String> f = Topics.minimize(localTopics.keySet());
    if (!f.equals(localFilter)) {
      localFilter = f;
      updateSelfAd();
    }
  }

  // ---------------------------------------------------------------- status, info, lifecycle

  private void emit(StatusEvent e) {
    for (BoundedStream<StatusEvent> s : List.copyOf(statusStreams)) { // a handler may open another stream
      s.push(e);
    }
  }

  @Override
  public ReadStream<StatusEvent> statuses() {
    BoundedStream<StatusEvent> s = new BoundedStream<>(context, 1024, OverflowPolicy.DROP_OLDEST);
    runOnContext(() -> {
      if (closed) {
        s.end();
      } else {
        statusStreams.add(s);
      }
    });
    return s;
  }

  @Override
  public Future<List<PeerInfo>> peers() {
    return onContext(p -> {
      p.complete(established.values().stream().map(PeerConnection::info).toList());
      return null;
    });
  }

  @Override
  public Future<Set<UUID>> subscribersOf(String topic) {
    return onContext(p -> {
      Set<UUID> out = graph.subscribersOf(id, topic);
      for (PeerConnection c : established.values()) {
        if (c.version() == 1 && Topics.matches(c.peerFilter(), topic)) {
          out.add(c.peerId());
        }
      }
      p.complete(out);
      return null;
    });
  }

  private void heartbeat() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    long timeout = TimeUnit.MILLISECONDS.toNanos(options.getHeartbeatTimeout());
    for (PeerConnection c : new ArrayList<>(established.values())) {
      if (now - c.lastReceived() > timeout) {
        c.close(StatusCode.PEER_LOST, ErrorCode.PEER_TIMEOUT, "no heartbeat for " + options.getHeartbeatTimeout() + " ms", false);
      } else {
        c.heartbeat();
      }
    }
    collectUnreachableAds();
  }

  @Override
  public Future<Void> close() {
    Promise<Void> done = Promise.promise();
    runOnContext(() -> {
      if (closing != null) {
        closing.onComplete(done);
        return;
      }
      closing = done.future();
      List<Future<Void>> storeCloses = new ArrayList<>();
      for (Store st : new ArrayList<>(stores.values())) {
        storeCloses.add(st.close());
      }
      closed = true;
      vertx.cancelTimer(heartbeatTimer);
      for (PeeringIntent i : List.copyOf(intents.values())) { // failing runs callbacks that may unpeer
        i.cancelled = true;
        if (i.timer >= 0) {
          vertx.cancelTimer(i.timer);
        }
        i.firstPeered.tryFail("endpoint closed");
      }
      intents.clear();
      List<Future<Void>> pending = new ArrayList<>();
      for (PeerConnection c : new ArrayList<>(connections)) {
        Promise<Void> p = Promise.promise();
        closeWaiters.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
        pending.add(p.future());
        c.leave(1000);
      }
      pending.addAll(storeCloses);
      Future.join(pending).eventually(() -> {
        List<Future<Void>> closes = new ArrayList<>();
        servers.forEach(s -> closes.add(s.close()));
        closes.add(client.close());
        return Future.join(closes);
      }).onComplete(ar -> runOnContext(() -> { // servers and clients complete their close on other threads
        for (SubscriptionImpl s : new ArrayList<>(subscriptions)) {
          s.end();
        }
        subscriptions.clear();
        statusStreams.forEach(BoundedStream::end);
        statusStreams.clear();
        done.complete();
      }));
    });
    return done.future();
  }

  @Override
  public String toString() {
    return "Endpoint[" + id + "]";
  }
}
