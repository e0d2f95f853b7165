package io.brokervx.endpoint;

import io.brokervx.data.DataMessage;
import io.vertx.core.Future;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * The messages published on a set of topic prefixes, as a back-pressured stream. Its queue is bounded
 * ({@link EndpointOptions#getSubscriberQueueSize()}); when the reader pauses and the queue fills, the
 * subscriber overflow policy applies and {@link #dropped()} counts what was discarded. Closing it
 * withdraws the subscription from the network once no other local subscriber needs the prefixes.
 */
public interface Subscription extends ReadStream<DataMessage> {
  /** @return the topic prefixes subscribed to */
  List<String> topics();

  /**
   * Chooses how Zeek batches reach this subscription: whole (the default: one message holding the batch, as
   * published) or split ({@code true}): each message a batch carries arrives on its own, with the batch's topic,
   * in order (nested batches flattened). Split also applies to broker-benchmark's batch form, a bare vector of
   * Zeek messages. See {@link io.brokervx.codec.ZeekBatch}. Takes effect for messages delivered from now on.
   *
   * @return this subscription
   */
  Subscription splitBatches(boolean split);

  /** @return the number of messages discarded because the queue was full */
  long dropped();

  /** Ends the subscription; the end handler is called. @return a future completed once withdrawn */
  Future<Void> close();
}
