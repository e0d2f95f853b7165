package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.TlsMode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A transport that is the Vert.x socket itself: plain TCP, or certificate mode where Vert.x's TLS has already
 * verified the peer. In plain mode the first bytes are checked for a TLS peer, which fails the transport with
 * "peer speaks TLS; enable tls" instead of handing a TLS record to the frame reader; a dialed peer that closes
 * or resets before saying anything (what Broker's TLS acceptor does with a plaintext hello) is reported the
 * same way, with a hedge.
 */
final class SocketTransport extends GatedTransport {
  private final TlsMode mode;
  private final boolean dialed;
  private final String identity;
  private boolean received;
  private boolean mismatchReported;
  private boolean closedByUs;

  private SocketTransport(NetSocket socket, Context context, TlsMode mode, boolean dialed, String identity) {
    super(socket, context);
    this.mode = mode;
    this.dialed = dialed;
    this.identity = identity;
    socket.handler(this::onData);
    socket.exceptionHandler(this::onError);
    socket.closeHandler(v -> onClosed());
  }

  /**
   * @param dialed whether we connected (a plaintext Broker acceptor speaks first, so a dialed peer that closes
   *     without a word probably waits for a TLS ClientHello)
   * @return a plaintext transport over {@code socket}, whose handlers run on {@code context}
   */
  static SocketTransport plain(NetSocket socket, Context context, boolean dialed) {
    return new SocketTransport(socket, context, TlsMode.OFF, dialed, null);
  }

  /**
   * @return a certificate-mode transport over {@code socket}, whose TLS handshake (with the peer's certificate
   *     verified) Vert.x has completed
   * @throws TransportException when the peer presented no certificate
   */
  static SocketTransport certificate(NetSocket socket, Context context) {
    return new SocketTransport(socket, context, TlsMode.CERTIFICATE, false, subjectOf(socket));
  }

  private void onData(Buffer data) {
    if (!received && mode == TlsMode.OFF) {
      Optional<TransportException> mismatch = ModeMismatchDetector.onPlaintext(data);
      if (mismatch.isPresent()) {
        report(mismatch.get());
        abort();
        return;
      }
    }
    received = true;
    gate.data(data);
  }

  /**
   * Passes a socket error on; a TLS alert in certificate mode is classified, since with TLS 1.3 the connector
   * learns that the acceptor refused its certificate only after its own handshake has finished.
   */
  private void onError(Throwable t) {
    if (peerWentSilent()) {
      report(ModeMismatchDetector.silentPeer(t));
    } else {
      gate.failure(mode == TlsMode.CERTIFICATE && isTlsFailure(t) ? HandshakeFailures.classify(t) : t);
    }
  }

  private static boolean isTlsFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SSLException) {
        return true;
      }
    }
    return false;
  }

  private void onClosed() {
    if (peerWentSilent()) {
      report(ModeMismatchDetector.silentPeer(null));
    }
    gate.closed();
  }

  private boolean peerWentSilent() {
    return mode == TlsMode.OFF && dialed && !received && !mismatchReported && !closedByUs;
  }

  private void report(TransportException mismatch) {
    mismatchReported = true;
    gate.failure(mismatch);
  }

  private static String subjectOf(NetSocket socket) {
    try {
      List<Certificate> chain = socket.peerCertificates();
      if (chain != null && !chain.isEmpty() && chain.get(0) instanceof X509Certificate x509) {
        return x509.getSubjectX500Principal().getName();
      }
    } catch (SSLPeerUnverifiedException e) {
      throw new TransportException(TransportFailure.CERTIFICATE_REJECTED, "peer presented no certificate", e);
    }
    throw new TransportException(TransportFailure.CERTIFICATE_REJECTED, "peer presented no X.509 certificate");
  }

  @Override
  public Future<Void> write(Buffer data) {
    return socket.write(data);
  }

  @Override
  public Future<Void> close() {
    closedByUs = true;
    return socket.close();
  }

  @Override
  public void abort() {
    closedByUs = true;
    super.abort();
  }

  @Override
  public String peerIdentity() {
    return identity;
  }

  @Override
  public TlsMode mode() {
    return mode;
  }
}
