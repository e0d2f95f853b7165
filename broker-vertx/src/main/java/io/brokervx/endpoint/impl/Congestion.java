package io.brokervx.endpoint.impl;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether any peer's output buffer is congested (more than half full), and who waits for none to be: the
 * pacing behind {@link io.brokervx.endpoint.Endpoint#publisher(String)}.
 */
final class Congestion {
  private final Context context;
  private final List<Handler<Void>> drainHandlers = new ArrayList<>();
  private int congestedPeers;
  private volatile boolean congested;

  Congestion(Context context) {
    this.context = context;
  }

  /** A peer crossed half its capacity ({@code +1}) or fell back below it ({@code -1}). */
  void change(int delta) {
    congestedPeers += delta;
    congested = congestedPeers > 0;
    if (!congested && !drainHandlers.isEmpty()) {
      List<Handler<Void>> waiting = new ArrayList<>(drainHandlers);
      drainHandlers.clear();
      waiting.forEach(h -> h.handle(null));
    }
  }

  /** @return whether some peer is congested (any thread) */
  boolean isCongested() {
    return congested;
  }

  /** Runs {@code h} once no peer is congested: at once when none is. */
  void whenDrained(Handler<Void> h) {
    OnContext.run(context, () -> {
      if (congested) {
        drainHandlers.add(h);
      } else {
        h.handle(null);
      }
    });
  }
}
