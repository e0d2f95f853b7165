package io.brokervx.examples;

import java.time.Duration;
import io.brokervx.endpoint.EndpointOptions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code relay}: an endpoint without subscribers that forwards between its peers, until stopped. */
@Command(name = "relay", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = "An endpoint that only forwards between its peers (runs until stopped).",
    footer = {"", "Example:", "  relay -l 127.0.0.1:9952 -p 127.0.0.1:9951"})
final class Relay implements Callable<Integer> {
  @ParentCommand
  private BrokerTools tools;
  @Option(names = {"-l", "--local-port"}, required = true, paramLabel = "[HOST:]PORT",
      converter = HostPort.Converter.class, description = "accept peerings on this address")
  private HostPort local;
  @Option(names = {"-p", "--peers"}, split = ",", paramLabel = "HOST:PORT", converter = HostPort.Converter.class,
      description = "peer with these endpoints (comma-separated)")
  private List<HostPort> peers = List.of();
  @Mixin
  private PeeringOptions peering;
  @Mixin
  private TlsModeOption tls;
  @Mixin
  private OverflowOption overflow;

  @Override
  public Integer call() throws Exception {
    try (ToolRuntime rt = new ToolRuntime("relay", overflow.apply(tls.apply(new EndpointOptions().setRetryInterval(Duration.ofMillis(200)))), tools.err)) {
      rt.listen(local);
      rt.peerAll(peers, peering.seconds);
      rt.status("relaying");
      new CountDownLatch(1).await();
      return BrokerTools.EXIT_OK;
    }
  }
}
