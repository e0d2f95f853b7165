package io.brokervx.examples;

import io.brokervx.verticle.DefaultLogging;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Entry point of {@code broker-tools.jar}: {@code java -jar examples/target/broker-tools.jar TOOL [options]},
 * one picocli subcommand per tool, each with {@code --help} and {@code --version}. Results go to standard
 * output, status lines (listening, peered, progress) and errors to standard error. Exit codes:
 * {@value #EXIT_OK} done, {@value #EXIT_FAILED} the tool failed (one line saying why), {@value #EXIT_USAGE}
 * bad arguments (one line saying which).
 */
@Command(name = "broker-tools", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = "Command-line tools for Broker endpoints, named and flagged after Broker's own.",
    subcommands = {ClusterDemo.class, ZeekEventExample.class, Pipe.class, WsPipe.class, WsBench.class,
        Throughput.class, PingPong.class, Relay.class, StoreBench.class, RouteSim.class},
    footer = {"", "TOOL --help describes each tool.",
        "Exit codes: 0 done; 1 the tool failed (its last line on standard error says why); 2 bad arguments."})
public final class BrokerTools implements Callable<Integer> {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  final InputStream in;
  final PrintStream out;
  final PrintStream err;
  @Spec
  private CommandSpec spec;

  private BrokerTools(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  /** Without a tool: the list of tools. */
  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return EXIT_OK;
  }

  /** Runs the tool named by the first argument and exits with its code. */
  public static void main(String[] args) {
    DefaultLogging.install(BrokerTools.class, "/io/brokervx/examples/tools-logging.properties");
    System.exit(execute(args, System.in, System.out, System.err));
  }

  /** Runs the tool named by the first argument on these streams; @return its exit code */
  static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new BrokerTools(in, out, err))
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .setParameterExceptionHandler((ParameterException e, String[] a) -> {
          String name = toolName(e.getCommandLine());
          err.println(name + ": " + e.getMessage() + " (see " + name + " --help)");
          return EXIT_USAGE;
        })
        .setExecutionExceptionHandler((e, command, parsed) -> {
          err.println(toolName(command) + ": " + (e instanceof ToolFailure ? e.getMessage() : "unexpected error: " + e));
          return EXIT_FAILED;
        });
    return cl.execute(args);
  }

  /** @return the tool's name as typed: {@code pipe}, {@code store-bench local}; {@code broker-tools} for none */
  private static String toolName(CommandLine command) {
    String name = command.getCommandSpec().qualifiedName();
    return command.getParent() == null ? name : name.substring(name.indexOf(' ') + 1);
  }
}
