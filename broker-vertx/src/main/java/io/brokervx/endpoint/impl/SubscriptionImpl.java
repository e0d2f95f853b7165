package io.brokervx.endpoint.impl;

import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.Subscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.List;

/** A local subscription: a bounded stream registered with its endpoint for a set of topic prefixes. */
final class SubscriptionImpl extends BoundedStream<DataMessage> implements Subscription {
  private final EndpointImpl endpoint;
  private final List<String> topics;

  SubscriptionImpl(EndpointImpl endpoint, Context context, List<String> topics, int capacity, OverflowPolicy policy) {
    super(context, capacity, policy);
    this.endpoint = endpoint;
    this.topics = List.copyOf(topics);
  }

  @Override
  public List<String> topics() {
    return topics;
  }

  boolean wants(String topic) {
    return Topics.matches(topics, topic);
  }

  @Override
  void onOverflowEnd() {
    endpoint.unsubscribe(this);
  }

  @Override
  public Future<Void> close() {
    Promise<Void> p = Promise.promise();
    endpoint.runOnContext(() -> {
      endpoint.unsubscribe(this);
      end();
      p.complete();
    });
    return p.future();
  }
}
