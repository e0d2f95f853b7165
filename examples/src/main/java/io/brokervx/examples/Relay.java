package io.brokervx.examples;

import io.brokervx.endpoint.EndpointOptions;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/** {@code relay -l [HOST:]PORT [-p HOST:PORT,…]}: an endpoint without subscribers that forwards for others. */
final class Relay {
  private Relay() {
  }

  static int run(String[] args, PrintStream out) throws Exception {
    ToolArgs a = new ToolArgs(args, Set.of("-l", "-p"), Set.of());
    if (!a.has("-l")) {
      throw new ToolArgs.UsageException("relay needs -l PORT");
    }
    try (ToolRuntime rt = new ToolRuntime(new EndpointOptions().setRetryInterval(200))) {
      ToolArgs.HostPort l = ToolArgs.hostPort(a.get("-l", null));
      ToolRuntime.await(rt.endpoint.listen(l.host(), l.port()));
      for (String p : a.get("-p", "").split(",")) {
        if (!p.isBlank()) {
          ToolArgs.HostPort hp = ToolArgs.hostPort(p);
          rt.endpoint.peer(hp.host(), hp.port());
        }
      }
      out.println("relaying on " + l.host() + ":" + l.port());
      new CountDownLatch(1).await();
      return 0;
    }
  }
}
