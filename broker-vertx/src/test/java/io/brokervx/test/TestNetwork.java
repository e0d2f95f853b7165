package io.brokervx.test;

import static io.brokervx.test.Await.await;
import static io.brokervx.test.Await.eventually;

import io.brokervx.data.DataMessage;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.Subscription;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/** A set of endpoints on 127.0.0.1, each listening, peered along given edges, each recording what it receives. */
public final class TestNetwork implements AutoCloseable {
  private final Vertx vertx;
  private final List<Endpoint> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final List<Inbox<DataMessage>> received = new ArrayList<>();

  /** Creates {@code n} endpoints with {@code options.apply(i)} and lets each listen on a free port. */
  public TestNetwork(Vertx vertx, int n, IntFunction<EndpointOptions> options) {
    this.vertx = vertx;
    for (int i = 0; i < n; i++) {
      Endpoint e = Endpoint.create(vertx, options.apply(i));
      nodes.add(e);
      ports.add(await(e.listen("127.0.0.1", 0), "node " + i + " listening"));
      received.add(new Inbox<>());
    }
  }

  /** @return the Vert.x instance the endpoints run on */
  public Vertx vertx() {
    return vertx;
  }

  /** @return the number of endpoints */
  public int size() {
    return nodes.size();
  }

  /** @return endpoint {@code i} */
  public Endpoint node(int i) {
    return nodes.get(i);
  }

  /** @return the port endpoint {@code i} listens on */
  public int port(int i) {
    return ports.get(i);
  }

  /** @return what node {@code i}'s subscriptions made through {@link #subscribe} received, in order */
  public Inbox<DataMessage> received(int i) {
    return received.get(i);
  }

  /** Subscribes node {@code i} to {@code topics}, recording what arrives in {@link #received(int)}. */
  public Subscription subscribe(int i, String... topics) {
    Subscription s = nodes.get(i).subscribe(topics);
    s.handler(received.get(i));
    return s;
  }

  /** Node {@code from} peers with node {@code to}; waits until the handshake succeeded. */
  public void peer(int from, int to) {
    await(nodes.get(from).peer("127.0.0.1", ports.get(to)), "node " + from + " peered with node " + to);
  }

  /** Waits until every node in {@code publishers} sees exactly {@code subscribers} as subscribers of the topic. */
  public void awaitSubscribers(String topic, List<Integer> publishers, List<Integer> subscribers) {
    for (int p : publishers) {
      Set<UUID> expected = new HashSet<>();
      for (int s : subscribers) {
        if (s != p) {
          expected.add(nodes.get(s).id());
        }
      }
      eventually(vertx, "node " + p + " sees subscribers " + subscribers + " of " + topic,
          () -> nodes.get(p).subscribersOf(topic).map(expected::equals));
    }
  }

  /** Waits until node {@code i} has received {@code n} messages in total; @return what it received */
  public List<DataMessage> awaitReceived(int i, int n) {
    return received.get(i).awaitSize(n);
  }

  /** @return data frames sent over each undirected link, keyed "a-b" with a < b by node index */
  public Map<String, Long> dataFramesPerLink() {
    Map<UUID, Integer> index = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      index.put(nodes.get(i).id(), i);
    }
    Map<String, Long> out = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      for (PeerInfo p : await(nodes.get(i).peers())) {
        int j = index.get(p.id());
        out.merge(Math.min(i, j) + "-" + Math.max(i, j), p.dataSent(), Long::sum);
      }
    }
    return out;
  }

  /** Closes every endpoint. */
  @Override
  public void close() {
    for (Endpoint e : nodes) {
      await(e.close(), "an endpoint closed");
    }
  }
}
