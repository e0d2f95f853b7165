package io.brokervx.endpoint.impl.transport;

import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Locale;
import java.util.Optional;

/**
 * Classifies the failures Vert.x reports for certificate-mode connections (JSSE and Netty exceptions, from a
 * failed {@code NetClient.connect} or a {@code NetServer} exception handler) into {@link TransportException}s
 * with a message that says what to fix. JSSE reports causes only in its messages, so this reads them.
 */
final class HandshakeFailures {
  private HandshakeFailures() {
  }

  /** @return {@code failure} as a typed transport failure (itself when it already is one) */
  static TransportException classify(Throwable failure) {
    if (failure instanceof TransportException e) {
      return e;
    }
    Optional<TransportException> mismatch = ModeMismatchDetector.fromNotSslRecord(failure);
    if (mismatch.isPresent()) {
      return mismatch.get();
    }
    String text = messages(failure);
    if (text.contains("handshake timed out")) {
      return new TransportException(TransportFailure.HANDSHAKE_TIMEOUT, "TLS handshake timed out", failure);
    }
    if (text.contains("no cipher suites in common") || text.contains("alert: handshake_failure")) {
      return new TransportException(TransportFailure.TLS_MODES_DIFFER, "TLS handshake failed: no common cipher"
          + " suite; the peer is probably in anonymous mode (both ends need the same tls mode)", failure);
    }
    if (isCertificateProblem(text)) {
      return new TransportException(TransportFailure.CERTIFICATE_REJECTED,
          "TLS handshake failed: certificate rejected (" + firstMessage(failure) + ")", failure);
    }
    if (text.contains("terminated the handshake") || text.contains("connection reset")
        || has(failure, ClosedChannelException.class)) {
      return new TransportException(TransportFailure.CLOSED_DURING_HANDSHAKE,
          "connection closed during the TLS handshake", failure);
    }
    if (has(failure, ConnectException.class)) {
      return new TransportException(TransportFailure.CONNECTION_FAILED, firstMessage(failure), failure);
    }
    return new TransportException(TransportFailure.TLS_ERROR, "TLS failed: " + firstMessage(failure), failure);
  }

  private static boolean isCertificateProblem(String text) {
    return text.contains("pkix path") || text.contains("certification path") || text.contains("certificate_")
        || text.contains("bad_certificate") || text.contains("unknown_ca") || text.contains("certificate chain")
        || text.contains("subject alternative name") || text.contains("no name matching")
        || text.contains("certificate expired") || text.contains("certificate not yet valid");
  }

  private static String messages(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      sb.append(t.getMessage()).append('\n');
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  private static String firstMessage(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return t.getMessage();
      }
    }
    return failure.getClass().getSimpleName();
  }

  private static boolean has(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
