package io.brokervx.examples;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

/** The two sides of the measuring tools: {@code --server HOST:PORT}, or the servers' addresses to measure. */
final class ServerOrTargets {
  @Option(names = "--server", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "run the server side, listening here")
  HostPort server;
  @Parameters(paramLabel = "HOST:PORT", arity = "0..*", converter = HostPort.Converter.class,
      description = "the server(s) to measure")
  List<HostPort> targets = List.of();

  /**
   * @return whether this run is the server side
   * @throws ParameterException unless exactly one side is given, with at most {@code maxTargets} servers
   */
  boolean isServer(CommandSpec spec, int maxTargets) {
    if ((server == null) == targets.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give either --server HOST:PORT or the server's HOST:PORT");
    }
    if (targets.size() > maxTargets) {
      throw new ParameterException(spec.commandLine(), "give at most " + maxTargets + " server(s)");
    }
    return server != null;
  }
}
