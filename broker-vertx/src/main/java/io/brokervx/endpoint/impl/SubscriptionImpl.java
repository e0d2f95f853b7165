package io.brokervx.endpoint.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.spi.BoundedStream;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;

/** A local subscription: a bounded stream registered with its endpoint for a set of topic prefixes. */
final class SubscriptionImpl extends BoundedStream<DataMessage> implements Subscription {
  private final LocalDelivery owner;
  private final Context context;
  private final List<String> topics;
  private volatile boolean splitBatches;

  SubscriptionImpl(LocalDelivery owner, Context context, List<String> topics, int capacity, long maxBytes,
      OverflowPolicy policy) {
    super(context, capacity, maxBytes, SubscriptionImpl::weight, policy);
    this.owner = owner;
    this.context = context;
    this.topics = List.copyOf(topics);
  }

  /** @return the bytes a waiting message weighs: its topic and its binary encoding */
  private static long weight(DataMessage m) {
    return m.topic().length() + BinaryFormat.encodedSize(m.data());
  }

  @Override
  public List<String> topics() {
    return topics;
  }

  @Override
  public Subscription splitBatches(boolean split) {
    this.splitBatches = split;
    return this;
  }

  /** @return whether Zeek batches are delivered message by message */
  boolean splitsBatches() {
    return splitBatches;
  }

  boolean wants(String topic) {
    return Topics.matches(topics, topic);
  }

  @Override
  protected void onOverflowEnd() {
    owner.unsubscribe(this);
  }

  @Override
  public Future<Void> close() {
    return OnContext.call(context, () -> {
      owner.unsubscribe(this);
      end();
      return Future.succeededFuture();
    });
  }
}
