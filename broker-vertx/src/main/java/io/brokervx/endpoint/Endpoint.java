package io.brokervx.endpoint;

import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.impl.EndpointImpl;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A Broker endpoint: it listens for and initiates peerings over TCP, publishes {@link Data} on topics,
 * and delivers what others publish to its {@link Subscription}s.
 *
 * <p>Routing is multi-hop and loop-free: subscriptions propagate through the whole peered graph, and each
 * publication reaches every endpoint whose subscriptions match exactly once, in any topology (rings and
 * meshes included), crossing each link at most once. Topic matching is a raw string-prefix match, as in
 * Broker. An endpoint does not deliver its own publications to its own subscribers unless
 * {@link EndpointOptions#setDeliverOwnMessages(boolean)} says so.
 *
 * <p>All state lives on one Vert.x context; every method may be called from any thread.
 */
public interface Endpoint {

  /** @return a new endpoint with default options */
  static Endpoint create(Vertx vertx) {
    return create(vertx, new EndpointOptions());
  }

  /** @return a new endpoint configured by {@code options} (copied) */
  static Endpoint create(Vertx vertx, EndpointOptions options) {
    return new EndpointImpl(vertx, new EndpointOptions(options));
  }

  /** @return this endpoint's id */
  UUID id();

  /**
   * Accepts peerings on {@code host:port}; port 0 picks a free port.
   *
   * @return the bound port
   */
  Future<Integer> listen(String host, int port);

  /**
   * Peers with the endpoint listening on {@code host:port}. Failed attempts are retried every
   * {@link EndpointOptions#getRetryInterval()}, and the peering is re-established whenever it is lost,
   * until {@link #unpeer} or {@link #close}.
   *
   * @return a future completed when the first handshake succeeds; failed when the peering is withdrawn
   *     first or the peer is incompatible
   */
  Future<Void> peer(String host, int port);

  /** Ends the peering initiated with {@code host:port} and stops retrying it. */
  Future<Void> unpeer(String host, int port);

  /** @return a stream of what {@code topics} (prefixes) receive, subscribed now */
  Subscription subscribe(Collection<String> topics);

  /** @return a stream of what {@code topics} (prefixes) receive, subscribed now */
  default Subscription subscribe(String... topics) {
    return subscribe(List.of(topics));
  }

  /** Publishes {@code data} on {@code topic} to every endpoint subscribed to a prefix of it. */
  void publish(String topic, Data data);

  /** Publishes {@code message}. */
  default void publish(DataMessage message) {
    publish(message.topic(), message.data());
  }

  /**
   * @return a write stream that publishes each value on {@code topic}, with back-pressure:
   *     {@code writeQueueFull()} holds while some peer's output buffer is more than half full, and the
   *     drain handler runs once none is. A peer that stops reading altogether is dropped when its
   *     heartbeat times out, so it cannot hold a publisher forever.
   */
  WriteStream<Data> publisher(String topic);

  /** @return a new stream of this endpoint's status events, from now on */
  ReadStream<StatusEvent> statuses();

  /** @return the established peerings, with their counters */
  Future<List<PeerInfo>> peers();

  /**
   * @return a snapshot of this endpoint's counters and routing graph, taken on its context: what metrics and
   *     status reports read
   */
  Future<EndpointStats> stats();

  /** @return the ids of the endpoints this one can currently reach that subscribe to a prefix of {@code topic} */
  Future<Set<UUID>> subscribersOf(String topic);

  /** Closes every peering (orderly), socket, subscription and timer. */
  Future<Void> close();
}
