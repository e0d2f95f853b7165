package io.brokervx.endpoint.spi;

import io.brokervx.data.Data;
import io.brokervx.endpoint.Endpoint;
import io.brokervx.endpoint.Subscription;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.UUID;

/**
 * What the parts built on an endpoint (data stores, the cluster framework) need from it, and nothing more:
 * its identity and context, the command channel on reserved topics, and a registry of named resources that
 * close with the endpoint. Stores and the cluster depend on this port only, never on the endpoint's
 * implementation; the endpoint never names them.
 *
 * <p>Methods marked "on the context" must be called on {@link #context()}; the others are thread-safe.
 */
public interface EndpointPort {

  /**
   * @return the port of {@code endpoint}
   * @throws IllegalArgumentException when the endpoint was not made by {@link Endpoint#create}
   */
  static EndpointPort of(Endpoint endpoint) {
    if (endpoint instanceof EndpointPort port) {
      return port;
    }
    throw new IllegalArgumentException("not a broker-vertx endpoint: " + endpoint);
  }

  /** @return the endpoint's id */
  UUID id();

  /** @return the Vert.x instance the endpoint runs on */
  Vertx vertx();

  /** @return the context all of the endpoint's state is confined to */
  Context context();

  /** Runs {@code task} on the endpoint's context: at once when already there, else as a new task. */
  void runOnContext(Runnable task);

  /** @return whether the endpoint has been closed (or is closing) */
  boolean isClosed();

  /**
   * Sends a command on a reserved topic (on the context): to {@code receiver} along the shortest path, or,
   * when {@code receiver} is null, to every endpoint handling {@code topic}. The payload is opaque to the
   * endpoint (a data store's own encoding). Commands are never dropped by a full peer buffer; a peer that
   * lets too many pile up is disconnected instead.
   */
  void sendCommand(String topic, UUID receiver, Buffer payload);

  /** @return the largest frame body this endpoint sends or accepts ({@code EndpointOptions.maxFrameSize}) */
  int maxFrameSize();

  /**
   * Publishes {@code data} on behalf of a client attached to this endpoint (a WebSocket client, say): to the
   * network as this endpoint's own publication, and to every local subscription but {@code source}, the
   * client's own (null: to every one).
   */
  void publishFrom(Subscription source, String topic, Data data);

  /**
   * Handles the commands sent to {@code topic} (exactly) and advertises the topic like a subscription, so
   * that senders find this endpoint (on the context).
   *
   * @return the registration; closing it stops handling and withdraws the advertisement
   */
  Registration handleCommands(String topic, CommandHandler handler);

  /**
   * @return whether {@code endpoint} is a broker-vertx endpoint (it speaks our routing protocol), so that
   *     extensions Broker does not know may be sent to it; false for Broker peers and unknown endpoints (on
   *     the context)
   */
  boolean isBrokerVertx(UUID endpoint);

  /**
   * @return whether the authorization rules let {@code sender} write into the store {@code store}: the peer
   *     its messages arrive through must have write access (and, when that peer is not {@code sender}
   *     itself, may relay); always true without rules and for this endpoint itself (on the context)
   */
  boolean mayWrite(UUID sender, String store);

  /**
   * @return what a client attached to this endpoint (a WebSocket client) may publish and receive under the
   *     authorization rules, found by its identity as a peer's is: its certificate {@code subject} (null
   *     without a verified client certificate), else its {@code address}; everything when there are no rules
   */
  ClientAccess clientAccess(String subject, String address);

  /** @return whether an endpoint other than this one handles or subscribes to {@code topic} (on the context) */
  boolean reachesRemoteHandler(String topic);

  /**
   * Registers a resource that closes with the endpoint (before its peerings end) under a name that is
   * unique on this endpoint (on the context).
   *
   * @return false when the name is taken (nothing is registered)
   */
  boolean register(String name, Resource resource);

  /** @return the resource registered under {@code name}, or null (on the context) */
  Resource resource(String name);

  /** @return the registered resources, in registration order (a copy; on the context) */
  List<Resource> resources();

  /** Forgets {@code resource} if it is still registered under {@code name} (on the context). */
  void unregister(String name, Resource resource);

  /**
   * Installs (or with null removes) a {@link CommandInterceptor}: the fault-injection seam of the store
   * channel's tests (on the context).
   */
  void interceptCommands(CommandInterceptor interceptor);

  /** What a client attached to the endpoint may do with topics (thread-safe). */
  interface ClientAccess {
    /** @return whether the client may publish on {@code topic} */
    boolean mayPublish(String topic);

    /** @return whether the client may receive what is published on {@code topic} */
    boolean mayReceive(String topic);
  }

  /** Receives the commands sent to a topic this endpoint handles. */
  @FunctionalInterface
  interface CommandHandler {
    /** Handles {@code payload} (owned by the handler), sent by the endpoint {@code sender}. */
    void handle(UUID sender, Buffer payload);
  }

  /**
   * Sees every incoming command before its handler does and decides when, or whether, to pass it on
   * (drop, delay, reorder).
   */
  @FunctionalInterface
  interface CommandInterceptor {
    /** Called for each incoming command; run {@code deliver} to hand it over (now, later or never). */
    void intercept(String topic, Buffer payload, Runnable deliver);
  }

  /** Something that lives on an endpoint and closes with it. */
  @FunctionalInterface
  interface Resource {
    /** Closes the resource; the endpoint waits for the returned future before ending its peerings. */
    Future<Void> close();
  }

  /** A registration that can be withdrawn. */
  @FunctionalInterface
  interface Registration {
    /** Withdraws the registration (on the context). */
    void close();
  }
}
