package io.brokervx.endpoint.impl;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.StoreAccess;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.EndpointStats;
import io.brokervx.endpoint.PeerInfo;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.endpoint.Subscription;
import io.brokervx.endpoint.spi.EndpointPort;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The endpoint's façade: checks arguments on the caller's thread, moves each call onto the endpoint's
 * context and hands it to the {@link Core} part that does the work; serves the {@link EndpointPort} that
 * stores and the cluster use; owns the endpoint's lifecycle.
 */
public final class EndpointImpl implements Endpoint, EndpointPort {
  private final Core core;
  private final Map<String, Resource> resources = new LinkedHashMap<>();
  private final long heartbeatTimer;
  private boolean closed;
  private Future<Void> closing;

  /** Creates an endpoint on the caller's context (or a new event-loop context). */
  public EndpointImpl(Vertx vertx, EndpointOptions options) {
    Context context = vertx.getOrCreateContext();
    UUID id = options.getId() != null ? UUID.fromString(options.getId()) : UUID.randomUUID();
    this.core = new Core(vertx, context, options, id);
    this.heartbeatTimer = vertx.setPeriodic(options.getHeartbeatInterval().toMillis(),
        t -> context.runOnContext(v -> {
          if (!closed) {
            core.heartbeat();
          }
        }));
  }

  @Override
  public UUID id() {
    return core.id;
  }

  @Override
  public Vertx vertx() {
    return core.vertx;
  }

  @Override
  public Context context() {
    return core.context;
  }

  @Override
  public void runOnContext(Runnable task) {
    OnContext.run(core.context, task);
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  // ---------------------------------------------------------------- peering

  @Override
  public Future<Integer> listen(String host, int port) {
    Objects.requireNonNull(host, "host");
    return OnContext.call(core.context, () -> core.connector.listen(host, port));
  }

  @Override
  public Future<Void> peer(String host, int port) {
    Objects.requireNonNull(host, "host");
    return OnContext.call(core.context, () -> core.connector.peer(host, port));
  }

  @Override
  public Future<Void> unpeer(String host, int port) {
    return OnContext.call(core.context, () -> core.connector.unpeer(host, port));
  }

  // ---------------------------------------------------------------- pub/sub

  @Override
  public Subscription subscribe(Collection<String> topics) {
    if (topics.isEmpty()) {
      throw new IllegalArgumentException("subscribe to at least one topic prefix");
    }
    List<String> prefixes = List.copyOf(topics);
    return core.local.subscribe(prefixes);
  }

  @Override
  public void publish(String topic, Data data) {
    publish(topic, data, core.options.isDeliverOwnMessages(), null);
  }

  @Override
  public void publishFrom(Subscription source, String topic, Data data) {
    publish(topic, data, true, source);
  }

  private void publish(String topic, Data data, boolean deliverHere, Subscription except) {
    byte[] topicUtf8 = checkTopic(topic);
    Objects.requireNonNull(data, "data");
    runOnContext(() -> {
      if (!closed) {
        if (deliverHere) {
          core.local.deliver(topic, data, except);
        }
        core.forwarder.publish(topic, topicUtf8, data);
      }
    });
  }

  private static byte[] checkTopic(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("a topic must not be empty");
    }
    byte[] utf8 = topic.getBytes(StandardCharsets.UTF_8);
    if (utf8.length > 0xffff) {
      throw new IllegalArgumentException("topic longer than 65535 bytes");
    }
    return utf8;
  }

  @Override
  public WriteStream<Data> publisher(String topic) {
    checkTopic(topic);
    return new PublisherImpl(this, core.congestion, topic);
  }

  @Override
  public ReadStream<StatusEvent> statuses() {
    return core.status.open();
  }

  @Override
  public Future<List<PeerInfo>> peers() {
    return OnContext.call(core.context,
        () -> Future.succeededFuture(Arrays.stream(core.peers.links()).map(PeerConnection::info).toList()));
  }

  @Override
  public Future<EndpointStats> stats() {
    return OnContext.call(core.context, () -> Future.succeededFuture(StatsCollector.take(core)));
  }

  @Override
  public Future<Set<UUID>> subscribersOf(String topic) {
    return OnContext.call(core.context, () -> Future.succeededFuture(core.router.subscribersOf(topic)));
  }

  // ---------------------------------------------------------------- the port

  @Override
  public void sendCommand(String topic, UUID receiver, Buffer payload) {
    if (!closed) {
      core.forwarder.sendCommand(topic, receiver, payload);
    }
  }

  @Override
  public int maxFrameSize() {
    return core.options.getMaxFrameSize();
  }

  @Override
  public Registration handleCommands(String topic, CommandHandler handler) {
    return core.commands.handle(topic, handler);
  }

  @Override
  public boolean isBrokerVertx(UUID endpoint) {
    return core.router.isRoutingEndpoint(endpoint);
  }

  @Override
  public boolean mayWrite(UUID sender, String store) {
    if (sender.equals(core.id)) {
      return true;
    }
    UUID hop = core.router.upstream(sender);
    PeerConnection link = hop == null ? null : core.peers.established(hop);
    if (link == null) {
      return core.options.getAuthorization().isEmpty();
    }
    Permissions p = link.permissions();
    return p.storeAccess(store) == StoreAccess.WRITE && (hop.equals(sender) || p.mayRelay());
  }

  @Override
  public ClientAccess clientAccess(String subject, String address) {
    Permissions p = core.peers.authorizer().forPeer(subject, address);
    return new ClientAccess() {
      @Override
      public boolean mayPublish(String topic) {
        return p.mayPublish(topic);
      }

      @Override
      public boolean mayReceive(String topic) {
        return p.mayReceive(topic);
      }
    };
  }

  @Override
  public boolean reachesRemoteHandler(String topic) {
    return !core.router.subscribersOf(topic).isEmpty();
  }

  @Override
  public boolean register(String name, Resource resource) {
    return !closed && resources.putIfAbsent(name, resource) == null;
  }

  @Override
  public Resource resource(String name) {
    return resources.get(name);
  }

  @Override
  public List<Resource> resources() {
    return List.copyOf(resources.values());
  }

  @Override
  public void unregister(String name, Resource resource) {
    resources.remove(name, resource);
  }

  @Override
  public void interceptCommands(CommandInterceptor interceptor) {
    core.commands.intercept(interceptor);
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public Future<Void> close() {
    return OnContext.call(core.context, () -> {
      if (closing == null) {
        List<Future<Void>> resourceCloses = new ArrayList<>();
        new ArrayList<>(resources.values()).forEach(r -> resourceCloses.add(r.close()));
        closed = true;
        core.vertx.cancelTimer(heartbeatTimer);
        closing = Future.join(resourceCloses).eventually(core.connector::close)
            .transform(ar -> OnContext.call(core.context, () -> {
              core.local.close(); // on the context: the streams' handlers run there
              core.status.close();
              return Future.<Void>succeededFuture();
            }));
      }
      return closing;
    });
  }

  @Override
  public String toString() {
    return "Endpoint[" + core.id + "]";
  }
}
