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

  /** Runs the tool named by the first argument. */
  public static void main(String[] args) throws Exception {
    String tool = args.length == 0 ? "help" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (tool) {
      case "zeek-event" -> ZeekEventExample.run(System.out);
      case "store-bench" -> exit(StoreBench.run(rest, System.out));
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
    System.out.println("  zeek-event   build a Zeek event; print its Broker, JSON v1 and binary v1 forms");
    System.out.println("  store-bench  data-store throughput and clone latency (store-bench without arguments: usage)");
  }
}
