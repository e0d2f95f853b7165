package io.brokervx.endpoint;

import static io.brokervx.endpoint.TestSupport.await;
import static io.brokervx.endpoint.TestSupport.eventually;

import io.brokervx.data.DataMessage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** A set of endpoints on 127.0.0.1, peered along given edges, each recording what it receives. */
final class TestNetwork implements AutoCloseable {
  final Vertx vertx;
  final List<Endpoint> nodes = new ArrayList<>();
  final List<Integer> ports = new ArrayList<>();
  final List<List<DataMessage>> received = new ArrayList<>();
  final List<int[]> edges = new ArrayList<>();

  TestNetwork(Vertx vertx, int n, IntFunction<EndpointOptions> options) {
    this.vertx = vertx;
    for (int i = 0; i < n; i++) {
      Endpoint e = Endpoint.create(vertx, options.apply(i));
      nodes.add(e);
      ports.add(await(e.listen("127.0.0.1", 0)));
      received.add(new CopyOnWriteArrayList<>());
    }
  }

  /** Subscribes node {@code i} to {@code topics}, recording what arrives. */
  Subscription subscribe(int i, String... topics) {
    Subscription s = nodes.get(i).subscribe(topics);
    s.handler(received.get(i)::add);
    return s;
  }

  /** Node {@code from} peers with node {@code to}; waits until the handshake succeeded. */
  void peer(int from, int to) {
    edges.add(new int[] {from, to});
    await(nodes.get(from).peer("127.0.0.1", ports.get(to)));
  }

  /** Waits until every node in {@code publishers} sees exactly {@code subscribers} as subscribers of the topic. */
  void awaitSubscribers(String topic, List<Integer> publishers, List<Integer> subscribers) {
    for (int p : publishers) {
      Set<UUID> expected = new java.util.HashSet<>();
      for (int s : subscribers) {
        if (s != p) {
          expected.add(nodes.get(s).id());
        }
      }
      eventually(vertx, "node " + p + " sees subscribers " + subscribers + " of " + topic,
          () -> nodes.get(p).subscribersOf(topic).map(expected::equals));
    }
  }

  /** Waits until node {@code i} has received {@code n} messages in total. */
  void awaitReceived(int i, int n) {
    eventually(vertx, "node " + i + " received " + n, () -> Future.succeededFuture(received.get(i).size() >= n));
  }

  /** @return data frames sent over each undirected link, keyed "a-b" with a < b by node index */
  Map<String, Long> dataFramesPerLink() {
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

  @Override
  public void close() {
    for (Endpoint e : nodes) {
      await(e.close());
    }
  }
}
