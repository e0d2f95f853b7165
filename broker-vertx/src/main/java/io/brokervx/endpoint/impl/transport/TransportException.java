package io.brokervx.endpoint.impl.transport;

import io.brokervx.error.BrokerException;

/**
 * A transport failure with its typed reason; {@link #detail()} is a message fit for a status event, and
 * {@link #error()} the Broker error it carries.
 */
public final class TransportException extends BrokerException {
  private static final long serialVersionUID = 1L;

  private final TransportFailure failure;

  /** Creates the exception; {@code cause} may be {@code null}. */
  public TransportException(TransportFailure failure, String message, Throwable cause) {
    super(failure.errorCode(), message, cause);
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
}
