package io.brokervx.error;

import java.util.Locale;

/**
 * Broker's error codes ({@code broker::ec}) with Broker's explicit numbers and names. The numbers travel in
 * {@code drop_conn} handshake messages and store answers, so each constant carries its number explicitly;
 * the declaration order means nothing.
 */
public enum ErrorCode {
  NONE(0), UNSPECIFIED(1), PEER_INCOMPATIBLE(2), PEER_INVALID(3), PEER_UNAVAILABLE(4),
  PEER_DISCONNECT_DURING_HANDSHAKE(5), PEER_TIMEOUT(6), MASTER_EXISTS(7), NO_SUCH_MASTER(8), NO_SUCH_KEY(9),
  REQUEST_TIMEOUT(10), TYPE_CLASH(11), INVALID_DATA(12), BACKEND_FAILURE(13), STALE_DATA(14), CANNOT_OPEN_FILE(15),
  CANNOT_WRITE_FILE(16), INVALID_TOPIC_KEY(17), END_OF_FILE(18), INVALID_TAG(19), INVALID_MESSAGE(20),
  INVALID_STATUS(21), CONVERSION_FAILED(22), CONSUMER_EXISTS(23), CONNECTION_TIMEOUT(24),
  BAD_MEMBER_FUNCTION_CALL(25), REPEATED_REQUEST_ID(26), BROKEN_CLONE(27), SHUTTING_DOWN(28),
  INVALID_PEERING_REQUEST(29), REPEATED_PEERING_HANDSHAKE_REQUEST(30), UNEXPECTED_HANDSHAKE_MESSAGE(31),
  INVALID_HANDSHAKE_STATE(32), NO_PATH_TO_PEER(33), NO_CONNECTOR_AVAILABLE(34), CANNOT_OPEN_RESOURCE(35),
  SERIALIZATION_FAILED(36), DESERIALIZATION_FAILED(37), WRONG_MAGIC_NUMBER(38), REDUNDANT_CONNECTION(39),
  LOGIC_ERROR(40), INVALID_JSON(41);

  private static final ErrorCode[] BY_CODE = new ErrorCode[42];

  static {
    for (ErrorCode e : values()) {
      if (BY_CODE[e.code] != null) {
        throw new ExceptionInInitializerError("two error codes numbered " + e.code);
      }
      BY_CODE[e.code] = e;
    }
  }

  private final int code;

  ErrorCode(int code) {
    this.code = code;
  }

  /** @return Broker's number for this error */
  public int code() {
    return code;
  }

  /** @return Broker's name for this error, e.g. {@code no_such_key} */
  public String brokerName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @return the error with Broker number {@code code}, or {@link #UNSPECIFIED} when unknown */
  public static ErrorCode fromCode(int code) {
    ErrorCode e = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    return e != null ? e : UNSPECIFIED;
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
