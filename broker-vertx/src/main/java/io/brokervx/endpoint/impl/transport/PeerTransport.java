package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.TlsMode;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;

/**
 * The byte stream under one peering, whatever secures it: what a peer connection reads, writes and closes.
 * It mirrors the part of {@code NetSocket} a peering uses; the buffers it delivers and takes are plaintext.
 * All methods must be called on the context of the underlying socket (the endpoint's context).
 *
 * <p>A transport is handed out once its security is established (a finished TLS handshake), so the first
 * buffer written is the first byte of the peering protocol. Failures arrive at the exception handler as
 * {@link TransportException}s when the transport can classify them, then the connection closes.
 */
public interface PeerTransport {
  /**
   * Sets the handler of received plaintext. Events that happen before their handler is set (data, a failure,
   * the close) are held and delivered in order once it is, on a later turn of the context.
   */
  PeerTransport handler(Handler<Buffer> handler);

  /** Stops delivering received data (flow control); the socket stops reading, so TCP slows the sender. */
  void pause();

  /** Delivers received data again after {@link #pause()}, what arrived meanwhile first. */
  void resume();

  /** Sets the handler called once when the connection has closed, for any reason. */
  PeerTransport closeHandler(Handler<Void> handler);

  /** Sets the handler of failures: I/O errors, TLS alerts, a peer in the wrong mode. */
  PeerTransport exceptionHandler(Handler<Throwable> handler);

  /** Writes plaintext; the future completes when the (encrypted) bytes were handed to the socket. */
  Future<Void> write(Buffer data);

  /** @return whether the socket's write queue is full: stop writing until the drain handler is called */
  boolean writeQueueFull();

  /** Sets the handler called when a full write queue has drained. */
  PeerTransport drainHandler(Handler<Void> handler);

  /** Closes gracefully: pending writes go out, then (in TLS) a close_notify, then the TCP close. */
  Future<Void> close();

  /** Closes at once, dropping pending writes: for a peer that stopped reading and so blocks a graceful close. */
  void abort();

  /** @return the remote address of the connection */
  SocketAddress remoteAddress();

  /** @return the peer's certificate subject (RFC 2253) in certificate mode, otherwise {@code null} */
  String peerIdentity();

  /** @return the mode securing this transport */
  TlsMode mode();

  /** @return whether the bytes on the wire are encrypted */
  default boolean isEncrypted() {
    return mode() != TlsMode.OFF;
  }
}
