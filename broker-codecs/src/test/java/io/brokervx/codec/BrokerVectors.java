package io.brokervx.codec;

import io.brokervx.data.Data;
import io.brokervx.data.PortData.Protocol;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values behind {@code vectors/data-bin-v1.json} (captured from real Broker 2.7.0 and 6.2.0 builds),
 * written independently with our factories so that the vector tests compare against something other than
 * our own decoder.
 */
final class BrokerVectors {
  private BrokerVectors() {
  }

  /** @return the entries of a vector file on the test classpath */
  static List<JsonObject> load(String resource) {
    try (InputStream in = BrokerVectors.class.getResourceAsStream("/vectors/" + resource)) {
      JsonArray a = new JsonArray(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return a.stream().map(JsonObject.class::cast).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the value each {@code desc} of {@code data-bin-v1.json} describes */
  static Map<String, Data> expectedValues() {
    Map<String, Data> m = new LinkedHashMap<>();
    m.put("none", Data.none());
    m.put("boolean true", Data.bool(true));
    m.put("boolean false", Data.bool(false));
    m.put("count 0", Data.count(0));
    m.put("count 1", Data.count(1));
    m.put("count 255", Data.count(255));
    m.put("count 256", Data.count(256));
    m.put("count 2^64-1", Data.count(new java.math.BigInteger("18446744073709551615")));
    m.put("integer 0", Data.integer(0));
    m.put("integer 42", Data.integer(42));
    m.put("integer -1", Data.integer(-1));
    m.put("integer INT64_MIN", Data.integer(Long.MIN_VALUE));
    m.put("integer INT64_MAX", Data.integer(Long.MAX_VALUE));
    m.put("real 1.5", Data.real(1.5));
    m.put("real -0.0", Data.real(-0.0));
    m.put("real 0.0", Data.real(0.0));
    m.put("real 0.1", Data.real(0.1));
    m.put("real -7.5", Data.real(-7.5));
    m.put("real 1e300", Data.real(1e300));
    m.put("real 1e-7", Data.real(1e-7));
    m.put("real 3.141592653589793", Data.real(3.141592653589793));
    m.put("real 1/3", Data.real(1.0 / 3));
    m.put("real DBL_MAX", Data.real(Double.MAX_VALUE));
    m.put("real DBL_MIN (smallest normal)", Data.real(Double.MIN_NORMAL));
    m.put("real 1e-310 (subnormal)", Data.real(1e-310));
    m.put("real 5e-324 (denorm_min)", Data.real(Double.MIN_VALUE));
    m.put("real -inf", Data.real(Double.NEGATIVE_INFINITY));
    m.put("real +inf", Data.real(Double.POSITIVE_INFINITY));
    m.put("real NaN", Data.real(Double.NaN));
    m.put("string empty", Data.string(""));
    m.put("string abc", Data.string("abc"));
    m.put("string unicode", Data.string("h\u00e9llo \u2713 \uD83E\uDD93"));
    m.put("string with quote/backslash/newline", Data.string("a\"b\\c\nd"));
    m.put("string 128 x 'a' (varint length 2 bytes)", Data.string("a".repeat(128)));
    m.put("address 10.0.0.1", Data.address("10.0.0.1"));
    m.put("address 2001:db8::1", Data.address("2001:db8::1"));
    m.put("address ::1", Data.address("::1"));
    m.put("subnet 10.0.0.0/8", Data.subnet(Data.address("10.0.0.0"), 8));
    m.put("subnet 2001:db8::/32", Data.subnet(Data.address("2001:db8::"), 32));
    m.put("subnet 192.168.1.0/24", Data.subnet(Data.address("192.168.1.0"), 24));
    m.put("port 80/tcp", Data.port(80, Protocol.TCP));
    m.put("port 53/udp", Data.port(53, Protocol.UDP));
    m.put("port 8/icmp", Data.port(8, Protocol.ICMP));
    m.put("port 0/? (unknown)", Data.port(0, Protocol.UNKNOWN));
    m.put("port 65535/tcp", Data.port(65535, Protocol.TCP));
    m.put("timestamp epoch (0 ns)", Data.timestamp(0));
    m.put("timestamp 2022-04-10T07:00:00Z (1649574000 s)", Data.timestamp(1_649_574_000_000_000_000L));
    m.put("timestamp 1700000000.123456789 s", Data.timestamp(1_700_000_000_123_456_789L));
    m.put("timestamp 1649574000.999999999 s (ms truncation check)", Data.timestamp(1_649_574_000_999_999_999L));
    m.put("timestamp -1 ns", Data.timestamp(-1));
    m.put("timespan 0", Data.timespan(0));
    m.put("timespan 1 ns", Data.timespan(1));
    m.put("timespan 1500 ms", Data.timespan(1_500_000_000L));
    m.put("timespan -1 s", Data.timespan(-1_000_000_000L));
    m.put("timespan 1500 us", Data.timespan(1_500_000L));
    m.put("timespan 1001 ns", Data.timespan(1001));
    m.put("timespan 2 min", Data.timespan(120_000_000_000L));
    m.put("timespan 1 day", Data.timespan(86_400_000_000_000L));
    m.put("enum_value Foo::BAR", Data.enumValue("Foo::BAR"));
    m.put("enum_value empty name", Data.enumValue(""));
    m.put("set empty", Data.set());
    m.put("set {1,2,3}", Data.set(Data.count(3), Data.count(1), Data.count(2)));
    m.put("set {\"a\",\"b\"}", Data.set(Data.string("b"), Data.string("a")));
    m.put("set mixed types {none,true,1,-1,\"x\"}",
        Data.set(Data.string("x"), Data.integer(-1), Data.count(1), Data.bool(true), Data.none()));
    m.put("table empty", Data.table(Map.of()));
    Map<Data, Data> ab = new HashMap<>();
    ab.put(Data.string("b"), Data.count(2));
    ab.put(Data.string("a"), Data.count(1));
    m.put("table {\"a\"->1,\"b\"->2}", Data.table(ab));
    m.put("table {10.0.0.1 -> 80/tcp}", Data.table(Map.of(Data.address("10.0.0.1"), Data.port(80, Protocol.TCP))));
    m.put("vector empty", Data.vector());
    m.put("vector [1,\"two\",3.0]", Data.vector(Data.count(1), Data.string("two"), Data.real(3.0)));
    m.put("nested vector[set{1},table{\"k\"->vector[none,true]},vector[],none]", Data.vector(
        Data.set(Data.count(1)),
        Data.table(Map.of(Data.string("k"), Data.vector(Data.none(), Data.bool(true)))),
        Data.vector(),
        Data.none()));
    Data[] counts = new Data[200];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = Data.count(i);
    }
    m.put("vector of 200 counts 0..199 (varint length 2 bytes)", Data.vector(counts));
    return m;
  }
}
