package io.brokervx.error;

import java.util.Objects;

/**
 * The failure of every broker-vertx future: a peering that failed, a store operation the master rejected, a
 * call on a closed endpoint. {@link #error()} is Broker's error code; the message starts with its name, so
 * a log line reads like Broker's ({@code no_such_key: "k"}).
 */
public class BrokerException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCode error;
  private final String detail;

  /**
   * @param error Broker's error
   * @param detail what happened, or null
   */
  public BrokerException(ErrorCode error, String detail) {
    this(error, detail, null);
  }

  /**
   * @param error Broker's error
   * @param detail what happened, or null
   * @param cause the underlying failure, or null
   */
  public BrokerException(ErrorCode error, String detail, Throwable cause) {
    super(Objects.requireNonNull(error).brokerName() + (detail == null || detail.isEmpty() ? "" : ": " + detail),
        cause, false, false);
    this.error = error;
    this.detail = detail == null ? "" : detail;
  }

  /** @return Broker's error */
  public ErrorCode error() {
    return error;
  }

  /** @return what happened, without the error's name (empty when nothing more was said) */
  public String detail() {
    return detail;
  }

  /** @return {@code t} when it is a BrokerException, else {@code t} wrapped with {@code fallback} */
  public static BrokerException wrap(Throwable t, ErrorCode fallback) {
    return t instanceof BrokerException b ? b : new BrokerException(fallback, t.getMessage(), t);
  }
}
