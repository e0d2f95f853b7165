package io.brokervx.examples;

import io.brokervx.endpoint.EndpointOptions;
import io.brokervx.endpoint.OverflowPolicy;
import picocli.CommandLine.Option;

/** {@code --peer-overflow-policy} of the tools that publish or forward at full speed. */
final class OverflowOption {
  @Option(names = "--peer-overflow-policy", paramLabel = "POLICY", defaultValue = "drop_oldest",
      description = {"what a full peer buffer does: drop_oldest (as Zeek), drop_newest, disconnect, or backpressure "
          + "(lossless: stop reading the peerings that feed it, hop by hop) (default: ${DEFAULT-VALUE})"})
  OverflowPolicy policy = OverflowPolicy.DROP_OLDEST;

  /** @return {@code options} with this policy for peer buffers */
  EndpointOptions apply(EndpointOptions options) {
    return options.setPeerOverflowPolicy(policy);
  }
}
