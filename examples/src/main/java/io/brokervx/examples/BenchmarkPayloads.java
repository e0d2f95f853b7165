package io.brokervx.examples;

import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.PortData;
import java.util.HashMap;
import java.util.Map;

/** The payloads of the throughput benchmark, as Broker's broker-throughput sends them, plus two more. */
final class BenchmarkPayloads {
  private BenchmarkPayloads() {
  }

  /**
   * @param type 1 = {@code [42, "test"]}; 2 = a conn.log-like record; 3 = a table of 100 entries;
   *     {@code z} = a five-argument Zeek event; {@code c} = a single count
   * @return the payload
   * @throws IllegalArgumentException for another type
   */
  static Data of(String type) {
    return switch (type) {
      case "1" -> Data.vector(Data.count(42), Data.string("test"));
      case "2" -> Data.vector(
          Data.timestamp(1_700_000_000_123_456_000L),
          Data.string("CHhAvVGS1DHFjwGM9"),
          Data.vector(Data.address("10.0.0.1"), Data.port(49152, PortData.Protocol.TCP),
              Data.address("192.168.1.10"), Data.port(443, PortData.Protocol.TCP)),
          Data.enumValue("tcp"),
          Data.string("ssl"),
          Data.timespan(1_234_567_000L),
          Data.count(4321),
          Data.count(87654),
          Data.string("SF"),
          Data.bool(true),
          Data.bool(false),
          Data.count(0),
          Data.string("ShADadFf"));
      case "3" -> {
        Map<Data, Data> table = new HashMap<>();
        for (int i = 0; i < 100; i++) {
          table.put(Data.string("key-" + i), Data.count(i));
        }
        yield Data.table(table);
      }
      case "z" -> ZeekEvent.of("Demo::conn", Data.count(1_234_567), Data.string("CHhAvVGS1DHFjwGM9xyz"),
          Data.address("10.1.2.3"), Data.port(443, PortData.Protocol.TCP),
          Data.timestamp(1_700_000_000_123_456_789L)).toData();
      case "c" -> Data.count(42);
      default -> throw new IllegalArgumentException("unknown event type '" + type + "' (1, 2, 3, z, c)");
    };
  }
}
