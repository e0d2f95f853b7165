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
 * Flow control ({@link #pauseFlow()}) holds data the same way until {@link #resumeFlow()}.
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
  private boolean socketPaused;
  private boolean flowPaused;

  HandlerGate(NetSocket socket, Context context) {
    this.socket = socket;
    this.context = context;
  }

  /** Passes received data on, or holds it (pausing the socket) behind older events or until a handler is set. */
  void data(Buffer data) {
    if (held.isEmpty() && dataHandler != null && !flowPaused) {
      dataHandler.handle(data);
    } else {
      held.add(data);
      updateSocket();
    }
  }

  /** Stops passing data on (flow control): the socket pauses and what it still delivers is held. */
  void pauseFlow() {
    flowPaused = true;
    updateSocket();
  }

  /** Passes data on again, held data first (on a later turn of the context). */
  void resumeFlow() {
    flowPaused = false;
    if (held.isEmpty()) {
      updateSocket();
    } else {
      releaseSoon();
    }
  }

  /** Pauses the socket while data is held or the flow is paused, resumes it otherwise. */
  private void updateSocket() {
    boolean pause = flowPaused || !held.isEmpty();
    if (pause != socketPaused) {
      socketPaused = pause;
      if (pause) {
        socket.pause();
      } else {
        socket.resume();
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
        if (dataHandler == null || flowPaused) {
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
    updateSocket();
  }
}
