package io.brokervx.verticle.impl;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.JsonFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.error.ErrorCode;
import io.brokervx.endpoint.Subscription;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.json.JsonObject;

/**
 * One mapping between a topic prefix and event-bus addresses, one address per direction so that the
 * bridge never competes with the application's own consumers. Direction {@code in} publishes what Broker
 * delivers under the prefix on {@code address} (every consumer gets each message: a JSON v1 data-message
 * object or, with format {@code data}, a {@link DataMessage}); {@code out} consumes
 * {@code address + ".out"} ({@link #OUT_SUFFIX}) and publishes on the topic what is sent there (a JSON v1
 * value or data-message, as an object or text, or a {@link Data} / {@link DataMessage}); {@code both} does
 * both.
 */
public final class Bridge {
  /** Appended to a bridge's address to form the address it consumes for the {@code out} direction. */
  public static final String OUT_SUFFIX = ".out";
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

  private final Endpoint endpoint;
  private final String topic;
  private final String address;
  private final String outAddress;
  private final boolean json;
  private Subscription subscription;
  private MessageConsumer<Object> consumer;

  /**
   * @param direction {@code in}, {@code out} or {@code both}
   * @param format {@code json} or {@code data}
   */
  public Bridge(Vertx vertx, Endpoint endpoint, String topic, String address, String direction, String format) {
    this.endpoint = endpoint;
    this.topic = topic;
    this.address = address;
    this.outAddress = address + OUT_SUFFIX;
    this.json = format.equals("json");
    if (direction.equals("in") || direction.equals("both")) {
      subscription = endpoint.subscribe(topic);
      subscription.handler(m -> vertx.eventBus().publish(address, json ? JsonFormat.encodeMessage(m) : m));
    }
    if (direction.equals("out") || direction.equals("both")) {
      consumer = vertx.eventBus().consumer(outAddress, this::fromEventBus);
    }
  }

  private void fromEventBus(Message<Object> msg) {
    try {
      DataMessage m = toMessage(msg.body());
      endpoint.publish(m);
      if (msg.replyAddress() != null) {
        msg.reply(null);
      }
    } catch (DecodeException | IllegalArgumentException e) {
      LOG.warn("bridge " + outAddress + " -> " + topic + ": rejected a message: " + e.getMessage());
      if (msg.replyAddress() != null) {
        msg.fail(ErrorCode.INVALID_DATA.code(), ErrorCode.INVALID_DATA.brokerName() + ": " + e.getMessage());
      }
    }
  }

  private DataMessage toMessage(Object body) {
    if (body instanceof DataMessage m) {
      return checked(m);
    }
    if (body instanceof Data d) {
      return new DataMessage(topic, d);
    }
    JsonObject o;
    if (body instanceof JsonObject j) {
      o = j;
    } else if (body instanceof String s) {
      Object parsed = JsonFormat.parse(s);
      if (!(parsed instanceof JsonObject j)) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      o = j;
    } else {
      throw new IllegalArgumentException("cannot publish a " + (body == null ? "null" : body.getClass().getSimpleName()));
    }
    return o.containsKey("topic") ? checked(JsonFormat.decodeMessage(o)) : new DataMessage(topic, JsonFormat.decode(o));
  }

  private DataMessage checked(DataMessage m) {
    if (!m.topic().startsWith(topic)) {
      throw new IllegalArgumentException("topic '" + m.topic() + "' is outside the bridged prefix '" + topic + "'");
    }
    return m;
  }

  /** Stops bridging. */
  public Future<Void> close() {
    Future<Void> a = subscription == null ? Future.succeededFuture() : subscription.close();
    Future<Void> b = consumer == null ? Future.succeededFuture() : consumer.unregister();
    return Future.join(a, b).mapEmpty();
  }

  @Override
  public String toString() {
    return "Bridge[" + topic + (subscription != null ? " -> " + address : "")
        + (consumer != null ? " <- " + outAddress : "") + (json ? ", json" : ", data") + "]";
  }
}
