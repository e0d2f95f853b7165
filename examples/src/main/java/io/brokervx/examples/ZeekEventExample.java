package io.brokervx.examples;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.codec.JsonFormat;
import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.PortData;
import io.vertx.core.buffer.Buffer;
import java.io.PrintStream;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code zeek-event}: builds a Zeek event as a Zeek worker would publish it, and prints its Broker
 * rendering, its WebSocket JSON v1 data message (the shape a bridge puts on the event bus) and its binary
 * v1 bytes.
 */
@Command(name = "zeek-event", mixinStandardHelpOptions = true, versionProvider = ToolVersion.class,
    description = {"Builds a Zeek event and prints its Broker rendering, its JSON v1 data message (as bridged onto "
        + "the event bus) and its binary v1 bytes."})
public final class ZeekEventExample implements Callable<Integer> {
  @ParentCommand
  private BrokerTools tools;

  @Override
  public Integer call() {
    run(tools.out);
    return BrokerTools.EXIT_OK;
  }

  /** Prints the example event to {@code out}. */
  public static void run(PrintStream out) {
    ZeekEvent event = ZeekEvent.of("Demo::seen",
            Data.count(42),
            Data.address("10.0.0.7"),
            Data.port(443, PortData.Protocol.TCP),
            Data.timespan(1_500_000_000L),
            Data.vector(Data.string("hi"), Data.none()))
        .withNetworkTimestamp(1_714_564_800_250_000_000L);
    Data data = event.toData();
    Buffer bin = BinaryFormat.encode(data);
    out.println("event:  " + event);
    out.println("broker: " + data);
    out.println("json:   " + JsonFormat.encodeMessage("demo/events", data).encode());
    out.println("binary: " + bin.length() + " bytes");
    out.println("hex:    " + HexFormat.of().formatHex(bin.getBytes()));
    ZeekEvent back = ZeekEvent.fromData(BinaryFormat.decode(bin));
    out.println("decoded back equal: " + back.equals(event));
  }
}
