package io.brokervx.endpoint.impl;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.StatusCode;
import io.brokervx.endpoint.TlsMode;
import io.brokervx.endpoint.impl.transport.AcceptFailureFilter;
import io.brokervx.endpoint.impl.transport.HandshakeBackoff;
import io.brokervx.endpoint.impl.transport.PeerTransportFactory;
import io.brokervx.endpoint.impl.transport.TransportException;
import io.brokervx.endpoint.impl.transport.TransportFailure;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.netty.util.NetUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens connections: listens for peers, dials the peerings this endpoint initiated, and retries them until
 * withdrawn — every retry interval, and with a growing pause (up to the retry interval cap) while they keep
 * failing before they become peerings. Each socket is secured by the endpoint's TLS mode and becomes a
 * {@link PeerConnection} registered with the {@link PeerTable}. A failure is reported once per peering (or,
 * for accepted connections, per remote host) until it changes. Runs on the endpoint's context.
 */
final class Connector {
  private static final Logger LOG = LoggerFactory.getLogger(Connector.class);
  private static final int REMEMBERED_FAILING_HOSTS = 1024;

  private final Vertx vertx;
  private final Context context;
  private final EndpointOptions options;
  private final PeerTable peers;
  private final StatusBus status;
  private final Future<PeerTransportFactory> transports;
  private final Future<NetClient> client;
  private final AcceptFailureFilter acceptFailures = new AcceptFailureFilter(REMEMBERED_FAILING_HOSTS);
  private final List<NetServer> servers = new ArrayList<>();
  private final Map<String, PeeringIntent> intents = new HashMap<>();
  private final Map<PeerConnection, List<Promise<Void>>> closeWaiters = new HashMap<>();
  /** Accepted connections whose TLS handshake runs, in all and by remote host. */
  private final Map<String, Integer> securingFrom = new HashMap<>();
  private int securing;
  private boolean closed;

  Connector(Vertx vertx, Context context, EndpointOptions options, PeerTable peers, StatusBus status) {
    this.vertx = vertx;
    this.context = context;
    this.options = options;
    this.peers = peers;
    this.status = status;
    this.transports = PeerTransportFactory.create(vertx, options.getTls(), options.getHandshakeTimeout().toMillis())
        .recover(e -> Future.failedFuture(new BrokerException(ErrorCode.CANNOT_OPEN_FILE,
            "tls settings: " + e.getMessage(), e)));
    this.client = transports.map(f -> vertx.createNetClient(f.clientOptions(new NetClientOptions()
        .setTcpNoDelay(true).setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.getHandshakeTimeout().toMillis())))));
  }

  Future<Integer> listen(String host, int port) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
    }
    return transports.compose(f -> {
      NetServer server = vertx.createNetServer(f.serverOptions(new NetServerOptions().setHost(host).setPort(port)
          .setTcpNoDelay(true)));
      server.exceptionHandler(t -> acceptFailed(null, 0, f.classify(t))); // certificate-mode TLS failures
      server.connectHandler(socket -> accept(f, socket));
      return server.listen().map(s -> {
        servers.add(server);
        if (f.mode() == TlsMode.OFF && !isLoopback(host)) {
          LOG.warn("endpoint listens on " + host + ":" + s.actualPort() + " without TLS: anyone who reaches it can "
              + "read and inject traffic (set tls to anonymous or certificate mode)");
        }
        return s.actualPort();
      }).recover(e -> Future.failedFuture(new BrokerException(ErrorCode.CANNOT_OPEN_RESOURCE,
          "cannot listen on " + host + ":" + port + ": " + lowerFirst(String.valueOf(e.getMessage())), e)));
    });
  }

  private static boolean isLoopback(String host) {
    byte[] a = NetUtil.createByteArrayFromIpAddressString(host);
    try {
      return host.equals("localhost") || (a != null && InetAddress.getByAddress(a).isLoopbackAddress());
    } catch (UnknownHostException e) {
      return false; // not an address
    }
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  private void accept(PeerTransportFactory f, NetSocket socket) {
    if (closed) {
      socket.close();
      return;
    }
    String host = socket.remoteAddress().hostAddress();
    int port = socket.remoteAddress().port();
    String refusal = refusal(host);
    if (refusal != null) {
      socket.close();
      if (acceptFailures.shouldReport(host, refusal)) {
        status.emit(StatusCode.ERROR, null, host, port, ErrorCode.CANNOT_OPEN_RESOURCE, refusal);
      }
      return;
    }
    securing++;
    securingFrom.merge(host, 1, Integer::sum);
    f.accept(socket).onComplete(ar -> {
      securing--;
      securingFrom.computeIfPresent(host, (k, n) -> n == 1 ? null : n - 1);
      if (ar.failed()) {
        acceptFailed(host, port, f.classify(ar.cause()));
      } else if (closed) {
        ar.result().close();
      } else {
        acceptFailures.onSuccess(host);
        peers.open(ar.result(), false, null);
      }
    });
  }

  /** @return why a connection from {@code host} is refused now (too many from it, or handshaking), or null */
  private String refusal(String host) {
    int[] open = peers.openFrom(host);
    int fromHost = open[0] + securingFrom.getOrDefault(host, 0);
    if (fromHost >= options.getMaxConnectionsPerHost()) {
      return "refused a connection: " + host + " already holds " + fromHost + " (at most "
          + options.getMaxConnectionsPerHost() + ")";
    }
    if (open[1] + securing >= options.getMaxPendingHandshakes()) {
      return "refused a connection from " + host + ": " + (open[1] + securing) + " handshakes in progress (at most "
          + options.getMaxPendingHandshakes() + ")";
    }
    return null;
  }

  private void acceptFailed(String host, int port, TransportException e) {
    peers.handshakeFailed(e.error());
    if (acceptFailures.shouldReport(host, e)) {
      status.emit(StatusCode.ERROR, null, host, port, e.error(), e.detail());
    }
  }

  Future<Void> peer(String host, int port) {
    if (closed) {
      return Future.failedFuture(new BrokerException(ErrorCode.SHUTTING_DOWN, "endpoint closed"));
    }
    PeeringIntent intent = intents.computeIfAbsent(PeeringIntent.key(host, port), k -> {
      PeeringIntent i = new PeeringIntent(host, port, new HandshakeBackoff(options.getRetryInterval().toMillis(),
          Math.max(options.getRetryInterval().toMillis(), options.getRetryIntervalCap().toMillis())));
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
      retryAfter(intent, options.getRetryInterval().toMillis());
      return;
    }
    transports.onFailure(e -> intent.firstPeered.tryFail(e)).onSuccess(f -> client.result()
        .connect(intent.port, intent.host).compose(f::dial).onComplete(ar -> {
          if (intent.cancelled || closed) {
            if (ar.succeeded()) {
              ar.result().close();
            }
          } else if (ar.failed()) {
            dialFailed(intent, f.classify(ar.cause()));
          } else {
            intent.connection = peers.open(ar.result(), true, intent);
          }
        }));
  }

  /**
   * A dial failed before a peering: report it (once until it changes), back off, and fail the first
   * peering's future at once when only a different configuration can help (a TLS mode mismatch).
   */
  private void dialFailed(PeeringIntent intent, TransportException e) {
    HandshakeBackoff.Decision d = intent.backoff.onFailure(e);
    if (e.failure() != TransportFailure.CONNECTION_FAILED) {
      peers.handshakeFailed(e.error());
    }
    if (d.report()) {
      String what = e.failure() == TransportFailure.CONNECTION_FAILED
          ? "cannot connect: " + e.detail() : e.detail();
      status.emit(StatusCode.ERROR, intent.peerId, intent.host, intent.port, e.error(), what);
    }
    if (e.failure().isConfigurationMismatch()) {
      intent.firstPeered.tryFail(e);
    }
    retryAfter(intent, d.delayMs());
  }

  private void retryAfter(PeeringIntent intent, long delayMs) {
    if (intent.cancelled || closed || intent.timer >= 0) {
      return;
    }
    intent.timer = vertx.setTimer(delayMs, t -> context.runOnContext(v -> connect(intent)));
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
    if (c.intent() != null) {
      c.intent().backoff.onSuccess();
    }
    for (PeeringIntent i : new ArrayList<>(intents.values())) { // a completion may peer or unpeer
      if (i == c.intent() || c.peerId().equals(i.peerId)) {
        i.firstPeered.tryComplete();
      }
    }
  }

  /**
   * A connection closed: retries its intent (backing off while attempts keep failing before a peering) and
   * completes whoever waited for the close.
   *
   * @return whether a failure ({@code error} other than none) is news, to be raised as a status event: once
   *     per peering (or per remote host, for accepted connections) until it changes
   */
  boolean closed(PeerConnection c, boolean wasEstablished, ErrorCode error, String why) {
    PeeringIntent intent = c.intent();
    boolean report = true;
    if (intent != null && intent.connection == c) {
      intent.connection = null;
    }
    if (intent != null && !intent.cancelled) {
      UUID peer = c.peerId();
      long delay = options.getRetryInterval().toMillis();
      if (error == ErrorCode.REDUNDANT_CONNECTION && peer != null) {
        // refused because the peer's own connection won: the retries only watch that peering
        intent.peerId = peer;
        if (peers.established(peer) != null) {
          intent.firstPeered.tryComplete();
        }
      } else if (!wasEstablished && error != ErrorCode.NONE) {
        HandshakeBackoff.Decision d = intent.backoff.onFailure(error.brokerName() + ": " + why);
        delay = d.delayMs();
        report = d.report();
        if (error == ErrorCode.PEER_INCOMPATIBLE || error == ErrorCode.INVALID_PEERING_REQUEST) {
          intent.firstPeered.tryFail(new BrokerException(error, why)); // only a new configuration helps
        }
      }
      retryAfter(intent, delay);
    } else if (intent == null && !wasEstablished && error != ErrorCode.NONE) {
      report = acceptFailures.shouldReport(c.host(), error.brokerName() + ": " + why);
    }
    List<Promise<Void>> waiters = closeWaiters.remove(c);
    if (waiters != null) {
      waiters.forEach(Promise::tryComplete);
    }
    return report;
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
      if (client.succeeded()) {
        closes.add(client.result().close());
      }
      return Future.join(closes);
    }).mapEmpty();
  }
}
