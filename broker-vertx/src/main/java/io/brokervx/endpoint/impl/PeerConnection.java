package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.ErrorCode;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.FrameReader;
import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;

/**
 * One TCP connection to a peer: Broker's handshake (either role), then phase-3 frames. Runs entirely on
 * the endpoint's context. Output is batched per event-loop turn; while the socket is saturated, frames wait
 * in a bounded queue whose overflow policy applies to data (control frames are never dropped).
 */
final class PeerConnection {
  /** Protocol versions this implementation speaks: 1 (Broker's) and 2 (broker-vertx routing). */
  static final int MIN_VERSION = 1;
  static final int MAX_VERSION = 2;

  private static final int MAX_BATCH = 64 * 1024;
  /** Control frames that may wait for a slow peer before it is disconnected. */
  static final int MAX_CONTROL_BACKLOG = 1 << 20;
  private static final byte[] CONTROL_TOPIC = Envelope.CONTROL_TOPIC.getBytes(StandardCharsets.UTF_8);
  private static final byte[] BYE = {'B', 'Y', 'E'};

  private enum State { HELLO_WAIT, VERSION_SELECT_WAIT, SYN_WAIT, SYN_ACK_WAIT, ACK_WAIT, ESTABLISHED, CLOSED }

  private final EndpointImpl endpoint;
  private final NetSocket socket;
  private final boolean outbound;
  private final PeeringIntent intent;
  private final String host;
  private final int port;
  private final FrameReader reader;
  private final ArrayDeque<Buffer> dataQueue = new ArrayDeque<>();
  private final ArrayDeque<Buffer> controlQueue = new ArrayDeque<>();
  private State state = State.HELLO_WAIT;
  private UUID peerId;
  private int version;
  private List<String> peerFilter = List.of();
  private Buffer batch;
  private boolean flushScheduled;
  private boolean draining;
  private long handshakeTimer = -1;
  private long lastReceived = System.nanoTime();
  private boolean remoteLeaving;
  private boolean localLeaving;
  private byte[] byeToken;
  private long framesSent;
  private long framesReceived;
  private long dataSent;
  private long dataReceived;
  private long dropped;
  private boolean congested;

  PeerConnection(EndpointImpl endpoint, NetSocket socket, boolean outbound, PeeringIntent intent) {
    this.endpoint = endpoint;
    this.socket = socket;
    this.outbound = outbound;
    this.intent = intent;
    this.host = socket.remoteAddress().hostAddress();
    this.port = socket.remoteAddress().port();
    this.reader = new FrameReader(endpoint.options().getMaxFrameSize(), this::onFrame);
  }

  /** Starts the handshake: the connector says hello, the acceptor sends a probe. */
  void start() {
    socket.handler(this::onData);
    socket.closeHandler(v -> onSocketClosed());
    socket.exceptionHandler(this::onSocketError);
    handshakeTimer = endpoint.vertx().setTimer(endpoint.options().getHandshakeTimeout(),
        id -> close(StatusCode.ERROR, ErrorCode.PEER_TIMEOUT, "handshake timed out", true));
    if (outbound) {
      writeControl(Handshake.encode(new Handshake.Hello(Handshake.MAGIC, endpoint.id(), MIN_VERSION, MAX_VERSION)));
    } else {
      writeControl(Handshake.encode(new Handshake.Probe(Handshake.MAGIC)));
    }
  }

  UUID peerId() {
    return peerId;
  }

  int version() {
    return version;
  }

  boolean outbound() {
    return outbound;
  }

  PeeringIntent intent() {
    return intent;
  }

  boolean isEstablished() {
    return state == State.ESTABLISHED;
  }

  boolean isClosed() {
    return state == State.CLOSED;
  }

  List<String> peerFilter() {
    return peerFilter;
  }

  void setPeerFilter(List<String> filter) {
    this.peerFilter = filter;
  }

  long lastReceived() {
    return lastReceived;
  }

  PeerInfo info() {
    return new PeerInfo(peerId, host, port, outbound, version, framesSent, framesReceived, dataSent, dataReceived,
        dropped);
  }

  String host() {
    return host;
  }

  int port() {
    return port;
  }

  // ---------------------------------------------------------------- input

  private void onData(Buffer data) {
    lastReceived = System.nanoTime();
    if (!reader.feed(data) && state != State.CLOSED && reader.error() != null) {
      boolean established = state == State.ESTABLISHED;
      close(established ? StatusCode.PEER_LOST : StatusCode.ERROR, ErrorCode.INVALID_MESSAGE, reader.error(), true);
    }
  }

  private boolean onFrame(byte[] a, int from, int to) {
    if (state == State.CLOSED) {
      return false;
    }
    framesReceived++;
    try {
      if (state == State.ESTABLISHED) {
        Envelope e = version == 1 ? Envelope.decodeV1(a, from, to) : Envelope.decodeV2(a, from, to);
        if (e.type() == Envelope.DATA) {
          dataReceived++;
        }
        endpoint.onEnvelope(this, e);
      } else {
        onHandshake(a, from, to);
      }
    } catch (MalformedFrameException e) {
      boolean established = state == State.ESTABLISHED;
      close(established ? StatusCode.PEER_LOST : StatusCode.ERROR, ErrorCode.INVALID_MESSAGE,
          "malformed frame: " + e.getMessage(), true);
    }
    return state != State.CLOSED;
  }

  private void onHandshake(byte[] a, int from, int to) {
    Handshake.Message m = Handshake.decode(a, from, to);
    if (m == null) {
      fail(ErrorCode.INVALID_MESSAGE, "invalid message type tag");
    } else if (m instanceof Handshake.DropConn d) {
      if (peerId == null && d.code() == ErrorCode.REDUNDANT_CONNECTION.code()) {
        peerId = d.sender(); // refused before its hello: the refusal names the endpoint we already reach
      }
      close(StatusCode.ERROR, ErrorCode.fromCode(d.code()), "peer refused: " + d.description(), false);
    } else if (m instanceof Handshake.Probe p) {
      if (p.magic() != Handshake.MAGIC) {
        fail(ErrorCode.WRONG_MAGIC_NUMBER, "wrong magic number");
      } else if (!outbound || state != State.HELLO_WAIT) {
        fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected probe");
      }
    } else if (m instanceof Handshake.Hello h) {
      onHello(h);
    } else if (m instanceof Handshake.VersionSelect v) {
      onVersionSelect(v);
    } else if (m instanceof Handshake.OriginatorSyn s) {
      if (state != State.SYN_WAIT) {
        fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected originator_syn");
        return;
      }
      peerFilter = List.copyOf(s.filter());
      writeControl(Handshake.encode(new Handshake.ResponderSynAck(endpoint.filterFor(this))));
      state = State.ACK_WAIT;
    } else if (m instanceof Handshake.ResponderSynAck s) {
      if (state != State.SYN_ACK_WAIT) {
        fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected responder_syn_ack");
        return;
      }
      peerFilter = List.copyOf(s.filter());
      writeControl(Handshake.encode(new Handshake.OriginatorAck()));
      established();
    } else if (m instanceof Handshake.OriginatorAck) {
      if (state != State.ACK_WAIT) {
        fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected originator_ack");
        return;
      }
      established();
    }
  }

  private void onHello(Handshake.Hello h) {
    if (h.magic() != Handshake.MAGIC) {
      fail(ErrorCode.WRONG_MAGIC_NUMBER, "wrong magic number");
      return;
    }
    if (state != State.HELLO_WAIT) {
      fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected hello");
      return;
    }
    int lo = Math.max(MIN_VERSION, h.minVersion());
    int hi = Math.min(MAX_VERSION, h.maxVersion());
    if (lo > hi) {
      fail(ErrorCode.PEER_INCOMPATIBLE, "unsupported versions offered");
      return;
    }
    if (!learnPeer(h.sender())) {
      return;
    }
    boolean selfOriginates = Ids.less(endpoint.id(), peerId);
    if (outbound && !selfOriginates) {
      fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "hello from an acceptor that should originate");
      return;
    }
    if (selfOriginates) {
      version = hi;
      writeControl(Handshake.encode(new Handshake.VersionSelect(Handshake.MAGIC, endpoint.id(), version)));
      writeControl(Handshake.encode(new Handshake.OriginatorSyn(endpoint.filterFor(this))));
      state = State.SYN_ACK_WAIT;
    } else {
      writeControl(Handshake.encode(new Handshake.Hello(Handshake.MAGIC, endpoint.id(), MIN_VERSION, MAX_VERSION)));
      state = State.VERSION_SELECT_WAIT;
    }
  }

  private void onVersionSelect(Handshake.VersionSelect v) {
    if (v.magic() != Handshake.MAGIC) {
      fail(ErrorCode.WRONG_MAGIC_NUMBER, "wrong magic number");
      return;
    }
    boolean expected = state == State.VERSION_SELECT_WAIT || (outbound && state == State.HELLO_WAIT);
    if (!expected) {
      fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected version_select");
      return;
    }
    if (v.version() < MIN_VERSION || v.version() > MAX_VERSION) {
      fail(ErrorCode.PEER_INCOMPATIBLE, "unsupported version selected");
      return;
    }
    if (state == State.HELLO_WAIT && !learnPeer(v.sender())) {
      return;
    }
    if (!v.sender().equals(peerId) || !Ids.less(peerId, endpoint.id())) {
      fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "version_select from an endpoint that must not originate");
      return;
    }
    version = v.version();
    state = State.SYN_WAIT;
  }

  private boolean learnPeer(UUID id) {
    if (id.equals(endpoint.id())) {
      fail(ErrorCode.INVALID_PEERING_REQUEST, "an endpoint cannot peer with itself");
      return false;
    }
    peerId = id;
    if (!endpoint.onPeerIdLearned(this)) {
      close(null, ErrorCode.REDUNDANT_CONNECTION, "redundant connection", true);
      return false;
    }
    return true;
  }

  private void established() {
    state = State.ESTABLISHED;
    cancelHandshakeTimer();
    endpoint.onEstablished(this);
  }

  private void cancelHandshakeTimer() {
    if (handshakeTimer >= 0) {
      endpoint.vertx().cancelTimer(handshakeTimer);
      handshakeTimer = -1;
    }
  }

  private void onSocketClosed() {
    if (state == State.CLOSED) {
      return;
    }
    if (state != State.ESTABLISHED) {
      finish(StatusCode.ERROR, ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE, "connection closed during the handshake");
    } else if (remoteLeaving || localLeaving) {
      finish(StatusCode.PEER_REMOVED, ErrorCode.NONE, "peering ended");
    } else {
      finish(StatusCode.PEER_LOST, ErrorCode.NONE,
          reader.hasPartialFrame() ? "connection closed mid-frame" : "lost connection to remote peer");
    }
  }

  /** A socket error (typically a reset) loses the peer, or fails the handshake when it was not over. */
  private void onSocketError(Throwable t) {
    String why = "socket error: " + t.getMessage()
        + (reader.hasPartialFrame() ? " (connection closed mid-frame)" : "");
    if (state == State.ESTABLISHED) {
      close(StatusCode.PEER_LOST, ErrorCode.PEER_UNAVAILABLE, why, false);
    } else {
      close(StatusCode.ERROR, ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE, why, false);
    }
  }

  // ---------------------------------------------------------------- control

  /** Answers a ping; a BYE ping means the peer is leaving. */
  void onPing(Envelope e) {
    if (e.payloadLength() >= 3 && e.array()[e.payloadFrom()] == 'B' && e.array()[e.payloadFrom() + 1] == 'Y'
        && e.array()[e.payloadFrom() + 2] == 'E') {
      remoteLeaving = true;
    }
    writeControl(controlFrame(Envelope.PONG, e.array(), e.payloadFrom(), e.payloadTo()));
    if (remoteLeaving) {
      flush();
      closeSocket();
    }
  }

  /** Notes a pong: the answer to our BYE ends the peering. */
  void onPong(Envelope e) {
    if (byeToken != null && e.payloadLength() == byeToken.length) {
      closeSocket();
    }
  }

  /** Sends a heartbeat ping. */
  void heartbeat() {
    byte[] stamp = new ByteWriter(8).u64(System.nanoTime()).toByteArray();
    writeControl(controlFrame(Envelope.PING, stamp, 0, 8));
  }

  /** Starts an orderly end: BYE ping, close on the echo or after {@code timeoutMs}. */
  void leave(long timeoutMs) {
    if (state != State.ESTABLISHED || localLeaving) {
      close(StatusCode.PEER_REMOVED, ErrorCode.NONE, "peering ended", true);
      return;
    }
    localLeaving = true;
    byeToken = new ByteWriter(11).bytes(BYE, 0, 3).u64(System.nanoTime()).toByteArray();
    writeControl(controlFrame(Envelope.PING, byeToken, 0, byeToken.length));
    endpoint.vertx().setTimer(timeoutMs, id -> closeSocket());
  }

  /**
   * Closes the socket; a peer that does not read keeps a graceful close from ever finishing, so the channel
   * is closed outright if it is still open a second later. Outright means from Vert.x's own handler context:
   * a close through the whole pipeline (such as {@code channel().close()}) reaches Vert.x's handler, which
   * turns it into the same graceful close that waits for the pending writes.
   */
  private void closeSocket() {
    socket.close();
    endpoint.vertx().setTimer(1000, id -> {
      if (socket instanceof NetSocketInternal internal && internal.channelHandlerContext().channel().isOpen()) {
        internal.channelHandlerContext().close();
      }
    });
  }

  private Buffer controlFrame(int type, byte[] payload, int from, int to) {
    ByteWriter w = version == 1
        ? Envelope.encodeV1(type, endpoint.id(), peerId, CONTROL_TOPIC, payload, from, to)
        : Envelope.encodeV2(type, 1, endpoint.id(), peerId, 0, CONTROL_TOPIC, payload, from, to);
    return w.toBuffer();
  }

  /** Refuses the peer with a drop_conn, then closes with an ERROR status. */
  private void fail(ErrorCode code, String why) {
    close(StatusCode.ERROR, code, why, true);
  }

  /**
   * Closes the connection. {@code status} null means silently (a redundant connection); {@code tellPeer}
   * sends a drop_conn first while still in the handshake.
   */
  void close(StatusCode status, ErrorCode error, String why, boolean tellPeer) {
    if (state == State.CLOSED) {
      return;
    }
    if (tellPeer && state != State.ESTABLISHED) {
      writeControl(Handshake.encode(new Handshake.DropConn(Handshake.MAGIC, endpoint.id(), error.code(), why)));
    }
    flush();
    finish(status, error, why);
    closeSocket();
  }

  private void finish(StatusCode status, ErrorCode error, String why) {
    boolean wasEstablished = state == State.ESTABLISHED;
    state = State.CLOSED;
    cancelHandshakeTimer();
    dataQueue.clear();
    controlQueue.clear();
    relieve();
    endpoint.onClosed(this, wasEstablished, status, error, why);
  }

  // ---------------------------------------------------------------- output

  /**
   * Queues a control frame: handshake, link state, heartbeats and data-store commands are never dropped.
   * A peer that lets more than {@link #MAX_CONTROL_BACKLOG} of them pile up is disconnected.
   */
  void writeControl(Buffer frame) {
    if (state == State.CLOSED) {
      return;
    }
    framesSent++;
    if (!controlQueue.isEmpty() || !dataQueue.isEmpty() || socket.writeQueueFull()) {
      if (controlQueue.size() >= MAX_CONTROL_BACKLOG) {
        close(StatusCode.PEER_LOST, ErrorCode.UNSPECIFIED, "control backlog overflow (" + MAX_CONTROL_BACKLOG
            + " frames)", false);
        return;
      }
      controlQueue.add(frame);
      awaitDrain();
    } else {
      append(frame);
    }
  }

  /** Queues a data frame, subject to the overflow policy. */
  void writeData(Buffer frame) {
    if (state != State.ESTABLISHED) {
      return;
    }
    if (dataQueue.isEmpty() && controlQueue.isEmpty() && !socket.writeQueueFull()) {
      framesSent++;
      dataSent++;
      append(frame);
      return;
    }
    if (dataQueue.size() >= endpoint.options().getPeerBufferSize()) {
      OverflowPolicy policy = endpoint.options().getPeerOverflowPolicy();
      dropped++;
      if (policy == OverflowPolicy.DROP_NEWEST) {
        return;
      }
      if (policy == OverflowPolicy.DISCONNECT) {
        close(StatusCode.PEER_LOST, ErrorCode.UNSPECIFIED, "backpressure overflow", false);
        return;
      }
      dataQueue.poll();
      framesSent--;
      dataSent--;
    }
    framesSent++;
    dataSent++;
    dataQueue.add(frame);
    if (!congested && dataQueue.size() > endpoint.options().getPeerBufferSize() / 2) {
      congested = true;
      endpoint.congestion(1);
    }
    awaitDrain();
  }

  private void relieve() {
    if (congested && dataQueue.size() <= endpoint.options().getPeerBufferSize() / 2) {
      congested = false;
      endpoint.congestion(-1);
    }
  }

  private void append(Buffer frame) {
    if (batch == null) {
      batch = Buffer.buffer(Math.max(256, frame.length()));
    }
    batch.appendBuffer(frame);
    if (batch.length() >= MAX_BATCH) {
      flush();
    } else if (!flushScheduled) {
      flushScheduled = true;
      endpoint.context().runOnContext(v -> {
        flushScheduled = false;
        flush();
      });
    }
  }

  /** Writes the pending batch to the socket. */
  void flush() {
    if (batch != null && batch.length() > 0) {
      Buffer b = batch;
      batch = null;
      socket.write(b);
      if (socket.writeQueueFull()) {
        awaitDrain();
      }
    }
  }

  private void awaitDrain() {
    if (draining) {
      return;
    }
    draining = true;
    if (socket.writeQueueFull()) {
      socket.drainHandler(v -> drainQueues());
    } else {
      endpoint.context().runOnContext(v -> drainQueues());
    }
  }

  private void drainQueues() {
    draining = false;
    if (state == State.CLOSED) {
      return;
    }
    while (!socket.writeQueueFull() && (!controlQueue.isEmpty() || !dataQueue.isEmpty())) {
      Buffer next = !controlQueue.isEmpty() ? controlQueue.poll() : dataQueue.poll();
      if (batch == null) {
        batch = Buffer.buffer(MAX_BATCH);
      }
      batch.appendBuffer(next);
      if (batch.length() >= MAX_BATCH) {
        flush();
      }
    }
    flush();
    relieve();
    if (!controlQueue.isEmpty() || !dataQueue.isEmpty()) {
      awaitDrain();
    }
  }

  @Override
  public String toString() {
    return (outbound ? "->" : "<-") + host + ":" + port + "/" + peerId;
  }
}
