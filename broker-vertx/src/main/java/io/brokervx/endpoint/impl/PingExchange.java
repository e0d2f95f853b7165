package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.impl.wire.ByteWriter;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.brokervx.endpoint.impl.wire.MalformedFrameException;

/**
 * The pings of one peering: heartbeat pings out, every ping answered with its pong, and the orderly
 * goodbye — a ping carrying {@code BYE} and a token, the peering ending when its pong returns (or at a
 * deadline), or when the peer's own BYE has been answered. A ping heavier than a token is a protocol error.
 */
final class PingExchange {
  /** The largest ping payload accepted: heartbeats and goodbyes carry a few bytes of token. */
  static final int MAX_PING_PAYLOAD = 64;
  private static final byte[] BYE = {'B', 'Y', 'E'};

  private final PeerConnection connection;
  private boolean remoteLeaving;
  private boolean localLeaving;
  private byte[] byeToken;

  PingExchange(PeerConnection connection) {
    this.connection = connection;
  }

  /** @return whether either side started the orderly goodbye */
  boolean leaving() {
    return remoteLeaving || localLeaving;
  }

  /** Answers a ping; after the peer's BYE is answered the connection closes. */
  void onPing(Envelope e) {
    if (e.payloadLength() > MAX_PING_PAYLOAD) {
      throw new MalformedFrameException("ping with a payload of " + e.payloadLength() + " bytes (at most "
          + MAX_PING_PAYLOAD + ")");
    }
    byte[] a = e.array();
    int at = e.payloadFrom();
    if (e.payloadLength() >= 3 && a[at] == 'B' && a[at + 1] == 'Y' && a[at + 2] == 'E') {
      remoteLeaving = true;
    }
    connection.writeControl(connection.controlFrame(Envelope.PONG, a, at, e.payloadTo()));
    if (remoteLeaving) {
      connection.flushAndCloseSocket();
    }
  }

  /** Notes a pong: the answer to our BYE ends the peering. */
  void onPong(Envelope e) {
    if (byeToken != null && e.payloadLength() == byeToken.length) {
      connection.closeSocket();
    }
  }

  /** Sends a heartbeat ping. */
  void heartbeat() {
    byte[] stamp = new ByteWriter(8).u64(System.nanoTime()).toByteArray();
    connection.writeControl(connection.controlFrame(Envelope.PING, stamp, 0, 8));
  }

  /**
   * Sends our BYE (once).
   *
   * @return false when we are leaving already
   */
  boolean sayGoodbye() {
    if (localLeaving) {
      return false;
    }
    localLeaving = true;
    byeToken = new ByteWriter(11).bytes(BYE, 0, 3).u64(System.nanoTime()).toByteArray();
    connection.writeControl(connection.controlFrame(Envelope.PING, byeToken, 0, byeToken.length));
    return true;
  }
}
