package io.brokervx.store.impl;

import io.brokervx.endpoint.spi.EndpointPort;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * A master's group commit: what waits for durability (an answer, the events to broadcast) runs once
 * every change recorded before it is committed, at once when nothing is pending, else after the next
 * commit, which takes everything recorded meanwhile as one transaction. With a persistent backend every
 * commit also records the channel mark, so that the events a batch broadcasts are counted in it: a
 * release that broadcasts events always waits for a commit there. On the master's context only.
 */
final class GroupCommit {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);

  /** What to run after a commit, and how many events it broadcasts. */
  private record Release(Consumer<Throwable> run, int events) {
  }

  private final EndpointPort endpoint;
  private final Backend backend;
  private final String store;
  private final IntFunction<Backend.ChannelMark> markAfter;
  private List<Release> next = new ArrayList<>();
  private boolean committing;

  /**
   * @param markAfter the channel mark once a batch broadcasting this many events is released
   */
  GroupCommit(EndpointPort endpoint, Backend backend, String store, IntFunction<Backend.ChannelMark> markAfter) {
    this.endpoint = endpoint;
    this.backend = backend;
    this.store = store;
    this.markAfter = markAfter;
  }

  /**
   * Runs {@code release} (with null, or the commit's failure) once everything recorded so far is durable.
   *
   * @param events how many events {@code release} broadcasts
   */
  void afterCommit(int events, Consumer<Throwable> release) {
    if (!committing && !backend.hasPending() && (events == 0 || !backend.persistent())) {
      release.accept(null);
      return;
    }
    next.add(new Release(release, events));
    if (!committing) {
      commitNext();
    }
  }

  private void commitNext() {
    committing = true;
    List<Release> batch = next;
    next = new ArrayList<>();
    if (backend.persistent()) {
      backend.mark(markAfter.apply(batch.stream().mapToInt(Release::events).sum()));
    }
    backend.commit().onComplete(ar -> endpoint.runOnContext(() -> {
      if (ar.failed()) {
        LOG.error("store " + store + ": commit failed: " + ar.cause().getMessage());
      }
      batch.forEach(release -> release.run().accept(ar.cause()));
      if (!next.isEmpty() || backend.hasPending()) {
        commitNext();
      } else {
        committing = false;
      }
    }));
  }
}
