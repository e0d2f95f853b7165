package io.brokervx.endpoint.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeLimits;
import io.brokervx.codec.ZeekBatch;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.impl.wire.Envelope;
import io.vertx.core.Context;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * This endpoint's own subscriptions: registers them, keeps the local filter (subscriptions plus command
 * topics, counted so the last one withdraws a prefix), and hands each received value to the matching ones.
 */
final class LocalDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(LocalDelivery.class);
  private static final DecodeLimits LIMITS = new DecodeLimits();

  private final UUID id;
  private final Context context;
  private final EndpointOptions options;
  private final Consumer<List<String>> filterChanged;
  /** Copy-on-write: a subscription may end (closed by a handler, or overflowing) while a message is delivered. */
  private final List<SubscriptionImpl> subscriptions = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> topics = new TreeMap<>();
  private long droppedByEnded;
  private boolean closed;

  LocalDelivery(UUID id, Context context, EndpointOptions options, Consumer<List<String>> filterChanged) {
    this.id = id;
    this.context = context;
    this.options = options;
    this.filterChanged = filterChanged;
  }

  /** @return a new subscription, registered on the context */
  SubscriptionImpl subscribe(List<String> prefixes) {
    SubscriptionImpl s = new SubscriptionImpl(this, context, prefixes, options.getSubscriberQueueSize(),
        options.getSubscriberQueueBytes(), options.getSubscriberOverflowPolicy());
    OnContext.run(context, () -> {
      if (closed) {
        s.end();
        return;
      }
      subscriptions.add(s);
      s.topics().forEach(this::addTopic);
    });
    return s;
  }

  /** Withdraws {@code s} (on the context). */
  void unsubscribe(SubscriptionImpl s) {
    if (subscriptions.remove(s)) {
      droppedByEnded += s.dropped();
      s.topics().forEach(this::removeTopic);
    }
  }

  /** Wants {@code topic} (one more time). */
  void addTopic(String topic) {
    if (topics.merge(topic, 1, Integer::sum) == 1) {
      filterChanged.accept(Topics.minimize(topics.keySet()));
    }
  }

  /** Wants {@code topic} one time less. */
  void removeTopic(String topic) {
    if (topics.computeIfPresent(topic, (k, n) -> n == 1 ? null : n - 1) == null) {
      filterChanged.accept(Topics.minimize(topics.keySet()));
    }
  }

  /** @return whether a local subscription wants {@code topic} */
  boolean wants(String topic) {
    for (int i = 0; i < subscriptions.size(); i++) {
      if (subscriptions.get(i).wants(topic)) {
        return true;
      }
    }
    return false;
  }

  /** Decodes a received message and delivers it, when a subscription wants it. */
  void deliver(Envelope e) {
    if (wants(e.topic())) {
      Data data = decode(e);
      if (data != null) {
        deliver(e.topic(), data);
      }
    }
  }

  /** @return the message's value, or null when it does not decode (the message is dropped and logged) */
  Data decode(Envelope e) {
    try {
      return BinaryFormat.decode(e.array(), e.payloadFrom(), e.payloadTo(), LIMITS);
    } catch (DecodeException ex) {
      LOG.warn("endpoint " + id + ": dropping an undecodable message on " + e.topic() + ": " + ex.getMessage());
      return null;
    }
  }

  /** Hands {@code data} to every subscription that wants {@code topic}. */
  void deliver(String topic, Data data) {
    deliver(topic, data, null);
  }

  /** Hands {@code data} to every subscription but {@code except} that wants {@code topic}. */
  void deliver(String topic, Data data, Subscription except) {
    DataMessage m = null;
    List<DataMessage> split = null;
    for (SubscriptionImpl s : subscriptions) {
      if (s != except && s.wants(topic)) {
        if (s.splitsBatches()) {
          if (split == null) {
            split = ZeekBatch.unbatch(data).stream().map(d -> new DataMessage(topic, d)).toList();
          }
          split.forEach(s::push);
          continue;
        }
        if (m == null) {
          m = new DataMessage(topic, data);
        }
        s.push(m);
      }
    }
  }

  /** @return the current subscriptions (do not modify) */
  List<SubscriptionImpl> subscriptions() {
    return subscriptions;
  }

  /** @return what the overflow policy discarded from subscriptions that have ended */
  long droppedByEnded() {
    return droppedByEnded;
  }

  /** Ends every subscription; later ones end at once. */
  void close() {
    closed = true;
    subscriptions.forEach(SubscriptionImpl::end);
    subscriptions.clear();
  }
}
