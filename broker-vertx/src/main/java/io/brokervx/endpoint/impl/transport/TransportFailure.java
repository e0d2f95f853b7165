package io.brokervx.endpoint.impl.transport;

import io.brokervx.error.ErrorCode;

/**
 * Why a transport could not be set up or broke, each with the Broker error a status event should carry. The
 * mismatch reasons are the ones a user fixes by configuration; the others are transient or hostile.
 */
public enum TransportFailure {
  /** We speak plain TCP, the peer TLS: "peer speaks TLS; enable tls". */
  PEER_SPEAKS_TLS(ErrorCode.PEER_INCOMPATIBLE),
  /** We speak TLS, the peer Broker's plaintext protocol: "peer speaks plaintext; disable tls". */
  PEER_SPEAKS_PLAINTEXT(ErrorCode.PEER_INCOMPATIBLE),
  /** We speak TLS, the peer sends bytes that are neither TLS nor Broker's protocol. */
  NOT_TLS(ErrorCode.PEER_INVALID),
  /** Both speak TLS but the modes differ (anonymous against certificate): no common cipher suite. */
  TLS_MODES_DIFFER(ErrorCode.PEER_INCOMPATIBLE),
  /** The peer's certificate is missing, expired or not signed by a trusted CA, or the peer refused ours. */
  CERTIFICATE_REJECTED(ErrorCode.PEER_INVALID),
  /** The TLS handshake or the TLS record layer failed for another reason (an alert, a malformed record). */
  TLS_ERROR(ErrorCode.PEER_INVALID),
  /** The TLS handshake did not finish in time. */
  HANDSHAKE_TIMEOUT(ErrorCode.PEER_TIMEOUT),
  /** The connection closed before the TLS handshake finished. */
  CLOSED_DURING_HANDSHAKE(ErrorCode.PEER_DISCONNECT_DURING_HANDSHAKE),
  /** The connection itself failed (refused, reset, unreachable). */
  CONNECTION_FAILED(ErrorCode.PEER_UNAVAILABLE);

  private final ErrorCode errorCode;

  TransportFailure(ErrorCode errorCode) {
    this.errorCode = errorCode;
  }

  /** @return the Broker error a status event for this failure carries */
  public ErrorCode errorCode() {
    return errorCode;
  }

  /** @return whether the failure comes from configuration (the same on every retry until someone fixes it) */
  public boolean isConfigurationMismatch() {
    return this == PEER_SPEAKS_TLS || this == PEER_SPEAKS_PLAINTEXT || this == TLS_MODES_DIFFER
        || this == CERTIFICATE_REJECTED;
  }
}
