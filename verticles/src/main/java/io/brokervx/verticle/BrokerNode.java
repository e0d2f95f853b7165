package io.brokervx.verticle;

import io.brokervx.observability.VertxMetrics;
import io.brokervx.verticle.impl.LoopbackHazelcast;
import io.brokervx.verticle.impl.NodeArguments;
import io.brokervx.verticle.impl.NodeHelp;
import io.vertx.core.Deployable;
import io.vertx.core.Vertx;
import io.vertx.core.VertxBuilder;
import io.vertx.core.VertxOptions;
import io.vertx.launcher.application.ExitCodes;
import io.vertx.launcher.application.HookContext;
import io.vertx.launcher.application.VertxApplication;
import io.vertx.launcher.application.VertxApplicationHooks;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The main class of {@code broker-node.jar}: Vert.x's application launcher (every launcher option works:
 * {@code -conf}, {@code -cluster}, {@code -options}, …) running a {@link BrokerNodeVerticle}, with
 * broker-node's own {@code --help} (the configuration keys) and {@code --version}, the configuration read
 * and checked before launching, one line instead of a stack trace for every failure, and exit codes:
 * {@value #EXIT_USAGE} for a bad command line or configuration, {@value ExitCodes#VERTX_INITIALIZATION} when
 * Vert.x (or its cluster) cannot start, {@value ExitCodes#VERTX_DEPLOYMENT} when the node cannot start
 * (e.g. its port is in use), {@value ExitCodes#SOFTWARE} otherwise; a running node exits with
 * {@value FailFast#EXIT_OUT_OF_MEMORY} when out of memory and {@value FailFast#EXIT_BLOCKED} when an event loop
 * stays blocked (see {@link FailFast}).
 */
public final class BrokerNode extends VertxApplication implements VertxApplicationHooks {
  /** Exit code of a bad command line or configuration. */
  public static final int EXIT_USAGE = ExitCodes.USAGE;
  private static final String PROGRAM = "broker-node";

  private final NodeArguments arguments;
  private final PrintStream err;
  private int failure = ExitCodes.SOFTWARE;

  private BrokerNode(String[] args, NodeArguments arguments, PrintStream err) {
    super(args, null, false, false);
    this.arguments = arguments;
    this.err = err;
  }

  /** Starts a node as {@code java -jar broker-node.jar ARGS} does; exits the JVM when it cannot start. */
  public static void main(String[] args) {
    DefaultLogging.install(BrokerNode.class, "/io/brokervx/verticle/node-logging.properties");
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /**
   * Starts a node; after a successful start it runs until its Vert.x instance is closed.
   *
   * @return 0 when started (or help or the version was printed), else the exit code, after one line on
   *     {@code err} saying why
   */
  static int run(String[] args, PrintStream out, PrintStream err) {
    NodeArguments arguments;
    try {
      arguments = NodeArguments.scan(args);
    } catch (IllegalArgumentException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return EXIT_USAGE;
    }
    if (arguments.help()) {
      out.print(NodeHelp.text());
      return 0;
    }
    if (arguments.version()) {
      Versions.describe(PROGRAM).forEach(out::println);
      return 0;
    }
    if (arguments.config() == null) {
      err.println(PROGRAM + ": no configuration: give -conf FILE (see " + PROGRAM + " --help)");
      return EXIT_USAGE;
    }
    BrokerNode node = new BrokerNode(args, arguments, err);
    int code = node.launch();
    if (code == ExitCodes.USAGE) {
      err.println(PROGRAM + ": see " + PROGRAM + " --help");
      return EXIT_USAGE;
    }
    return code == 0 ? 0 : node.failure;
  }

  @Override
  public VertxBuilder createVertxBuilder(VertxOptions options) {
    // with a metrics server, Vert.x reports its own metrics (through Micrometer) next to the node's
    VertxBuilder builder = arguments.config() != null && arguments.config().containsKey("metrics")
        ? VertxMetrics.builder(options) : Vertx.builder().with(options);
    return arguments.cluster() ? builder.withClusterManager(LoopbackHazelcast.create()) : builder;
  }

  @Override
  public void beforeStartingVertx(HookContext context) {
    if (arguments.cluster() && context.vertxOptions().getEventBusOptions().getHost() == null) {
      context.vertxOptions().getEventBusOptions().setHost("127.0.0.1");
    }
  }

  @Override
  public void afterVertxStarted(HookContext context) {
    FailFast.install(context.vertx(), PROGRAM, FailFast.DEFAULT_MAX_BLOCKED);
  }

  @Override
  public void afterFailureToStartVertx(HookContext context, Throwable t) {
    failure = ExitCodes.VERTX_INITIALIZATION;
    err.println(PROGRAM + ": cannot start Vert.x" + (arguments.cluster() ? " clustered" : "") + ": " + message(t));
  }

  @Override
  public Supplier<? extends Deployable> verticleSupplier() {
    return BrokerNodeVerticle::new;
  }

  @Override
  public void afterFailureToDeployVerticle(HookContext context, Throwable t) {
    failure = t instanceof IllegalArgumentException ? EXIT_USAGE : ExitCodes.VERTX_DEPLOYMENT;
    String why = message(t);
    err.println(why.startsWith(PROGRAM) ? why : PROGRAM + ": " + why);
    context.vertx().close();
  }

  private static String message(Throwable t) {
    if (t == null) {
      return "timed out";
    }
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getName() : m.replaceAll("\\s*\\R\\s*", " ");
  }
}
