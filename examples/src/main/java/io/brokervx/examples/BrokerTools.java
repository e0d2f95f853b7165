package io.brokervx.examples;

import java.util.Arrays;

/**
 * Entry point of {@code broker-tools.jar}: {@code java -jar examples/target/broker-tools.jar <tool> [args]}.
 */
public final class BrokerTools {
  private BrokerTools() {
  }

  private static void exit(int code) {
    System.exit(code);
  }

  /** A tool's main logic. */
  private interface Tool {
    int run() throws Exception;
  }

  private static int guarded(Tool tool) throws Exception {
    try {
      return tool.run();
    } catch (ToolArgs.UsageException e) {
      System.err.println("error: " + e.getMessage());
      usage();
      return 2;
    }
  }

  /** Runs the tool named by the first argument. */
  public static void main(String[] args) throws Exception {
    String tool = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (tool) {
      case "zeek-event" -> ZeekEventExample.run(System.out);
      case "store-bench" -> exit(StoreBench.run(rest, System.out));
      case "pipe" -> exit(guarded(() -> Pipe.run(rest, System.in, System.out)));
      case "throughput" -> exit(guarded(() -> Throughput.run(rest, System.out)));
      case "pingpong" -> exit(guarded(() -> PingPong.run(rest, System.out)));
      case "relay" -> exit(guarded(() -> Relay.run(rest, System.out)));
      case "cluster-demo" -> exit(guarded(() -> ClusterDemo.run(rest, System.out)));
      case "help", "-h", "--help" -> usage();
      default -> {
        System.err.println("unknown tool: " + tool + " " + String.join(" ", rest));
        usage();
        System.exit(2);
      }
    }
  }

  private static void usage() {
    System.out.println("usage: java -jar broker-tools.jar <tool> [args]");
    System.out.println("tools:");
    System.out.println("  cluster-demo [-d SECONDS]");
    System.out.println("               a local cluster (manager, logger, 2 proxies, 2 workers): HRW pools, a store, a proxy failing");
    System.out.println("  zeek-event   build a Zeek event; print its Broker, JSON v1 and binary v1 forms");
    System.out.println("  store-bench  data-store throughput and clone latency (store-bench without arguments: usage)");
    System.out.println("  pipe -m publish|subscribe -t TOPIC [-p host:port,...] [-l [HOST:]PORT] [-c CAP] [-r]");
    System.out.println("               publish stdin lines as strings / print what arrives (-r: messages per second)");
    System.out.println("  throughput --server HOST:PORT | [-t 1|2|3|z|c] [-s BATCH] [-r BATCHES/S] [-m MAX] HOST:PORT...");
    System.out.println("               events per second (1 [42,\"test\"], 2 conn record, 3 table, z 5-arg Zeek event, c count)");
    System.out.println("  pingpong --server HOST:PORT | [-n N] HOST:PORT");
    System.out.println("               round-trip latency: median and p99");
    System.out.println("  relay -l [HOST:]PORT [-p HOST:PORT,...]");
    System.out.println("               an endpoint that only forwards");
  }
}
