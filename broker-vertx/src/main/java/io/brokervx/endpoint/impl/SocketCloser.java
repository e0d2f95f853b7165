package io.brokervx.endpoint.impl;

import io.vertx.core.Vertx;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;

/**
 * Closes peer sockets. Vert.x closes a socket gracefully, after its pending writes, so a peer that stopped
 * reading would hold the close up for ever; a socket still open a while later is closed outright. Vert.x
 * 5.0 has no public per-socket abort, so this one class uses its integrator API ({@link NetSocketInternal})
 * to close the channel from Vert.x's own handler (a close through the whole pipeline would be turned back
 * into the graceful one).
 */
final class SocketCloser {
  private static final long GRACE_MS = 1000;

  private SocketCloser() {
  }

  static void close(Vertx vertx, NetSocket socket) {
    socket.close();
    vertx.setTimer(GRACE_MS, id -> {
      if (socket instanceof NetSocketInternal internal && internal.channelHandlerContext().channel().isOpen()) {
        internal.channelHandlerContext().close();
      }
    });
  }
}
