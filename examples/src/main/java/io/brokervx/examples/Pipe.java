package io.brokervx.examples;

import io.brokervx.data.Data;
import io.brokervx.endpoint.EndpointOptions;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code pipe -m publish|subscribe -t TOPIC [-p host:port,…] [-l [HOST:]PORT] [-c CAP] [-r]}, after Broker's
 * broker-pipe: publish mode sends each line of standard input as a string; subscribe mode prints each
 * message received (its value, one per line), or with {@code -r} the number of messages per second, and
 * exits after CAP messages when {@code -c} is given.
 */
final class Pipe {
  private Pipe() {
  }

  static int run(String[] args, InputStream in, PrintStream out) throws Exception {
    ToolArgs a = new ToolArgs(args, Set.of("-m", "--mode", "-t", "--topic", "-p", "--peers", "-l", "--local-port",
        "-c", "--message-cap"), Set.of("-r", "--rate"));
    String mode = a.get("-m", a.get("--mode", null));
    String topic = a.get("-t", a.get("--topic", null));
    if (mode == null || topic == null || !(mode.equals("publish") || mode.equals("subscribe"))) {
      throw new ToolArgs.UsageException("pipe needs -m publish|subscribe and -t TOPIC");
    }
    long cap = a.number("-c", a.number("--message-cap", Long.MAX_VALUE));
    boolean rate = a.has("-r") || a.has("--rate");
    try (ToolRuntime rt = new ToolRuntime(new EndpointOptions().setRetryInterval(200))) {
      String local = a.get("-l", a.get("--local-port", null));
      if (local != null) {
        ToolArgs.HostPort l = ToolArgs.hostPort(local);
        ToolRuntime.await(rt.endpoint.listen(l.host(), l.port()));
      }
      CountDownLatch done = new CountDownLatch(1);
      if (mode.equals("subscribe")) {
        AtomicLong received = new AtomicLong();
        AtomicLong second = new AtomicLong();
        rt.endpoint.subscribe(topic).handler(m -> {
          if (!rate) {
            out.println(m.data());
          }
          second.incrementAndGet();
          if (received.incrementAndGet() >= cap) {
            done.countDown();
          }
        });
        if (rate) {
          rt.vertx.setPeriodic(1000, t -> out.println(second.getAndSet(0)));
        }
      }
      for (String p : a.get("-p", a.get("--peers", "")).split(",")) {
        if (!p.isBlank()) {
          ToolArgs.HostPort hp = ToolArgs.hostPort(p);
          rt.endpoint.peer(hp.host(), hp.port());
        }
      }
      if (mode.equals("publish")) {
        if (!rt.awaitSubscribers(topic, 1, 10_000)) {
          System.err.println("pipe: no subscriber of " + topic + " yet; publishing anyway");
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        long sent = 0;
        for (String line = reader.readLine(); line != null && sent < cap; line = reader.readLine()) {
          rt.endpoint.publish(topic, Data.string(line));
          sent++;
        }
        return 0;
      }
      done.await();
      out.flush();
      return 0;
    }
  }
}
