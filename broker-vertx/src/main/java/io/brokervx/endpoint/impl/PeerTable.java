package io.brokervx.endpoint.impl;

import io.brokervx.config.Durations;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.ByteBudget;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.brokervx.endpoint.impl.transport.PeerTransport;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The endpoint's connections and established peerings. Decides which of two simultaneous connections to a
 * peer survives, reports peer_added / peer_lost / peer_removed, and tells the rest of the endpoint when a
 * link comes up or goes down. {@link #links()} is a snapshot array, so a loop over the links may close one.
 */
final class PeerTable implements PeerHost, RoutingLink.Set {
  private static final Logger LOG = LoggerFactory.getLogger(PeerTable.class);
  private static final PeerConnection[] NONE = new PeerConnection[0];

  /** Who wants to know about links and their messages. */
  interface Listener {
    void linkUp(PeerConnection c);

    void linkDown(PeerConnection c);

    void received(PeerConnection c, Envelope e);

    /** The filter to advertise to {@code c}. */
    List<String> filterFor(PeerConnection c);

    /** A peer's output buffer crossed half its capacity ({@code +1}) or fell back below it ({@code -1}). */
    void congestion(int delta);
  }

  private final Vertx vertx;
  private final Context context;
  private final EndpointOptions options;
  private final UUID localId;
  private final StatusBus status;
  private final Authorizer authorizer;
  private final ByteBudget frameBudget;
  private final ByteBudget controlBudget;
  private final Set<PeerConnection> connections = new LinkedHashSet<>();
  private final Map<UUID, PeerConnection> established = new HashMap<>();
  private final Set<UUID> reportedPeers = new HashSet<>();
  /** Connections that failed before they became peerings, by reason. */
  private final Map<ErrorCode, Long> handshakeFailures = new EnumMap<>(ErrorCode.class);
  /** Overflow discards of ended peerings, by peer (at most {@link LinkStateRouter#MAX_ENDPOINTS} peers). */
  private final Map<UUID, Long> pastOverflows = new HashMap<>();
  private PeerConnection[] links = NONE;
  /** The backpressure policy's flow control, or null under the other policies. */
  private final Backpressure backpressure;
  private Connector connector;
  private Listener listener;

  PeerTable(Vertx vertx, Context context, EndpointOptions options, UUID localId, StatusBus status) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.localId = localId;
    this.status = status;
    this.authorizer = new Authorizer(options.getAuthorization(), localId);
    this.frameBudget = new ByteBudget(options.getMaxPendingFrameBytes());
    this.controlBudget = new ByteBudget(options.getMaxControlBacklogBytes());
    this.backpressure = options.getPeerOverflowPolicy() == OverflowPolicy.BACKPRESSURE ? new Backpressure(this::links)
        : null;
  }

  /** @return the authorization rules' judge of peer identities */
  Authorizer authorizer() {
    return authorizer;
  }

  /** Wires the parts that the table reports to (once, at construction of the endpoint). */
  void wire(Connector connector, Listener listener) {
    this.connector = connector;
    this.listener = listener;
  }

  /** Starts a connection on {@code transport}. */
  PeerConnection open(PeerTransport transport, boolean outbound, PeeringIntent intent) {
    PeerConnection c = new PeerConnection(this, transport, outbound, intent);
    connections.add(c);
    c.start();
    return c;
  }

  /** @return the established peering with {@code peer}, or null */
  @Override
  public PeerConnection established(UUID peer) {
    return established.get(peer);
  }

  /** @return the established peerings (a snapshot: safe to iterate while peers come and go) */
  @Override
  public PeerConnection[] links() {
    return links;
  }

  /** @return every connection, established or still in its handshake (a copy) */
  List<PeerConnection> connections() {
    return new ArrayList<>(connections);
  }

  // ---------------------------------------------------------------- PeerHost

  @Override
  public UUID localId() {
    return localId;
  }

  @Override
  public Vertx vertx() {
    return vertx;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public EndpointOptions options() {
    return options;
  }

  @Override
  public ByteBudget frameBudget() {
    return frameBudget;
  }

  @Override
  public ByteBudget controlBudget() {
    return controlBudget;
  }

  /** @return how many connections from {@code host} are open, and how many accepted ones are in their handshake */
  int[] openFrom(String host) {
    int fromHost = 0;
    int handshaking = 0;
    for (PeerConnection c : connections) {
      fromHost += c.host().equals(host) ? 1 : 0;
      handshaking += !c.outbound() && c.version() == 0 ? 1 : 0;
    }
    return new int[] {fromHost, handshaking};
  }

  @Override
  public boolean acceptPeer(PeerConnection c) {
    connector.peerIdLearned(c);
    for (PeerConnection other : new ArrayList<>(connections)) {
      if (other == c || other.isClosed() || !c.peerId().equals(other.peerId())) {
        continue;
      }
      if (other.outbound() == c.outbound() || !preferred(c)) {
        return false;
      }
      other.close(null, ErrorCode.REDUNDANT_CONNECTION, "redundant connection", true);
    }
    return true;
  }

  /** Of two connections to one peer, both sides keep the one opened by the endpoint with the smaller id. */
  private boolean preferred(PeerConnection c) {
    UUID connector = c.outbound() ? localId : c.peerId();
    UUID acceptor = c.outbound() ? c.peerId() : localId;
    return Ids.less(connector, acceptor);
  }

  @Override
  public List<String> filterFor(PeerConnection c) {
    return listener.filterFor(c);
  }

  @Override
  public void established(PeerConnection c) {
    UUID peer = c.peerId();
    c.setPermissions(authorizer.forPeer(c.subject(), c.host()));
    established.put(peer, c);
    links = established.values().toArray(NONE);
    connector.established(c);
    if (reportedPeers.add(peer)) {
      status.emit(StatusCode.PEER_ADDED, peer, c.host(), c.port(), ErrorCode.NONE, "handshake successful");
    }
    listener.linkUp(c);
    if (backpressure != null) {
      backpressure.update();
    }
  }

  @Override
  public void received(PeerConnection c, Envelope e) {
    listener.received(c, e);
  }

  @Override
  public void closed(PeerConnection c, boolean wasEstablished, StatusCode code, ErrorCode error, String why) {
    connections.remove(c);
    UUID peer = c.peerId();
    if (peer != null && established.get(peer) == c) {
      established.remove(peer);
      links = established.values().toArray(NONE);
      listener.linkDown(c);
    }
    rememberOverflows(peer, c.info().dropped());
    if (code == StatusCode.ERROR) {
      handshakeFailed(error);
    }
    boolean news = connector.closed(c, wasEstablished, error, why);
    if (code == StatusCode.ERROR && news) {
      LOG.info("endpoint " + localId + ": connection " + c + " failed: " + error.brokerName() + ": " + why);
      status.emit(StatusCode.ERROR, peer, c.host(), c.port(), error, why);
    }
    boolean otherConnection = peer != null && connections.stream().anyMatch(o -> peer.equals(o.peerId()));
    if (peer == null || otherConnection || !reportedPeers.contains(peer)) {
      return;
    }
    if (wasEstablished && code == null && error == ErrorCode.REDUNDANT_CONNECTION) {
      // refused just after its handshake in favour of another connection, still in its own handshake:
      // the peering goes on there, unless that one does not come up in time
      vertx.setTimer(options.getHandshakeTimeout().toMillis(), t -> {
        if (established.get(peer) == null && reportedPeers.remove(peer)) {
          status.emit(StatusCode.PEER_LOST, peer, c.host(), c.port(), error, why);
        }
      });
      return;
    }
    reportedPeers.remove(peer);
    StatusCode lost = wasEstablished && code != null && code != StatusCode.ERROR ? code : StatusCode.PEER_LOST;
    status.emit(lost, peer, c.host(), c.port(), error, why);
  }

  private void rememberOverflows(UUID peer, long dropped) {
    if (peer != null && dropped > 0
        && (pastOverflows.size() < LinkStateRouter.MAX_ENDPOINTS || pastOverflows.containsKey(peer))) {
      pastOverflows.merge(peer, dropped, Long::sum);
    }
  }

  @Override
  public void congestion(PeerConnection c, boolean congested) {
    listener.congestion(congested ? 1 : -1);
    if (backpressure != null) {
      backpressure.congestion(c, congested);
    }
  }

  /** Counts a connection that failed before it became a peering (here, or in its transport: TLS). */
  void handshakeFailed(ErrorCode error) {
    handshakeFailures.merge(error, 1L, Long::sum);
  }

  /** @return connections that failed before they became peerings, by reason (do not modify) */
  Map<ErrorCode, Long> handshakeFailures() {
    return handshakeFailures;
  }

  /** @return the overflow discards of ended peerings, by peer (do not modify) */
  Map<UUID, Long> pastOverflows() {
    return pastOverflows;
  }

  /**
   * Sends a heartbeat on every peering; drops the ones silent (no whole frame) for longer than the heartbeat
   * timeout, and any connection whose current frame has been arriving for longer than the frame timeout. Under
   * the backpressure policy a peering this endpoint does not read (flow control) is never silent, and one whose
   * output buffer stays at least half full for longer than the heartbeat timeout is dropped: it stalls its upstream.
   */
  void heartbeat() {
    long now = System.nanoTime();
    long timeout = options.getHeartbeatTimeout().toNanos();
    long frameTimeout = options.getFrameTimeout().toNanos();
    for (PeerConnection c : new ArrayList<>(connections)) {
      long partial = c.partialFrameSince();
      if (partial != 0 && now - partial > frameTimeout) {
        c.close(c.isEstablished() ? StatusCode.PEER_LOST : StatusCode.ERROR, ErrorCode.PEER_TIMEOUT,
            "a frame did not arrive whole within " + Durations.format(options.getFrameTimeout()), false);
      }
    }
    for (PeerConnection c : links) {
      if (c.isClosed()) {
        continue;
      }
      long congestedSince = c.congestedSince();
      if (!c.isFlowPaused() && now - c.lastReceived() > timeout) {
        c.close(StatusCode.PEER_LOST, ErrorCode.PEER_TIMEOUT,
            "no heartbeat for " + Durations.format(options.getHeartbeatTimeout()), false);
      } else if (backpressure != null && congestedSince != 0 && now - congestedSince > timeout) {
        c.close(StatusCode.PEER_LOST, ErrorCode.PEER_TIMEOUT, "output buffer at least half full for "
            + Durations.format(options.getHeartbeatTimeout()) + ": the peer does not keep up (backpressure)", false);
      } else {
        c.pings().heartbeat();
      }
    }
  }
}
