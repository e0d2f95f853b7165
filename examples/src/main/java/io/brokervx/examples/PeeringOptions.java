package io.brokervx.examples;

import picocli.CommandLine.Option;

/** The retry budget of the tools that peer: how long a peering (or a subscriber) may take before giving up. */
final class PeeringOptions {
  @Option(names = "--peer-timeout", paramLabel = "SECONDS", defaultValue = "10",
      description = "give up (exit code 1, saying why) when a peering is not up after this long; 0: retry for ever "
          + "(default: ${DEFAULT-VALUE})")
  int seconds;
}
