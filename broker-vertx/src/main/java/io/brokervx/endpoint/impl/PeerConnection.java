package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.impl.transport.PeerTransport;
import io.brokervx.endpoint.impl.transport.TransportException;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.EnvelopeReader;
import io.brokervx.endpoint.impl.wire.FrameReader;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * One TCP connection to a peer: reads frames, runs the {@link PeerHandshake}, then hands phase-3 messages
 * to its host; its {@link PingExchange} answers pings and says goodbye (BYE) on an orderly end; writes through its
 * {@link OutputQueue}. Runs entirely on the endpoint's context.
 */
final class PeerConnection implements PeerHandshake.Session, OutputQueue.Owner, RoutingLink {
  private static final byte[] CONTROL_TOPIC = Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8);
  private static final long CLOSE_GRACE_MS = 1000;

  private enum State { HANDSHAKE, ESTABLISHED, CLOSED }

  private final PeerHost host;
  private final PeerTransport socket;
  private boolean socketClosed;
  private final boolean outbound;
  private final PeeringIntent intent;
  private final String remoteHost;
  private final int remotePort;
  private final FrameReader reader;
  private final EnvelopeReader envelopes = new EnvelopeReader();
  private final OutputQueue output;
  private final PeerHandshake handshake = new PeerHandshake(this);
  private final PingExchange pings = new PingExchange(this);
  private State state = State.HANDSHAKE;
  private UUID peerId;
  private int version;
  private List<String> peerFilter = List.of();
  private Permissions permissions = Permissions.ALL;
  private long handshakeTimer = -1;
  private long lastReceived = System.nanoTime();
  private long framesReceived;
  private long dataReceived;
  private boolean flowPaused;

  PeerConnection(PeerHost host, PeerTransport socket, boolean outbound, PeeringIntent intent) {
    this.host = host;
    this.socket = socket;
    this.outbound = outbound;
    this.intent = intent;
    this.remoteHost = socket.remoteAddress().hostAddress();
    this.remotePort = socket.remoteAddress().port();
    this.reader = new FrameReader(host.options().getMaxFrameSize(), host.frameBudget(), this::onFrame);
    this.output = new OutputQueue(socket, host.context(), host.options().getPeerBufferSize(),
        host.options().getPeerBufferBytes(), 2L * host.options().getMaxFrameSize(), host.controlBudget(),
        host.options().getPeerOverflowPolicy(), this);
  }

  /** Starts reading and the handshake. */
  void start() {
    socket.handler(this::onData);
    socket.closeHandler(v -> {
      socketClosed = true;
      onSocketClosed();
    });
    socket.exceptionHandler(this::onSocketError);
    handshakeTimer = host.vertx().setTimer(host.options().getHandshakeTimeout().toMillis(),
        id -> close(StatusCode.ERROR, ErrorCode.PEER_TIMEOUT, "handshake timed out", true));
    handshake.start();
  }

  @Override
  public UUID peerId() {
    return peerId;
  }

  @Override
  public int version() {
    return version;
  }

  @Override
  public boolean outbound() {
    return outbound;
  }

  PeeringIntent intent() {
    return intent;
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  @Override
  public List<String> peerFilter() {
    return peerFilter;
  }

  void setPeerFilter(List<String> filter) {
    this.peerFilter = filter;
  }

  /** @return when the last whole frame arrived ({@link System#nanoTime()}) */
  long lastReceived() {
    return lastReceived;
  }

  /** @return since when the frame being received is unfinished ({@link System#nanoTime()}), or 0 */
  long partialFrameSince() {
    return reader.partialSince();
  }

  /** @return what this peer may do (set once its peering is up) */
  @Override
  public Permissions permissions() {
    return permissions;
  }

  void setPermissions(Permissions permissions) {
    this.permissions = permissions;
  }

  String host() {
    return remoteHost;
  }

  int port() {
    return remotePort;
  }

  PeerInfo info() {
    return new PeerInfo(peerId, remoteHost, remotePort, outbound, version, output.framesSent(), framesReceived,
        output.dataSent(), dataReceived, output.dropped(), output.queued(), output.maxQueuedRecently());
  }

  // ---------------------------------------------------------------- input

  private void onData(Buffer data) {
    readerResult(reader.feed(data));
  }

  private void readerResult(boolean going) {
    if (!going && state != State.CLOSED && reader.error() != null) {
      close(lostOrError(), ErrorCode.INVALID_MESSAGE, reader.error(), true);
    }
  }

  /**
   * Stops ({@code true}) or restarts reading this peer (the backpressure policy: a peer it could feed is
   * congested). Stopping takes effect after the frame being handled; restarting happens on a later turn of the
   * context, frames that waited first, unless the link was paused again meanwhile.
   */
  void setFlowPaused(boolean paused) {
    if (paused == flowPaused || state == State.CLOSED) {
      return;
    }
    flowPaused = paused;
    if (paused) {
      reader.suspend();
      socket.pause();
      return;
    }
    lastReceived = System.nanoTime(); // the silence was ours (a heartbeat check may come before the task below)
    host.context().runOnContext(v -> {
      if (!flowPaused && state != State.CLOSED && reader.isSuspended()) {
        lastReceived = System.nanoTime();
        socket.resume();
        readerResult(reader.resume());
      }
    });
  }

  /** @return whether reading this peer is paused by the backpressure policy (its silence is then ours) */
  boolean isFlowPaused() {
    return flowPaused;
  }

  /** @return since when this peer's data buffer has been at least half full ({@link System#nanoTime()}), or 0 */
  long congestedSince() {
    return output.congestedSince();
  }

  private StatusCode lostOrError() {
    return state == State.ESTABLISHED ? StatusCode.PEER_LOST : StatusCode.ERROR;
  }

  private boolean onFrame(byte[] a, int from, int to) {
    if (state == State.CLOSED) {
      return false;
    }
    framesReceived++;
    lastReceived = System.nanoTime(); // only whole frames count as signs of life
    try {
      if (state == State.ESTABLISHED) {
        if (lateRefusal(a, from, to)) {
          return false;
        }
        Envelope e = version == 1 ? envelopes.v1(a, from, to) : envelopes.v2(a, from, to);
        if (e.type() == Envelope.DATA) {
          dataReceived++;
        }
        host.received(this, e);
      } else {
        handshake.onFrame(a, from, to);
      }
    } catch (MalformedFrameException e) {
      close(lostOrError(), ErrorCode.INVALID_MESSAGE, "malformed frame: " + e.getMessage(), true);
    }
    return state != State.CLOSED;
  }

  /**
   * Of two simultaneous connections, the peer may refuse this one as redundant just after this side finished
   * its handshake: its drop_conn then arrives among the envelopes. It ends this connection quietly (the other
   * one carries the peering).
   *
   * @return whether the frame was such a refusal
   */
  private boolean lateRefusal(byte[] a, int from, int to) {
    if (a[from] != Handshake.DROP_CONN) {
      return false;
    }
    Handshake.Message m;
    try {
      m = Handshake.decode(a, from, to);
    } catch (MalformedFrameException e) {
      return false; // an envelope that happens to start with the same byte
    }
    if (!(m instanceof Handshake.DropConn d) || d.magic() != Handshake.MAGIC
        || d.code() != ErrorCode.REDUNDANT_CONNECTION.code()) {
      return false;
    }
    close(null, ErrorCode.REDUNDANT_CONNECTION, "peer refused: " + d.description(), false);
    return true;
  }

  private void onSocketClosed() {
    if (state == State.HANDSHAKE) {
      finish(StatusCode.ERROR, ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE, "connection closed during the handshake");
    } else if (state == State.ESTABLISHED && pings.leaving()) {
      finish(StatusCode.PEER_REMOVED, ErrorCode.NONE, "peering ended");
    } else if (state == State.ESTABLISHED) {
      finish(StatusCode.PEER_LOST, ErrorCode.NONE,
          reader.hasPartialFrame() ? "connection closed mid-frame" : "lost connection to remote peer");
    }
  }

  /**
   * A socket error (typically a reset) loses the peer, or fails the handshake when it was not over; a
   * transport's own verdict (a peer in the wrong TLS mode, a refused certificate) is passed on as it is.
   */
  private void onSocketError(Throwable t) {
    if (t instanceof TransportException e) {
      close(state == State.ESTABLISHED ? StatusCode.PEER_LOST : StatusCode.ERROR, e.error(), e.detail(), false);
      return;
    }
    String why = "socket error: " + t.getMessage() + (reader.hasPartialFrame() ? " (connection closed mid-frame)" : "");
    if (state == State.ESTABLISHED) {
      close(StatusCode.PEER_LOST, ErrorCode.PEER_UNAVAILABLE, why, false);
    } else {
      close(StatusCode.ERROR, ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE, why, false);
    }
  }

  /** @return the peer's identity: its certificate subject in certificate mode, else its address */
  String identity() {
    String subject = socket.peerIdentity();
    return subject != null ? subject : remoteHost;
  }

  /** @return the peer's certificate subject (certificate mode), or null */
  String subject() {
    return socket.peerIdentity();
  }

  boolean isEstablished() {
    return state == State.ESTABLISHED;
  }

  // ---------------------------------------------------------------- handshake session

  @Override
  public UUID localId() {
    return host.localId();
  }

  @Override
  public void send(Buffer frame) {
    output.writeControl(frame);
  }

  @Override
  public void fail(ErrorCode code, String why) {
    close(StatusCode.ERROR, code, why, true);
  }

  @Override
  public void refused(ErrorCode code, String why) {
    close(StatusCode.ERROR, code, why, false);
  }

  @Override
  public boolean learnPeer(UUID id) {
    if (id.equals(host.localId())) {
      fail(ErrorCode.INVALID_PEERING_REQUEST, "an endpoint cannot peer with itself");
      return false;
    }
    peerId = id;
    if (!host.acceptPeer(this)) {
      close(null, ErrorCode.REDUNDANT_CONNECTION, "redundant connection", true);
      return false;
    }
    return true;
  }

  @Override
  public void noteRedundantPeer(UUID id) {
    peerId = id;
  }

  @Override
  public List<String> filterToAdvertise() {
    return host.filterFor(this);
  }

  @Override
  public void established(int version, List<String> peerFilter) {
    this.version = version;
    this.peerFilter = peerFilter;
    state = State.ESTABLISHED;
    cancelHandshakeTimer();
    host.established(this);
  }

  private void cancelHandshakeTimer() {
    if (handshakeTimer >= 0) {
      host.vertx().cancelTimer(handshakeTimer);
      handshakeTimer = -1;
    }
  }

  // ---------------------------------------------------------------- control

  /** @return this peering's pings: heartbeats, answers and the orderly goodbye */
  PingExchange pings() {
    return pings;
  }

  /** Starts an orderly end: BYE ping, close on the echo or after {@code timeoutMs}. */
  void leave(long timeoutMs) {
    if (state != State.ESTABLISHED || !pings.sayGoodbye()) {
      close(StatusCode.PEER_REMOVED, ErrorCode.NONE, "peering ended", true);
      return;
    }
    host.vertx().setTimer(timeoutMs, id -> closeSocket());
  }

  Buffer controlFrame(int type, byte[] payload, int from, int to) {
    ByteWriter w = version == 1
        ? Envelope.encodeV1(type, host.localId(), peerId, CONTROL_TOPIC, payload, from, to)
        : Envelope.encodeV2(type, 1, host.localId(), peerId, 0, CONTROL_TOPIC, payload, from, to);
    return w.toBuffer();
  }

  /**
   * Closes the connection. {@code status} null means silently (a redundant connection); {@code tellPeer}
   * sends a drop_conn first while still in the handshake.
   */
  void close(StatusCode status, ErrorCode error, String why, boolean tellPeer) {
    if (state == State.CLOSED) {
      return;
    }
    if (tellPeer && state == State.HANDSHAKE) {
      writeControl(Handshake.encode(new Handshake.DropConn(Handshake.MAGIC, host.localId(), error.code(), why)));
    }
    output.flush();
    finish(status, error, why);
    closeSocket();
  }

  /**
   * Closes the transport gracefully; a peer that stopped reading would hold that up for ever, so the
   * transport is aborted if it is still open a second later.
   */
  void closeSocket() {
    socket.close();
    host.vertx().setTimer(CLOSE_GRACE_MS, id -> {
      if (!socketClosed) {
        socket.abort();
      }
    });
  }

  /** Sends what is queued, then closes gracefully. */
  void flushAndCloseSocket() {
    output.flush();
    closeSocket();
  }

  private void finish(StatusCode status, ErrorCode error, String why) {
    boolean wasEstablished = state == State.ESTABLISHED;
    state = State.CLOSED;
    cancelHandshakeTimer();
    output.close();
    reader.close();
    host.closed(this, wasEstablished, status, error, why);
  }

  // ---------------------------------------------------------------- output

  /** Queues a control frame (never dropped). */
  @Override
  public void writeControl(Buffer frame) {
    output.writeControl(frame);
  }

  /** Queues a data frame (subject to the overflow policy); ignored until the handshake is done. */
  void writeData(Buffer frame) {
    if (state == State.ESTABLISHED) {
      output.writeData(frame);
    }
  }

  @Override
  public void overflowed(String why) {
    close(StatusCode.PEER_LOST, ErrorCode.UNSPECIFIED, why, false);
  }

  @Override
  public void congested(boolean congested) {
    host.congestion(this, congested);
  }

  @Override
  public String toString() {
    return (outbound ? "->" : "<-") + remoteHost + ":" + remotePort + "/" + peerId;
  }
}
