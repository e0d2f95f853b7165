package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.wire.Handshake;
import io.brokervx.error.ErrorCode;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;

/**
 * Broker's peering handshake, either role, as a state machine: the connector says hello, the acceptor
 * probes; the endpoint with the smaller id originates (version_select + originator_syn), the other
 * answers (responder_syn_ack), and the originator's originator_ack ends it. Versions 1 (Broker's) and 2
 * (broker-vertx routing) are offered; the originator picks the highest both speak.
 */
final class PeerHandshake {
  /** Protocol versions this implementation speaks: 1 (Broker's) and 2 (broker-vertx routing). */
  static final int MIN_VERSION = 1;
  static final int MAX_VERSION = 2;

  /** The connection the handshake runs on. */
  interface Session {
    UUID localId();

    boolean outbound();

    /** Sends a handshake frame. */
    void send(Buffer frame);

    /** Refuses the peer with a drop_conn and closes. */
    void fail(ErrorCode code, String why);

    /** Closes because the peer refused us. */
    void refused(ErrorCode code, String why);

    /** Learns the peer's id; @return false when the connection must go (itself, or redundant) */
    boolean learnPeer(UUID id);

    /** Remembers the id named by a peer that refused us as redundant before its hello. */
    void noteRedundantPeer(UUID id);

    /** @return the topic filter to advertise to this peer */
    List<String> filterToAdvertise();

    /** The handshake succeeded. */
    void established(int version, List<String> peerFilter);
  }

  private enum State { HELLO_WAIT, VERSION_SELECT_WAIT, SYN_WAIT, SYN_ACK_WAIT, ACK_WAIT, DONE }

  private final Session session;
  private State state = State.HELLO_WAIT;
  private UUID peerId;
  private int version;
  private List<String> pendingFilter = List.of();

  PeerHandshake(Session session) {
    this.session = session;
  }

  /** Sends the opening message: hello from the connector, probe from the acceptor. */
  void start() {
    if (session.outbound()) {
      session.send(hello());
    } else {
      session.send(Handshake.encode(new Handshake.Probe(Handshake.MAGIC)));
    }
  }

  private Buffer hello() {
    return Handshake.encode(new Handshake.Hello(Handshake.MAGIC, session.localId(), MIN_VERSION, MAX_VERSION));
  }

  /** Handles one handshake frame. */
  void onFrame(byte[] a, int from, int to) {
    Handshake.Message m = Handshake.decode(a, from, to);
    if (m == null) {
      session.fail(ErrorCode.INVALID_MESSAGE, "invalid message type tag");
    } else if (m instanceof Handshake.DropConn d) {
      if (peerId == null && d.code() == ErrorCode.REDUNDANT_CONNECTION.code()) {
        session.noteRedundantPeer(d.sender()); // refused before its hello: names the endpoint we already reach
      }
      session.refused(ErrorCode.fromCode(d.code()), "peer refused: " + d.description());
    } else if (m instanceof Handshake.Probe p) {
      if (p.magic() != Handshake.MAGIC) {
        session.fail(ErrorCode.WRONG_MAGIC_NUMBER, "wrong magic number");
      } else if (!session.outbound() || state != State.HELLO_WAIT) {
        session.fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected probe");
      }
    } else if (m instanceof Handshake.Hello h) {
      onHello(h);
    } else if (m instanceof Handshake.VersionSelect v) {
      onVersionSelect(v);
    } else if (m instanceof Handshake.OriginatorSyn s) {
      if (expect(State.SYN_WAIT, "originator_syn")) {
        session.send(Handshake.encode(new Handshake.ResponderSynAck(session.filterToAdvertise())));
        state = State.ACK_WAIT;
        pendingFilter = List.copyOf(s.filter());
      }
    } else if (m instanceof Handshake.ResponderSynAck s) {
      if (expect(State.SYN_ACK_WAIT, "responder_syn_ack")) {
        session.send(Handshake.encode(new Handshake.OriginatorAck()));
        done(List.copyOf(s.filter()));
      }
    } else if (m instanceof Handshake.OriginatorAck) {
      if (expect(State.ACK_WAIT, "originator_ack")) {
        done(pendingFilter);
      }
    }
  }

  private boolean expect(State expected, String what) {
    if (state != expected) {
      session.fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected " + what);
      return false;
    }
    return true;
  }

  private void done(List<String> peerFilter) {
    state = State.DONE;
    session.established(version, peerFilter);
  }

  private void onHello(Handshake.Hello h) {
    if (h.magic() != Handshake.MAGIC) {
      session.fail(ErrorCode.WRONG_MAGIC_NUMBER, "wrong magic number");
      return;
    }
    if (!expect(State.HELLO_WAIT, "hello")) {
      return;
    }
    int lo = Math.max(MIN_VERSION, h.minVersion());
    int hi = Math.min(MAX_VERSION, h.maxVersion());
    if (lo > hi) {
      session.fail(ErrorCode.PEER_INCOMPATIBLE, "unsupported versions offered");
      return;
    }
    if (!learn(h.sender())) {
      return;
    }
    boolean selfOriginates = Ids.less(session.localId(), peerId);
    if (session.outbound() && !selfOriginates) {
      session.fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "hello from an acceptor that should originate");
    } else if (selfOriginates) {
      version = hi;
      session.send(Handshake.encode(new Handshake.VersionSelect(Handshake.MAGIC, session.localId(), version)));
      session.send(Handshake.encode(new Handshake.OriginatorSyn(session.filterToAdvertise())));
      state = State.SYN_ACK_WAIT;
    } else {
      session.send(hello());
      state = State.VERSION_SELECT_WAIT;
    }
  }

  private void onVersionSelect(Handshake.VersionSelect v) {
    if (v.magic() != Handshake.MAGIC) {
      session.fail(ErrorCode.WRONG_MAGIC_NUMBER, "wrong magic number");
      return;
    }
    boolean expected = state == State.VERSION_SELECT_WAIT || (session.outbound() && state == State.HELLO_WAIT);
    if (!expected) {
      session.fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "unexpected version_select");
      return;
    }
    if (v.version() < MIN_VERSION || v.version() > MAX_VERSION) {
      session.fail(ErrorCode.PEER_INCOMPATIBLE, "unsupported version selected");
      return;
    }
    if (state == State.HELLO_WAIT && !learn(v.sender())) {
      return;
    }
    if (!v.sender().equals(peerId) || !Ids.less(peerId, session.localId())) {
      session.fail(ErrorCode.UNEXPECTED_HANDSHAKE_MESSAGE, "version_select from an endpoint that must not originate");
      return;
    }
    version = v.version();
    state = State.SYN_WAIT;
  }

  private boolean learn(UUID id) {
    peerId = id;
    return session.learnPeer(id);
  }
}
