package io.brokervx.examples;

import io.brokervx.endpoint.Endpoint;
import io.brokervx.error.BrokerException;
import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.StatusEvent;
import io.brokervx.observability.MetricsServerOptions;
import io.brokervx.observability.StatusServer;
import io.brokervx.observability.VertxMetrics;
import io.brokervx.verticle.FailFast;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Vert.x instance and one endpoint living on one known context, for the tools; it listens and peers with
 * clear failures ({@link ToolFailure}: the port in use, the peer that never answered and why), and reports
 * on the status stream (standard error): {@code listening on HOST:PORT}, {@code peered with HOST:PORT},
 * lost peerings.
 */
final class ToolRuntime implements AutoCloseable {
  final Vertx vertx;
  final Context context;
  final Endpoint endpoint;
  private final String tool;
  private final PrintStream status;
  /** The peers this tool dials ({@code host:port}), and the last reason each failed. */
  private final Set<String> dialed = ConcurrentHashMap.newKeySet();
  private final Map<String, String> lastError = new ConcurrentHashMap<>();

  /**
   * @param tool the tool's name, prefixed to its status lines
   * @param status where status lines go (standard error: standard output is the tool's result)
   */
  ToolRuntime(String tool, EndpointOptions options, PrintStream status) throws Exception {
    this(tool, options, status, null);
  }

  /**
   * @param metricsPort where to serve the endpoint's metrics and status page on 127.0.0.1 (0: any free port),
   *     with Vert.x's own metrics; null: no metrics at all (a plain Vert.x instance)
   */
  ToolRuntime(String tool, EndpointOptions options, PrintStream status, Integer metricsPort) throws Exception {
    this.tool = tool;
    this.status = status;
    this.vertx = metricsPort == null ? Vertx.vertx() : VertxMetrics.vertx();
    FailFast.install(vertx, tool, FailFast.DEFAULT_MAX_BLOCKED);
    this.context = vertx.getOrCreateContext();
    Promise<Endpoint> p = Promise.promise();
    context.runOnContext(v -> p.complete(Endpoint.create(vertx, options)));
    endpoint = await(p.future());
    endpoint.statuses().handler(this::report);
    if (metricsPort != null) {
      StatusServer server = StatusServer.create(vertx, new MetricsServerOptions().setPort(metricsPort))
          .addEndpoint(tool, endpoint);
      await(server.listen());
      status("metrics at " + server.url() + "metrics, status page at " + server.url());
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(1, TimeUnit.HOURS);
  }

  /** Prints a status line, {@code TOOL: message}. */
  void status(String message) {
    status.println(tool + ": " + message);
  }

  private void report(StatusEvent e) {
    String peer = e.host() + ":" + e.port();
    switch (e.code()) {
      case PEER_ADDED -> status((dialed.contains(peer) ? "peered with " : "accepted a peering from ") + peer);
      case PEER_LOST -> status("lost peer " + peer + ": " + e.message() + (dialed.contains(peer) ? " (retrying)" : ""));
      case ERROR -> lastError.put(peer, e.message());
      default -> {
        // endpoints discovered through others, orderly goodbyes: nothing to say
      }
    }
  }

  /**
   * Listens on {@code at} and says so.
   *
   * @return the bound port
   * @throws ToolFailure naming host and port when it cannot bind
   */
  int listen(HostPort at) throws Exception {
    try {
      int port = await(endpoint.listen(at.host(), at.port()));
      status("listening on " + at.host() + ":" + port);
      return port;
    } catch (ExecutionException e) {
      throw new ToolFailure(e.getCause() instanceof BrokerException b ? b.detail()
          : "cannot listen on " + at + ": " + e.getCause().getMessage());
    }
  }

  /**
   * Peers with each of {@code peers}, retrying each until up or until {@code timeoutSeconds} (0: for ever).
   *
   * @throws ToolFailure naming the first peer not up in time, and its last error
   */
  void peerAll(List<HostPort> peers, int timeoutSeconds) throws Exception {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (HostPort hp : peers) {
      dialed.add(hp.toString());
      pending.add(endpoint.peer(hp.host(), hp.port()).toCompletionStage().toCompletableFuture());
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0]));
    try {
      if (timeoutSeconds == 0) {
        all.get();
      } else {
        all.get(timeoutSeconds, TimeUnit.SECONDS);
      }
    } catch (ExecutionException e) {
      throw new ToolFailure("could not peer: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      for (int i = 0; i < peers.size(); i++) {
        if (!pending.get(i).isDone()) {
          String peer = peers.get(i).toString();
          throw new ToolFailure("could not peer with " + peer + " within " + timeoutSeconds + " s: "
              + lastError.getOrDefault(peer, "no answer"));
        }
      }
      throw e;
    }
  }

  /**
   * Waits (off the event loop) until {@code count} endpoints subscribed to {@code topic} are reachable.
   *
   * @param timeoutSeconds 0: for ever
   * @return false when the time ran out first
   */
  boolean awaitSubscribers(String topic, int count, int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (timeoutSeconds == 0 || System.nanoTime() < deadline) {
      if (await(endpoint.subscribersOf(topic)).size() >= count) {
        return true;
      }
      Promise<Void> tick = Promise.promise();
      vertx.setTimer(20, t -> tick.complete());
      await(tick.future());
    }
    return false;
  }

  /**
   * Waits (off the event loop) until no peer's output buffer holds data, so that closing afterwards loses
   * nothing that was published.
   *
   * @param timeoutSeconds 0: for ever
   * @return false when the time ran out first
   */
  boolean awaitFlushed(int timeoutSeconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (timeoutSeconds == 0 || System.nanoTime() < deadline) {
      if (await(endpoint.peers()).stream().allMatch(p -> p.queued() == 0)) {
        return true;
      }
      Promise<Void> tick = Promise.promise();
      vertx.setTimer(20, t -> tick.complete());
      await(tick.future());
    }
    return false;
  }

  /** Runs {@code task} every second (progress lines); @return the timer, for {@code vertx.cancelTimer} */
  long everySecond(Runnable task) {
    return vertx.setPeriodic(1000, t -> task.run());
  }

  /** Closes the endpoint and Vert.x, waiting 30 s at most for each. */
  @Override
  public void close() throws ExecutionException, TimeoutException {
    try {
      endpoint.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
