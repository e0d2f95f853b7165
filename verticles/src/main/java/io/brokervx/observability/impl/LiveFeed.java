package io.brokervx.observability.impl;

import io.brokervx.observability.MetricsServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The live page's feed: server-sent events on {@code /v1/status/live}, one {@code snapshot} event per
 * refresh interval with the {@link LiveView} of the network, sent while at least one page listens. Bounded:
 * at most {@link MetricsServerOptions#getMaxLiveClients()} pages (more are answered 503), and a page that
 * leaves more than {@link MetricsServerOptions#getLiveClientBufferBytes()} unread is dropped (its browser
 * reconnects once it reads again). Runs on the status server's context.
 */
final class LiveFeed {
  private final Vertx vertx;
  private final MetricsServerOptions options;
  private final Sources sources;
  private final Supplier<List<EventRing.Entry>> events;
  private final EventLoopLag lag;
  private final List<HttpServerResponse> clients = new ArrayList<>();
  private Snapshot previous;
  private long timer = -1;
  private boolean refreshing;
  private boolean closed;

  LiveFeed(Vertx vertx, MetricsServerOptions options, Sources sources, Supplier<List<EventRing.Entry>> events,
      EventLoopLag lag) {
    this.vertx = vertx;
    this.options = options;
    this.sources = sources;
    this.events = events;
    this.lag = lag;
  }

  /** Serves {@code request} as a new listening page. */
  void add(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (closed || clients.size() >= options.getMaxLiveClients()) {
      response.setStatusCode(503).putHeader("Retry-After", "5")
          .end("too many live pages (at most " + options.getMaxLiveClients() + ")\n");
      return;
    }
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache").setWriteQueueMaxSize(options.getLiveClientBufferBytes());
    response.write("retry: 2000\n\n");
    clients.add(response);
    response.closeHandler(v -> clients.remove(response));
    if (timer < 0) {
      timer = vertx.setPeriodic(options.getRefreshInterval(), t -> refresh());
    }
    refresh();
  }

  private void refresh() {
    if (clients.isEmpty() || closed) {
      stopTimer();
      previous = null;
      return;
    }
    if (refreshing) {
      return;
    }
    refreshing = true;
    sources.take().onComplete(ar -> {
      refreshing = false;
      if (ar.succeeded() && !closed) {
        Snapshot s = ar.result();
        String frame = "event: snapshot\ndata: " + LiveView.of(previous, s, events.get(), lag).encode() + "\n\n";
        previous = s;
        broadcast(frame);
      }
    });
  }

  private void broadcast(String frame) {
    for (HttpServerResponse r : new ArrayList<>(clients)) {
      if (r.writeQueueFull()) {
        clients.remove(r); // it stopped reading: drop it rather than buffer without bound
        r.reset();
      } else {
        r.write(frame);
      }
    }
  }

  /** @return the pages listening now */
  int clients() {
    return clients.size();
  }

  private void stopTimer() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }

  /** Ends every page's stream and stops refreshing. */
  void close() {
    closed = true;
    stopTimer();
    for (HttpServerResponse r : new ArrayList<>(clients)) {
      r.end();
    }
    clients.clear();
  }
}
