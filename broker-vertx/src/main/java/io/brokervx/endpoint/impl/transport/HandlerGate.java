package io.brokervx.endpoint.impl.transport;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayDeque;

/**
 * Delivers a transport's events (data, a failure, the close) to its user's handlers in the order they
 * happened, holding each until its handler is set. Bytes can arrive with the last TLS handshake message
 * (Broker's acceptor sends its probe right behind its Finished) and a peer in the wrong mode is recognised on
 * its very first bytes, both possibly before the user has set its handlers.
 *
 * <p>While data is held the socket is paused, so what is held is bounded by what one socket read delivered
 * (Vert.x reads at most its receive buffer, 64 KiB by default, per read), plus one failure and the close.
 * Use on the socket's context only.
 */
final class HandlerGate {
  private static final Object CLOSE = new Object();

  private final NetSocket socket;
  private final Context context;
  private final ArrayDeque<Object> held = new ArrayDeque<>();
  private Handler<Buffer> dataHandler;
  private Handler<Throwable> exceptionHandler;
  private Handler<Void> closeHandler;
  private boolean paused;

  HandlerGate(NetSocket socket, Context context) {
    this.socket = socket;
    this.context = context;
  }

  /** Passes received data on, or holds it (pausing the socket) behind older events or until a handler is set. */
  void data(Buffer data) {
    if (held.isEmpty() && dataHandler != null) {
      dataHandler.handle(data);
    } else {
      held.add(data);
      if (!paused) {
        paused = true;
        socket.pause();
      }
    }
  }

  /** Passes a failure on, or holds it behind older events or until a handler is set. */
  void failure(Throwable failure) {
    if (held.isEmpty() && exceptionHandler != null) {
      exceptionHandler.handle(failure);
    } else {
      held.add(failure);
    }
  }

  /** Passes the close on, or holds it behind older events or until a handler is set. */
  void closed() {
    if (held.isEmpty() && closeHandler != null) {
      closeHandler.handle(null);
    } else {
      held.add(CLOSE);
    }
  }

  void dataHandler(Handler<Buffer> handler) {
    this.dataHandler = handler;
    releaseSoon();
  }

  void exceptionHandler(Handler<Throwable> handler) {
    this.exceptionHandler = handler;
    releaseSoon();
  }

  void closeHandler(Handler<Void> handler) {
    this.closeHandler = handler;
    releaseSoon();
  }

  /** Releases held events on the next turn of the context, so a handler never runs inside its own setter. */
  private void releaseSoon() {
    if (!held.isEmpty()) {
      context.runOnContext(v -> release());
    }
  }

  private void release() {
    while (!held.isEmpty()) {
      Object next = held.peek();
      if (next == CLOSE) {
        if (closeHandler == null) {
          return;
        }
        held.poll();
        closeHandler.handle(null);
      } else if (next instanceof Buffer data) {
        if (dataHandler == null) {
          return;
        }
        held.poll();
        dataHandler.handle(data);
      } else {
        if (exceptionHandler == null) {
          return;
        }
        held.poll();
        exceptionHandler.handle((Throwable) next);
      }
    }
    if (paused) {
      paused = false;
      socket.resume();
    }
  }
}
