package io.brokervx.endpoint.impl.transport;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;

/**
 * What every transport over a Vert.x socket shares: the user's handlers behind a {@link HandlerGate}, the
 * socket's write queue and drain signal, the remote address, and the outright close.
 */
abstract class GatedTransport implements PeerTransport {
  /** The socket carrying the (possibly encrypted) bytes. */
  protected final NetSocket socket;
  /** Where subclasses deliver plaintext, failures and the close. */
  protected final HandlerGate gate;

  GatedTransport(NetSocket socket, Context context) {
    this.socket = socket;
    this.gate = new HandlerGate(socket, context);
  }

  @Override
  public PeerTransport handler(Handler<Buffer> handler) {
    gate.dataHandler(handler);
    return this;
  }

  @Override
  public void pause() {
    gate.pauseFlow();
  }

  @Override
  public void resume() {
    gate.resumeFlow();
  }

  @Override
  public PeerTransport closeHandler(Handler<Void> handler) {
    gate.closeHandler(handler);
    return this;
  }

  @Override
  public PeerTransport exceptionHandler(Handler<Throwable> handler) {
    gate.exceptionHandler(handler);
    return this;
  }

  @Override
  public boolean writeQueueFull() {
    return socket.writeQueueFull();
  }

  @Override
  public PeerTransport drainHandler(Handler<Void> handler) {
    socket.drainHandler(handler);
    return this;
  }

  /** Closes the channel outright, from Vert.x's own handler, so pending writes are dropped. */
  @Override
  public void abort() {
    if (socket instanceof NetSocketInternal internal) {
      internal.channelHandlerContext().close();
    } else {
      socket.close();
    }
  }

  @Override
  public SocketAddress remoteAddress() {
    return socket.remoteAddress();
  }
}
