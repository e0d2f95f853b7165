package io.brokervx.cluster.impl;

import io.brokervx.cluster.Cluster;
import io.brokervx.cluster.ClusterLayout;
import io.brokervx.cluster.ClusterOptions;
import io.brokervx.cluster.ClusterTopics;
import io.brokervx.cluster.NodeEvent;
import io.brokervx.cluster.NodeType;
import io.brokervx.cluster.Pool;
import io.brokervx.cluster.PoolSpec;
import io.brokervx.cluster.ClusterStores;
import io.brokervx.cluster.StoreDefaults;
import io.brokervx.store.Store;
import io.brokervx.codec.DecodeException;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.DataMessage;
import io.brokervx.data.StringData;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.OverflowPolicy;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.spi.BoundedStream;
import io.brokervx.endpoint.spi.EndpointPort;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.streams.ReadStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A cluster node: wiring, hello/node_up/node_down and pools, all on its endpoint's context. */
public final class ClusterNode implements Cluster {
  /** Zeek's hello event, sent to every endpoint when it becomes reachable. */
  static final String HELLO = "Cluster::hello";
  /**
   * Sent every half second to reachable endpoints whose name is still unknown (a hello can be lost while
   * routes converge); it is answered with a {@link #HELLO}.
   */
  static final String HELLO_REQUEST = "Cluster::hello_request";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

  private final ClusterLayout layout;
  private final ClusterLayout.Node self;
  private final ClusterTopics topics;
  private final Endpoint endpoint;
  private final EndpointPort port;
  private final Map<String, Pool> pools = new HashMap<>();
  private final Map<String, UUID> idsByName = new HashMap<>();
  private final Map<UUID, String> namesById = new HashMap<>();
  /** Copy-on-write: a node-event handler may open another stream while an event is delivered. */
  private final List<BoundedStream<NodeEvent>> eventStreams = new CopyOnWriteArrayList<>();
  private Subscription messages;
  private final StoreDefaults storeDefaults = new StoreDefaults();
  private final Map<String, StoreDefaults> perStore = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<UUID> reachable = new HashSet<>();
  private long retryTimer = -1;

  private ClusterNode(ClusterLayout layout, ClusterLayout.Node self, ClusterTopics topics, Endpoint endpoint) {
    this.layout = layout;
    this.self = self;
    this.topics = topics;
    this.endpoint = endpoint;
    this.port = EndpointPort.of(endpoint);
  }

  /** Starts node {@code nodeName} of {@code layout}. */
  public static Future<Cluster> start(Vertx vertx, ClusterLayout layout, String nodeName, ClusterOptions options) {
    ClusterLayout.Node self = layout.node(nodeName).orElse(null);
    if (self == null) {
      return Future.failedFuture(new IllegalArgumentException("no node named '" + nodeName + "' in the layout"));
    }
    ClusterTopics topics = new ClusterTopics(options.getTopicPrefix());
    EndpointOptions eo = new EndpointOptions(options.getEndpointOptions()).setForwarding(true);
    Endpoint endpoint = Endpoint.create(vertx, eo);
    ClusterNode node = new ClusterNode(layout, self, topics, endpoint);
    Promise<Cluster> started = Promise.promise();
    node.port.runOnContext(() -> {
      try {
        node.setUp(options.getPools());
      } catch (IllegalArgumentException e) {
        endpoint.close();
        started.fail(e);
        return;
      }
      Future<?> listening = self.port() > 0 ? endpoint.listen(self.host(), self.port()) : Future.succeededFuture();
      listening.onComplete(ar -> {
        if (ar.failed()) {
          endpoint.close();
          started.fail(ar.cause());
          return;
        }
        for (ClusterLayout.Node peer : layout.connectionsOf(nodeName)) {
          endpoint.peer(peer.host(), peer.port());
        }
        started.complete(node);
      });
    });
    return started.future();
  }

  private void setUp(List<PoolSpec> specs) {
    Map<NodeType, List<String>> byType = new EnumMap<>(NodeType.class);
    for (NodeType t : NodeType.values()) {
      byType.put(t, layout.names(t));
    }
    Map<String, List<String>> members = Pool.memberships(specs, byType);
    List<String> subscriptions = new ArrayList<>(List.of(topics.typeTopic(self.type()), topics.nodeTopic(self.name())));
    for (PoolSpec s : specs) {
      Pool p = new Pool(s, members.getOrDefault(s.topic(), List.of()));
      p.setAlive(self.name(), true);
      pools.put(s.topic(), p);
      if (p.members().contains(self.name())) {
        subscriptions.add(s.topic());
      }
    }
    messages = endpoint.subscribe(subscriptions);
    endpoint.subscribe(topics.nodeIdTopic(endpoint.id())).handler(this::onNodeIdMessage);
    endpoint.statuses().handler(this::onStatus);
    retryTimer = port.vertx().setPeriodic(500, t -> port.runOnContext(this::askUnknown));
  }

  private Data hello(String event) {
    return ZeekEvent.of(event, Data.string(self.name()), Data.string(endpoint.id().toString())).toData();
  }

  private void askUnknown() {
    for (UUID id : reachable) {
      if (!namesById.containsKey(id)) {
        endpoint.publish(topics.nodeIdTopic(id), hello(HELLO_REQUEST));
      }
    }
  }

  private void onStatus(StatusEvent e) {
    if (e.code() == StatusCode.ENDPOINT_DISCOVERED && e.endpoint() != null) {
      reachable.add(e.endpoint());
      endpoint.publish(topics.nodeIdTopic(e.endpoint()), hello(HELLO));
    } else if (e.code() == StatusCode.ENDPOINT_UNREACHABLE && e.endpoint() != null) {
      reachable.remove(e.endpoint());
      String name = namesById.remove(e.endpoint());
      if (name != null) {
        idsByName.remove(name);
        pools.values().forEach(p -> p.setAlive(name, false));
        emit(new NodeEvent(false, name, e.endpoint()));
      }
    }
  }

  private void onNodeIdMessage(DataMessage m) {
    ZeekEvent hello;
    try {
      hello = ZeekEvent.fromData(m.data());
    } catch (DecodeException e) {
      return;
    }
    boolean request = hello.name().equals(HELLO_REQUEST);
    if (!(request || hello.name().equals(HELLO)) || hello.args().size() != 2 || !(hello.args().get(0) instanceof StringData n)
        || !(hello.args().get(1) instanceof StringData id)) {
      return;
    }
    String name = n.value();
    UUID uuid;
    try {
      uuid = UUID.fromString(id.value());
    } catch (IllegalArgumentException e) {
      return;
    }
    if (layout.node(name).isEmpty()) {
      LOG.error("cluster: hello from '" + name + "', which is not in the layout");
      return;
    }
    if (request) {
      endpoint.publish(topics.nodeIdTopic(uuid), hello(HELLO));
    }
    UUID known = idsByName.get(name);
    if (uuid.equals(known)) {
      return;
    }
    if (known != null) {
      namesById.remove(known);
      emit(new NodeEvent(false, name, known));
    }
    idsByName.put(name, uuid);
    namesById.put(uuid, name);
    pools.values().forEach(p -> p.setAlive(name, true));
    emit(new NodeEvent(true, name, uuid));
  }

  private void emit(NodeEvent e) {
    eventStreams.forEach(s -> s.push(e));
  }

  private <T> Future<T> onContext(Function<ClusterNode, T> f) {
    Promise<T> p = Promise.promise();
    port.runOnContext(() -> p.complete(f.apply(this)));
    return p.future();
  }

  @Override
  public String nodeName() {
    return self.name();
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public ClusterTopics topics() {
    return topics;
  }

  @Override
  public Subscription messages() {
    return messages;
  }

  @Override
  public ReadStream<NodeEvent> nodeEvents() {
    BoundedStream<NodeEvent> s = new BoundedStream<>(port.context(), 1024, OverflowPolicy.DROP_OLDEST);
    port.runOnContext(() -> eventStreams.add(s));
    return s;
  }

  @Override
  public Future<Set<String>> nodesUp() {
    return onContext(c -> new HashSet<>(idsByName.keySet()));
  }

  @Override
  public Future<Map<UUID, String>> nodeNames() {
    return onContext(c -> new HashMap<>(namesById));
  }

  private Pool pool(String topic) {
    Pool p = pools.get(topic);
    if (p == null) {
      throw new IllegalArgumentException("no pool " + topic);
    }
    return p;
  }

  @Override
  public List<String> poolMembers(String poolTopic) {
    return pool(poolTopic).members();
  }

  @Override
  public Future<String> topicForKey(String poolTopic, String key) {
    return onContext(c -> {
      String n = pool(poolTopic).hrw(key);
      return n == null ? null : topics.nodeTopic(n);
    });
  }

  @Override
  public Future<String> topicRoundRobin(String poolTopic, String key) {
    return onContext(c -> {
      String n = pool(poolTopic).roundRobin(key);
      return n == null ? null : topics.nodeTopic(n);
    });
  }

  @Override
  public Future<Boolean> publishHrw(String poolTopic, String key, Data data) {
    return topicForKey(poolTopic, key).map(t -> publishTo(t, data));
  }

  @Override
  public Future<Boolean> publishRr(String poolTopic, String key, Data data) {
    return topicRoundRobin(poolTopic, key).map(t -> publishTo(t, data));
  }

  private boolean publishTo(String topic, Data data) {
    if (topic == null) {
      return false;
    }
    endpoint.publish(topic, data);
    return true;
  }

  @Override
  public StoreDefaults storeDefaults() {
    return storeDefaults;
  }

  @Override
  public StoreDefaults storeDefaults(String name) {
    return perStore.computeIfAbsent(name, n -> new StoreDefaults(storeDefaults));
  }

  @Override
  public Future<Store> createStore(String name, boolean persistent) {
    try {
      return ClusterStores.create(endpoint, self.name(), layout, name, persistent, storeDefaults(name));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> close() {
    port.vertx().cancelTimer(retryTimer);
    return endpoint.close();
  }
}
