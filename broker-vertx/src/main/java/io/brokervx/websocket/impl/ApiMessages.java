package io.brokervx.websocket.impl;

import io.brokervx.error.ErrorCode;
import io.vertx.core.json.JsonObject;

/** The API's control messages, fields in the order Broker and Zeek write them, and the texts Zeek uses. */
final class ApiMessages {
  static final String INVALID_URI = "Invalid URI - use /v1/messages/json";
  static final String INVALID_APPLICATION_NAME = "Invalid X-Application-Name";
  static final String NOT_AN_ARRAY = "subscriptions not an array";
  static final String NOT_A_STRING = "individual subscription not a string";
  static final String BAD_OBJECT = "failed to decode JSON object";
  static final String NO_TOPIC = "no topic in top-level JSON object";
  static final String BINARY = "binary frames are not supported, send text frames";
  static final String DENIED = "not authorized to publish on this topic";
  /** Close code 1008: the client broke the API's rules. */
  static final short POLICY_VIOLATION = 1008;
  /** Close code 1001: the server goes away or the client stopped answering. */
  static final short GOING_AWAY = 1001;
  /** Close code 1003: a binary frame. */
  static final short UNSUPPORTED_DATA = 1003;

  private ApiMessages() {
  }

  static String ack(String endpoint, String version) {
    return new JsonObject().put("type", "ack").put("endpoint", endpoint).put("version", version).encode();
  }

  static String error(ErrorCode code, String context) {
    return error(code.brokerName(), context);
  }

  /** An error whose code is not one of Broker's (Zeek's {@code invalid_uri}, {@code invalid_application_name}). */
  static String error(String code, String context) {
    return new JsonObject().put("type", "error").put("code", code).put("context", context).encode();
  }
}
