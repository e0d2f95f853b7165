package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.TlsMode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.NetSocket;
import java.io.IOException;
import java.util.Optional;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsProtocol;

/**
 * Broker's anonymous TLS over a Vert.x socket: a Bouncy Castle engine in non-blocking mode, fed with the
 * socket's bytes and drained into it on the socket's context.
 *
 * <p>Buffers, all bounded: the engine keeps at most one incomplete TLS record of input (it refuses records
 * over 16 KiB + 2 KiB with {@code record_overflow}); decrypted input and encrypted output are drained into a
 * new buffer after every call, so they never hold more than one socket read or one {@link #write}; the
 * socket's own write queue (and {@link #writeQueueFull()}) bounds what waits for the network.
 *
 * <p>The first bytes from the peer are checked before the engine sees them: Broker's plaintext frame fails
 * the handshake with "peer speaks plaintext; disable tls" rather than a TLS decoding error.
 */
final class AnonymousTlsTransport extends GatedTransport {
  private final Promise<PeerTransport> established = Promise.promise();
  private final long handshakeTimer;
  private final Context context;
  private TlsProtocol engine;
  private boolean handshakeDone;
  private boolean firstBytesSeen;
  private boolean closed;

  private AnonymousTlsTransport(NetSocket socket, Context context, long handshakeTimeoutMs) {
    super(socket, context);
    this.context = context;
    socket.handler(this::onData);
    socket.closeHandler(v -> onSocketClosed());
    socket.exceptionHandler(this::onSocketError);
    handshakeTimer = context.owner().setTimer(handshakeTimeoutMs, id -> context.runOnContext(v -> fail(
        new TransportException(TransportFailure.HANDSHAKE_TIMEOUT,
            "TLS handshake not finished after " + handshakeTimeoutMs + " ms"))));
  }

  /**
   * Starts the connector's side of the handshake on {@code socket}; call on the socket's context.
   *
   * @return a future completed with the transport once TLS is up, or failed with a {@link TransportException}
   */
  static Future<PeerTransport> dial(NetSocket socket, Context context, long handshakeTimeoutMs) {
    AnonymousTlsTransport t = new AnonymousTlsTransport(socket, context, handshakeTimeoutMs);
    try {
      t.engine = AnonymousTls.startClient(t::onHandshakeComplete);
      t.flushOutput();
    } catch (IOException e) {
      t.fail(t.classify(e));
    }
    return t.established.future();
  }

  /**
   * Starts the acceptor's side of the handshake on {@code socket}; call on the socket's context.
   *
   * @return a future completed with the transport once TLS is up, or failed with a {@link TransportException}
   */
  static Future<PeerTransport> accept(NetSocket socket, Context context, long handshakeTimeoutMs) {
    AnonymousTlsTransport t = new AnonymousTlsTransport(socket, context, handshakeTimeoutMs);
    try {
      t.engine = AnonymousTls.startServer(t::onHandshakeComplete);
    } catch (IOException e) {
      t.fail(t.classify(e));
    }
    return t.established.future();
  }

  private void onHandshakeComplete() {
    handshakeDone = true;
  }

  private void onData(Buffer data) {
    if (closed) {
      return;
    }
    if (!firstBytesSeen) {
      firstBytesSeen = true;
      Optional<TransportException> mismatch = ModeMismatchDetector.onTls(data);
      if (mismatch.isPresent()) {
        fail(mismatch.get());
        return;
      }
    }
    try {
      ByteBuf in = ((BufferInternal) data).getByteBuf();
      if (in.hasArray()) {
        engine.offerInput(in.array(), in.arrayOffset() + in.readerIndex(), in.readableBytes());
      } else {
        engine.offerInput(data.getBytes());
      }
      flushOutput();
      if (handshakeDone && !established.future().isComplete()) {
        context.owner().cancelTimer(handshakeTimer);
        established.complete(this);
      }
      drainInput();
      if (engine.isClosed() && !closed) {
        closed = true;
        socket.close();
      }
    } catch (IOException e) {
      fail(classify(e));
    }
  }

  private void drainInput() {
    int n;
    while (!closed && (n = engine.getAvailableInputBytes()) > 0) {
      byte[] plain = new byte[n];
      engine.readInput(plain, 0, n);
      gate.data(wrap(plain));
    }
  }

  private Future<Void> flushOutput() {
    int n = engine.getAvailableOutputBytes();
    if (n == 0) {
      return Future.succeededFuture();
    }
    byte[] wire = new byte[n];
    engine.readOutput(wire, 0, n);
    return socket.write(wrap(wire));
  }

  /** @return {@code bytes} as a buffer without copying them ({@code Buffer.buffer(byte[])} copies) */
  private static Buffer wrap(byte[] bytes) {
    return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes));
  }

  private void onSocketClosed() {
    closed = true;
    context.owner().cancelTimer(handshakeTimer);
    if (!established.tryFail(new TransportException(TransportFailure.CLOSED_DURING_HANDSHAKE,
        "connection closed during the TLS handshake"))) {
      gate.closed();
    }
  }

  private void onSocketError(Throwable t) {
    if (established.future().isComplete()) {
      gate.failure(t);
    } else {
      fail(new TransportException(TransportFailure.CONNECTION_FAILED,
          "connection failed during the TLS handshake: " + t.getMessage(), t));
    }
  }

  /** Ends the connection for {@code e}: the alert (if any) goes out, then the socket closes. */
  private void fail(TransportException e) {
    if (closed) {
      return;
    }
    closed = true;
    context.owner().cancelTimer(handshakeTimer);
    if (engine != null) {
      flushOutput();
    }
    if (!established.tryFail(e)) {
      gate.failure(e);
    }
    socket.close();
  }

  /** Turns an engine failure into a typed one; a refused cipher suite means the peer is in another mode. */
  private TransportException classify(IOException e) {
    String during = handshakeDone ? "TLS failed: " : "TLS handshake failed: ";
    if (e instanceof TlsFatalAlertReceived received) {
      short alert = received.getAlertDescription();
      return alert == AlertDescription.handshake_failure && !handshakeDone
          ? modesDiffer("peer sent alert handshake_failure", e)
          : new TransportException(TransportFailure.TLS_ERROR,
              during + "peer sent alert " + AnonymousTls.alertName(alert), e);
    }
    if (e instanceof TlsFatalAlert raised) {
      short alert = raised.getAlertDescription();
      return alert == AlertDescription.handshake_failure && !handshakeDone
          ? modesDiffer("peer offered no anonymous cipher suite", e)
          : new TransportException(TransportFailure.TLS_ERROR, during + AnonymousTls.alertName(alert)
              + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
    }
    return new TransportException(TransportFailure.TLS_ERROR, during + e.getMessage(), e);
  }

  private static TransportException modesDiffer(String what, IOException cause) {
    return new TransportException(TransportFailure.TLS_MODES_DIFFER, "TLS handshake failed: " + what
        + "; the peer is probably in certificate mode (both ends need the same tls mode)", cause);
  }

  @Override
  public Future<Void> write(Buffer data) {
    if (closed || engine.isClosed()) {
      // we closed, or the peer did (its close_notify arrived; the close handler follows): nothing to report
      return Future.failedFuture(new TransportException(TransportFailure.TLS_ERROR, "connection is closed"));
    }
    try {
      ByteBuf out = ((BufferInternal) data).getByteBuf();
      if (out.hasArray()) {
        engine.writeApplicationData(out.array(), out.arrayOffset() + out.readerIndex(), out.readableBytes());
      } else {
        engine.writeApplicationData(data.getBytes(), 0, data.length());
      }
    } catch (IOException e) {
      TransportException failure = classify(e);
      fail(failure);
      return Future.failedFuture(failure);
    }
    return flushOutput();
  }

  /** Sends a close_notify behind the pending writes, then closes the socket. */
  @Override
  public Future<Void> close() {
    if (!closed) {
      closed = true;
      try {
        engine.close();
        flushOutput();
      } catch (IOException e) {
        // the engine had already failed and sent its alert; closing the socket is all that is left to do
      }
    }
    return socket.close();
  }

  @Override
  public void abort() {
    closed = true;
    super.abort();
  }

  @Override
  public String peerIdentity() {
    return null;
  }

  @Override
  public TlsMode mode() {
    return TlsMode.ANONYMOUS;
  }
}
