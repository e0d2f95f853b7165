package io.brokervx.data;

import java.util.Objects;

/**
 * A published message: a topic and the {@link Data} published on it.
 *
 * @param topic the topic, matched by raw string prefix
 * @param data the payload
 */
public record DataMessage(String topic, Data data) {
  /** @throws NullPointerException when the topic or the data is null */
  public DataMessage {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(data, "data");
  }
}
