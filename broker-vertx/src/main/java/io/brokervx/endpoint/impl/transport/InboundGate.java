package io.brokervx.endpoint.impl.transport;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;

/**
 * Holds received plaintext until the transport's user has set a data handler, so that bytes which arrive with
 * the last handshake message (Broker's acceptor sends its probe right behind its TLS Finished) are not lost.
 * While anything is held the socket is paused, so what is held is bounded by what one socket read delivered
 * (Vert.x reads at most its receive buffer, 64 KiB by default, per read).
 */
final class InboundGate {
  private final NetSocket socket;
  private final Context context;
  private final ArrayDeque<Buffer> held = new ArrayDeque<>();
  private Handler<Buffer> handler;

  InboundGate(NetSocket socket, Context context) {
    this.socket = socket;
    this.context = context;
  }

  /** Passes {@code data} on, or holds it while there is no handler (or older data still waits). */
  void deliver(Buffer data) {
    if (handler != null && held.isEmpty()) {
      handler.handle(data);
    } else {
      held.add(data);
      socket.pause();
    }
  }

  /** Sets the handler; held data follows on the next turn of the context, then the socket resumes. */
  void handler(Handler<Buffer> handler) {
    this.handler = handler;
    if (handler != null && !held.isEmpty()) {
      context.runOnContext(v -> release());
    }
  }

  private void release() {
    while (handler != null && !held.isEmpty()) {
      handler.handle(held.poll());
    }
    if (held.isEmpty()) {
      socket.resume();
    }
  }
}
