package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.TlsOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;

/**
 * Makes the transports of one endpoint from its {@link TlsOptions}: the socket options for its listeners and
 * its client, and a {@link PeerTransport} for each accepted or dialed socket once that socket's security is
 * established. Usage on the endpoint's context:
 * <pre>{@code
 * NetServer server = vertx.createNetServer(factory.serverOptions(new NetServerOptions().setHost(h).setPort(p)));
 * server.exceptionHandler(t -> report(factory.classify(t)));            // certificate-mode handshake failures
 * server.connectHandler(s -> factory.accept(s).onSuccess(startHandshake).onFailure(t -> report(factory.classify(t))));
 * client.connect(port, host).compose(factory::dial).onSuccess(startHandshake).onFailure(t -> report(factory.classify(t)));
 * }</pre>
 */
public final class PeerTransportFactory {
  private final Vertx vertx;
  private final TlsMode mode;
  private final CertificateTls certificates;
  private final long handshakeTimeoutMs;

  private PeerTransportFactory(Vertx vertx, TlsMode mode, CertificateTls certificates, long handshakeTimeoutMs) {
    this.vertx = vertx;
    this.mode = mode;
    this.certificates = certificates;
    this.handshakeTimeoutMs = handshakeTimeoutMs;
  }

  /**
   * Creates a factory; in certificate mode it first reads the PEM files on a worker.
   *
   * @param handshakeTimeoutMs the time a TLS handshake may take (at least 1)
   * @return the factory, or a failure with an {@link IllegalArgumentException} naming the bad setting or file
   */
  public static Future<PeerTransportFactory> create(Vertx vertx, TlsOptions options, long handshakeTimeoutMs) {
    if (handshakeTimeoutMs < 1) {
      return Future.failedFuture(new IllegalArgumentException("handshake timeout must be at least 1 ms"));
    }
    TlsOptions copy = new TlsOptions(options);
    try {
      copy.validate();
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    TlsMode mode = copy.getMode();
    if (mode != TlsMode.CERTIFICATE) {
      return Future.succeededFuture(new PeerTransportFactory(vertx, mode, null, handshakeTimeoutMs));
    }
    return vertx.executeBlocking(() -> CertificateTls.load(copy), false)
        .map(certs -> new PeerTransportFactory(vertx, mode, certs, handshakeTimeoutMs));
  }

  /** @return the mode every transport of this factory uses */
  public TlsMode mode() {
    return mode;
  }

  /** @return a copy of {@code base} with what this mode needs (TLS settings in certificate mode) */
  public NetServerOptions serverOptions(NetServerOptions base) {
    NetServerOptions options = new NetServerOptions(base);
    return certificates == null ? options : certificates.apply(options, handshakeTimeoutMs);
  }

  /** @return a copy of {@code base} with what this mode needs (TLS settings in certificate mode) */
  public NetClientOptions clientOptions(NetClientOptions base) {
    NetClientOptions options = new NetClientOptions(base);
    return certificates == null ? options : certificates.apply(options, handshakeTimeoutMs);
  }

  /**
   * Secures a socket accepted by a server made with {@link #serverOptions}; call on the socket's context.
   *
   * @return the transport once its security is established, or a failed future with a
   *     {@link TransportException}; the socket is closed on failure
   */
  public Future<PeerTransport> accept(NetSocket socket) {
    return switch (mode) {
      case OFF -> Future.succeededFuture(SocketTransport.plain(socket, vertx.getOrCreateContext(), false));
      case ANONYMOUS -> AnonymousTlsTransport.accept(socket, vertx.getOrCreateContext(), handshakeTimeoutMs);
      case CERTIFICATE -> certified(socket);
    };
  }

  /**
   * Secures a socket connected by a client made with {@link #clientOptions}; call on the socket's context.
   *
   * @return the transport once its security is established, or a failed future with a
   *     {@link TransportException}; the socket is closed on failure
   */
  public Future<PeerTransport> dial(NetSocket socket) {
    return switch (mode) {
      case OFF -> Future.succeededFuture(SocketTransport.plain(socket, vertx.getOrCreateContext(), true));
      case ANONYMOUS -> AnonymousTlsTransport.dial(socket, vertx.getOrCreateContext(), handshakeTimeoutMs);
      case CERTIFICATE -> certified(socket);
    };
  }

  /**
   * Classifies a failure of this factory's connections: a failed {@code connect}, an exception from a
   * certificate-mode {@code NetServer}, or a failed {@link #accept}/{@link #dial}.
   *
   * @return the failure as a {@link TransportException} with a reason and a message for a status event
   */
  public TransportException classify(Throwable failure) {
    return HandshakeFailures.classify(failure);
  }

  private Future<PeerTransport> certified(NetSocket socket) {
    try {
      return Future.succeededFuture(SocketTransport.certificate(socket, vertx.getOrCreateContext()));
    } catch (TransportException e) {
      socket.close();
      return Future.failedFuture(e);
    }
  }
}
