package io.brokervx.examples;

import io.brokervx.verticle.FailFast;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A program for {@link FailFastTest}: installs {@link FailFast} (a 2 s blocked-loop limit) and then, by its
 * argument, runs out of memory in an event-loop handler ({@code oom}), blocks an event loop ({@code block}),
 * or closes Vert.x cleanly and lingers for longer than the limit ({@code close}).
 */
public final class FailFastProbe {
  private FailFastProbe() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    FailFast.install(vertx, "probe", Duration.ofSeconds(2));
    switch (args[0]) {
      case "oom" -> vertx.runOnContext(v -> {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
          hoard.add(new long[1 << 20]);
        }
      });
      case "block" -> vertx.runOnContext(v -> {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      });
      case "close" -> {
        vertx.close().toCompletionStage().toCompletableFuture().get();
        Thread.sleep(4000);
        System.out.println("still here");
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
    Thread.sleep(60_000);
  }
}
