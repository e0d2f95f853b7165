package io.brokervx.store;

import io.brokervx.endpoint.ErrorCode;

/**
 * A store operation that failed, with Broker's error ({@code no_such_key}, {@code type_clash},
 * {@code stale_data}, …). The message starts with Broker's error name.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode error;

  /** @param error Broker's error; @param detail what happened */
  public StoreException(ErrorCode error, String detail) {
    super(error.brokerName() + (detail == null || detail.isEmpty() ? "" : ": " + detail), null, false, false);
    this.error = error;
  }

  /** @return Broker's error */
  public ErrorCode error() {
    return error;
  }
}
