package io.brokervx.endpoint.impl.transport;

import io.brokervx.endpoint.ErrorCode;

/** A transport failure with its typed reason and a message fit for a status event. */
public final class TransportException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final TransportFailure failure;

  /** Creates the exception; {@code cause} may be {@code null}. */
  public TransportException(TransportFailure failure, String message, Throwable cause) {
    super(message, cause, false, false);
    this.failure = failure;
  }

  /** Creates the exception without a cause. */
  public TransportException(TransportFailure failure, String message) {
    this(failure, message, null);
  }

  /** @return why the transport failed */
  public TransportFailure failure() {
    return failure;
  }

  /** @return the Broker error a status event for this failure carries */
  public ErrorCode errorCode() {
    return failure.errorCode();
  }
}
