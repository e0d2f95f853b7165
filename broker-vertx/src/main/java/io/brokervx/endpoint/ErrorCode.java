package io.brokervx.endpoint;

import java.util.Locale;

/**
 * Broker's error codes ({@code broker::ec}), with Broker's numbers and names. They travel in
 * {@code drop_conn} handshake messages, name the reason of a {@link StatusEvent}, and are the error names
 * data-store operations fail with.
 */
public enum ErrorCode {
  NONE, UNSPECIFIED, PEER_INCOMPATIBLE, PEER_INVALID, PEER_UNAVAILABLE, PEER_DISCONNECT_DURING_HANDSHAKE,
  PEER_TIMEOUT, MASTER_EXISTS, NO_SUCH_MASTER, NO_SUCH_KEY, REQUEST_TIMEOUT, TYPE_CLASH, INVALID_DATA,
  BACKEND_FAILURE, STALE_DATA, CANNOT_OPEN_FILE, CANNOT_WRITE_FILE, INVALID_TOPIC_KEY, END_OF_FILE, INVALID_TAG, INVALID_MESSAGE,
  INVALID_STATUS, CONVERSION_FAILED, CONSUMER_EXISTS, CONNECTION_TIMEOUT, BAD_MEMBER_FUNCTION_CALL,
  REPEATED_REQUEST_ID, BROKEN_CLONE, SHUTTING_DOWN, INVALID_PEERING_REQUEST, REPEATED_PEERING_HANDSHAKE_REQUEST,
  UNEXPECTED_HANDSHAKE_MESSAGE, INVALID_HANDSHAKE_STATE, NO_PATH_TO_PEER, NO_CONNECTOR_AVAILABLE,
  CANNOT_OPEN_RESOURCE, SERIALIZATION_FAILED, DESERIALIZATION_FAILED, WRONG_MAGIC_NUMBER, REDUNDANT_CONNECTION,
  LOGIC_ERROR, INVALID_JSON;

  private static final ErrorCode[] BY_CODE = values();

  /** @return Broker's number for this error (its position in {@code broker::ec}) */
  public int code() {
    return ordinal();
  }

  /** @return Broker's name for this error, e.g. {@code no_such_key} */
  public String brokerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the error with Broker number {@code code}, or {@link #UNSPECIFIED} when unknown */
  public static ErrorCode fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : UNSPECIFIED;
  }

  /** @return the error named {@code name} (Broker's snake_case), or {@code null} when unknown */
  public static ErrorCode fromBrokerName(String name) {
    for (ErrorCode e : BY_CODE) {
      if (e.brokerName().equals(name)) {
        return e;
      }
    }
    return null;
  }
}
