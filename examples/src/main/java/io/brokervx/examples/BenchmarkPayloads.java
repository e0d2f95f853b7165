package io.brokervx.examples;

import io.brokervx.codec.ZeekEvent;
import io.brokervx.data.Data;
import io.brokervx.data.PortData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The messages of the throughput benchmark. Types 1, 2 and 3 are exactly what Broker 6.2's broker-benchmark
 * publishes: the Zeek event {@code event_N} ({@code [1, 1, ["event_N", args]]}) with the arguments of its
 * {@code createEventArgs}, including its "random" strings (ten characters cut from a rotating alphabet, whatever
 * length is asked for) and counts (1, 2, 3, … per run), and the current time where it puts {@code now()}. Type 3's
 * generator repeats keys (its strings come round every 31 keys); Broker's table builder writes the repeats to the
 * wire, our tables keep one entry per key (the last), as a Broker table decoded from those bytes does. The other
 * letters are payloads of our own: {@code z} a five-argument Zeek event, {@code c} a single count, {@code v} the
 * bare vector {@code [42, "test"]} (this tool's type 1 before it followed broker-benchmark).
 */
final class BenchmarkPayloads implements Supplier<Data> {
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  /** The parts of type 2 that are the same in every event, made once. */
  private static final Data CONN_ID = Data.vector(Data.address("1.2.3.4"), Data.port(4567, PortData.Protocol.TCP),
      Data.address("3.4.5.6"), Data.port(80, PortData.Protocol.TCP));
  private static final Data TCP = Data.enumValue("tcp");
  private static final Data PI_SECONDS = Data.timespan(3_140_000_000L);

  private final String type;
  private final Data constant;
  private long stringCursor;
  private long countCursor;

  private BenchmarkPayloads(String type, Data constant) {
    this.type = type;
    this.constant = constant;
  }

  /**
   * @param type 1, 2, 3 (broker-benchmark's events), z, c or v
   * @return a generator of that type's messages, one per call (types 2 and 3 differ from call to call)
   * @throws IllegalArgumentException for another type
   */
  static BenchmarkPayloads of(String type) {
    return switch (type) {
      case "1" -> new BenchmarkPayloads(type, ZeekEvent.of("event_1", Data.integer(42), Data.string("test")).toData());
      case "2", "3" -> new BenchmarkPayloads(type, null);
      case "z" -> new BenchmarkPayloads(type, ZeekEvent.of("Demo::conn", Data.count(1_234_567),
          Data.string("CHhAvVGS1DHFjwGM9xyz"), Data.address("10.1.2.3"), Data.port(443, PortData.Protocol.TCP),
          Data.timestamp(1_700_000_000_123_456_789L)).toData());
      case "c" -> new BenchmarkPayloads(type, Data.count(42));
      case "v" -> new BenchmarkPayloads(type, Data.vector(Data.count(42), Data.string("test")));
      default -> throw new IllegalArgumentException("unknown event type '" + type + "' (1, 2, 3, z, c, v)");
    };
  }

  /** @return whether the messages are Zeek events (which a Zeek batch may carry) */
  boolean isZeekEvent() {
    return !type.equals("c") && !type.equals("v");
  }

  /** @return the next message */
  @Override
  public Data get() {
    return switch (type) {
      case "2" -> ZeekEvent.of("event_2", connLogArgs()).toData();
      case "3" -> ZeekEvent.of("event_3", now(), tableOfSets()).toData();
      default -> constant;
    };
  }

  /** broker-benchmark's type 2: a line of conn.log. */
  private List<Data> connLogArgs() {
    List<Data> args = new ArrayList<>(18);
    args.add(now());
    args.add(randomString());
    args.add(CONN_ID);
    args.add(TCP);
    args.add(randomString());
    args.add(PI_SECONDS);
    args.add(randomCount());
    args.add(randomCount());
    args.add(randomString());
    args.add(Data.bool(true));
    args.add(Data.bool(false));
    args.add(randomCount());
    args.add(randomString());
    for (int i = 0; i < 4; i++) {
      args.add(randomCount());
    }
    Data first = randomString();
    args.add(Data.set(first, randomString()));
    return args;
  }

  /** broker-benchmark's type 3: 100 sorted keys, each mapped to a set of 10 strings. */
  private Data tableOfSets() {
    Data[] keys = new Data[100];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = randomString();
    }
    Arrays.sort(keys);
    Data[] values = new Data[keys.length];
    for (int i = 0; i < keys.length; i++) {
      Data[] members = new Data[10];
      for (int j = 0; j < members.length; j++) {
        members[j] = randomString();
      }
      values[i] = Data.set(members);
    }
    Map<Data, Data> table = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      table.put(keys[i], values[i]); // a repeated key keeps its last value
    }
    return Data.table(table);
  }

  private static Data now() {
    Instant t = Instant.now();
    return Data.timestamp(t.getEpochSecond() * 1_000_000_000L + t.getNano());
  }

  /** broker-benchmark's {@code random_string}: the next ten characters of the rotating alphabet. */
  private Data randomString() {
    char[] c = new char[10];
    for (int j = 0; j < c.length; j++) {
      c[j] = ALPHABET.charAt((int) (++stringCursor % ALPHABET.length()));
    }
    return Data.string(new String(c));
  }

  /** broker-benchmark's {@code random_count}: 1, 2, 3, … */
  private Data randomCount() {
    return Data.count(++countCursor);
  }
}
