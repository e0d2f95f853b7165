package io.brokervx.verticle.impl;

import io.brokervx.codec.BinaryFormat;
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
 *
 * <p>Conversion to and from JSON is capped at {@code maxJsonBytes} (the binary size of a delivered message,
 * the length of a JSON text sent to the bridge): a larger delivered message is dropped and counted (one
 * warning per {@value #WARN_EVERY_MS} ms at most), a larger text is refused with an {@code invalid_data}
 * reply. Conversions of more than {@value #INLINE_BYTES} bytes run on a worker thread, in order, so that a
 * large message never holds the event loop; at most four times the cap waits for conversion per direction,
 * beyond that messages are dropped (inbound) or refused (outbound) the same way.
 */
public final class Bridge {
  /** Appended to a bridge's address to form the address it consumes for the {@code out} direction. */
  public static final String OUT_SUFFIX = ".out";
  /** The default for {@code maxJsonBytes}. */
  public static final int DEFAULT_MAX_JSON_BYTES = 1 << 20;
  /** Conversions above this many bytes run off the event loop. */
  static final int INLINE_BYTES = 64 * 1024;
  static final long WARN_EVERY_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

  private final Endpoint endpoint;
  private final String topic;
  private final String address;
  private final String outAddress;
  private final boolean json;
  private final int maxJsonBytes;
  private final OrderedConversions inbound;
  private final OrderedConversions outbound;
  private long dropped;
  private long droppedAtLastWarning;
  private long lastWarning = Long.MIN_VALUE;
  private Subscription subscription;
  private MessageConsumer<Object> consumer;

  /**
   * @param direction {@code in}, {@code out} or {@code both}
   * @param format {@code json} or {@code data}
   * @param maxJsonBytes the largest message converted to or from JSON
   */
  public Bridge(Vertx vertx, Endpoint endpoint, String topic, String address, String direction, String format,
      int maxJsonBytes) {
    this.endpoint = endpoint;
    this.maxJsonBytes = maxJsonBytes;
    this.inbound = new OrderedConversions(vertx, 4L * maxJsonBytes);
    this.outbound = new OrderedConversions(vertx, 4L * maxJsonBytes);
    this.topic = topic;
    this.address = address;
    this.outAddress = address + OUT_SUFFIX;
    this.json = format.equals("json");
    if (direction.equals("in") || direction.equals("both")) {
      subscription = endpoint.subscribe(topic);
      subscription.handler(json ? m -> toEventBus(vertx, m) : m -> vertx.eventBus().publish(address, m));
    }
    if (direction.equals("out") || direction.equals("both")) {
      consumer = vertx.eventBus().consumer(outAddress, this::fromEventBus);
    }
  }

  private void toEventBus(Vertx vertx, DataMessage m) {
    int size = BinaryFormat.encodedSize(m.data());
    boolean accepted = size <= maxJsonBytes && inbound.submit(size, size > INLINE_BYTES,
        () -> JsonFormat.encodeMessage(m), json -> vertx.eventBus().publish(address, json.result()));
    if (!accepted) {
      dropped++;
      long now = System.currentTimeMillis();
      if (now - lastWarning >= WARN_EVERY_MS) {
        LOG.warn("bridge " + topic + " -> " + address + ": dropped " + (dropped - droppedAtLastWarning)
            + " message(s) above maxJsonBytes (" + maxJsonBytes + ") or while too much waited for conversion, the"
            + " last of " + size + " bytes on " + m.topic());
        lastWarning = now;
        droppedAtLastWarning = dropped;
      }
    }
  }

  /** @return how many delivered messages this bridge dropped instead of converting them to JSON */
  public long dropped() {
    return dropped;
  }

  private void fromEventBus(Message<Object> msg) {
    Object body = msg.body();
    int length = body instanceof String s ? s.length() : 0;
    if (length > maxJsonBytes) {
      refuse(msg, "a JSON text of " + length + " characters exceeds the bridge's maxJsonBytes (" + maxJsonBytes + ")");
      return;
    }
    boolean accepted = outbound.submit(length, length > INLINE_BYTES, () -> toMessage(body), converted -> {
      if (converted.failed()) {
        refuse(msg, converted.cause().getMessage());
        return;
      }
      endpoint.publish(converted.result());
      if (msg.replyAddress() != null) {
        msg.reply(null);
      }
    });
    if (!accepted) {
      refuse(msg, "too much JSON waits for conversion (" + 4L * maxJsonBytes + " bytes); try again later");
    }
  }

  private void refuse(Message<Object> msg, String why) {
    LOG.warn("bridge " + outAddress + " -> " + topic + ": rejected a message: " + why);
    if (msg.replyAddress() != null) {
      msg.fail(ErrorCode.INVALID_DATA.code(), ErrorCode.INVALID_DATA.brokerName() + ": " + why);
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
