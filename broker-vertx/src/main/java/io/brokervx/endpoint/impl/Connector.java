package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens connections: listens for peers, dials the peerings this endpoint initiated, and retries them every
 * retry interval until they succeed and whenever they are lost, until withdrawn. Each socket becomes a
 * {@link PeerConnection} registered with the {@link PeerTable}. Runs on the endpoint's context.
 */
final class Connector {
  private final Vertx vertx;
  private final Context context;
  private final EndpointOptions options;
  private final PeerTable peers;
  private final StatusBus status;
  private final NetClient client;
  private final List<NetServer> servers = new ArrayList<>();
  private final Map<String, PeeringIntent> intents = new HashMap<>();
  private final Map<PeerConnection, List<Promise<Void>>> closeWaiters = new HashMap<>();
  private boolean closed;

  Connector(Vertx vertx, Context context, EndpointOptions options, PeerTable peers, StatusBus status) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.peers = peers;
    this.status = status;
    this.client = vertx.createNetClient(new NetClientOptions().setTcpNoDelay(true)
        .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getHandshakeTimeout())));
  }

  Future<Integer> listen(String host, int port) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
    }
    NetServer server = vertx.createNetServer(new NetServerOptions().setHost(host).setPort(port).setTcpNoDelay(true));
    server.connectHandler(this::accept);
    return server.listen().map(s -> {
      servers.add(server);
      return s.actualPort();
    }).recover(e -> Future.failedFuture(new BrokerException(ErrorCode.CANNOT_OPEN_RESOURCE,
        "cannot listen on " + host + ":" + port + ": " + lowerFirst(String.valueOf(e.getMessage())), e)));
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private void accept(NetSocket socket) {
    if (closed) {
      socket.close();
      return;
    }
    peers.open(socket, false, null);
  }

  Future<Void> peer(String host, int port) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
    }
    PeeringIntent intent = intents.computeIfAbsent(PeeringIntent.key(host, port), k -> {
      PeeringIntent i = new PeeringIntent(host, port);
      connect(i);
      return i;
    });
    return intent.firstPeered.future();
  }

  private void connect(PeeringIntent intent) {
    intent.timer = -1;
    if (intent.cancelled || closed) {
      return;
    }
    if (intent.peerId != null && peers.established(intent.peerId) != null) {
      scheduleRetry(intent);
      return;
    }
    client.connect(intent.port, intent.host).onComplete(ar -> {
      if (intent.cancelled || closed) {
        if (ar.succeeded()) {
          ar.result().close();
        }
        return;
      }
      if (ar.failed()) {
        status.emit(StatusCode.ERROR, intent.peerId, intent.host, intent.port, ErrorCode.PEER_UNAVAILABLE,
            "cannot connect: " + ar.cause().getMessage());
        scheduleRetry(intent);
        return;
      }
      intent.connection = peers.open(ar.result(), true, intent);
    });
  }

  private void scheduleRetry(PeeringIntent intent) {
    if (intent.cancelled || closed || intent.timer >= 0) {
      return;
    }
    intent.timer = vertx.setTimer(options.getRetryInterval(), t -> context.runOnContext(v -> connect(intent)));
  }

  Future<Void> unpeer(String host, int port) {
    PeeringIntent intent = intents.remove(PeeringIntent.key(host, port));
    if (intent == null) {
      return Future.failedFuture(new BrokerException(ErrorCode.PEER_INVALID,
          "no peering was initiated with " + host + ":" + port));
    }
    cancel(intent, "unpeered");
    PeerConnection c = intent.peerId != null ? peers.established(intent.peerId) : null;
    if (c == null) {
      c = intent.connection;
    }
    if (c == null || c.isClosed()) {
      return Future.succeededFuture();
    }
    Promise<Void> done = Promise.promise();
    closeWaiters.computeIfAbsent(c, k -> new ArrayList<>()).add(done);
    c.leave(3000);
    return done.future();
  }

  private void cancel(PeeringIntent intent, String why) {
    intent.cancelled = true;
    if (intent.timer >= 0) {
      vertx.cancelTimer(intent.timer);
    }
    intent.firstPeered.tryFail(new BrokerException(ErrorCode.PEER_UNAVAILABLE, why));
  }

  /** A connection learned its peer's id: an intent now knows whom it reaches. */
  void peerIdLearned(PeerConnection c) {
    if (c.intent() != null) {
      c.intent().peerId = c.peerId();
      if (peers.established(c.peerId()) != null) {
        c.intent().firstPeered.tryComplete(); // already peered through a simultaneous connection
      }
    }
  }

  /** A peering is up: completes the intents that wanted it (also one whose own connection lost a race). */
  void established(PeerConnection c) {
    for (PeeringIntent i : new ArrayList<>(intents.values())) { // a completion may peer or unpeer
      if (i == c.intent() || c.peerId().equals(i.peerId)) {
        i.firstPeered.tryComplete();
      }
    }
  }

  /** A connection closed: retries its intent and completes whoever waited for the close. */
  void closed(PeerConnection c, ErrorCode error, String why) {
    PeeringIntent intent = c.intent();
    if (intent != null && intent.connection == c) {
      intent.connection = null;
    }
    if (intent != null && !intent.cancelled) {
      UUID peer = c.peerId();
      if (error == ErrorCode.PEER_INCOMPATIBLE || error == ErrorCode.INVALID_PEERING_REQUEST) {
        intent.firstPeered.tryFail(new BrokerException(error, why));
      } else if (error == ErrorCode.REDUNDANT_CONNECTION && peer != null) {
        // refused because the peer's own connection won: the retries only watch that peering
        intent.peerId = peer;
        if (peers.established(peer) != null) {
          intent.firstPeered.tryComplete();
        }
      }
      scheduleRetry(intent);
    }
    List<Promise<Void>> waiters = closeWaiters.remove(c);
    if (waiters != null) {
      waiters.forEach(Promise::tryComplete);
    }
  }

  /** Stops dialing; @return a future completed once every connection has ended and the sockets are closed */
  Future<Void> close() {
    closed = true;
    List<PeeringIntent> cancelled = new ArrayList<>(intents.values());
    intents.clear();
    cancelled.forEach(i -> cancel(i, "endpoint closed")); // a failure callback may unpeer
    List<Future<Void>> pending = new ArrayList<>();
    for (PeerConnection c : peers.connections()) {
      Promise<Void> p = Promise.promise();
      closeWaiters.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
      pending.add(p.future());
      c.leave(1000);
    }
    return Future.join(pending).eventually(() -> {
      List<Future<Void>> closes = new ArrayList<>();
      servers.forEach(s -> closes.add(s.close()));
      closes.add(client.close());
      return Future.join(closes);
    }).mapEmpty();
  }
}
