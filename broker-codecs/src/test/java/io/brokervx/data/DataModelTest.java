package io.brokervx.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.PortData.Protocol;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The value types: factories, renderings, order and the functional updates the stores build on. */
class DataModelTest {

  @Test
  void countIsUnsigned64Bit() {
    CountData max = Data.count(new BigInteger("18446744073709551615"));
    assertEquals("18446744073709551615", max.toString());
    assertEquals(new BigInteger("18446744073709551615"), max.toBigInteger());
    assertTrue(max.compareTo(Data.count(1)) > 0, "2^64-1 sorts after 1");
    assertThrows(IllegalArgumentException.class, () -> Data.count(BigInteger.ONE.shiftLeft(64)));
    assertThrows(IllegalArgumentException.class, () -> Data.count(BigInteger.valueOf(-1)));
  }

  @ParameterizedTest
  @CsvSource({
      "::, ::", "::1, ::1", "1::, 1::", "1:0:0:1::, 1:0:0:1::",
      "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1", "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
      "0:0:0:0:0:0:102:304, ::1.2.3.4", "::ffff:10.0.0.1, 10.0.0.1", "FE80::A, fe80::a",
      "1:2:3:4:5:6:7:8, 1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4, 1:2:3:4:5:6:102:304",
      "::ffff:0:1, 0.0.0.1", "::fffe:0:1, ::fffe:0:1", "0.0.0.0, 0.0.0.0", "255.255.255.255, 255.255.255.255"})
  void addressesRenderAsInetNtop(String in, String out) {
    assertEquals(out, Data.address(in).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "256.1.1.1", "01.1.1.1", "1.2.3.4.5", ":::", "1::2::3", "1:2:3:4:5:6:7:8:9",
      "localhost", "12345::", "1:", ":1", "::g", "1.2.3.4/8", " 1.2.3.4"})
  void malformedAddressesAreRejectedWithoutLookup(String text) {
    assertThrows(IllegalArgumentException.class, () -> Data.address(text));
  }

  @Test
  void subnetsAreMaskedAndCarryIpv6Lengths() {
    SubnetData s = Data.subnet("10.1.2.3/8");
    assertEquals("10.0.0.0/8", s.toString());
    assertEquals(8, s.length());
    assertEquals(104, s.rawLength());
    assertTrue(s.contains(Data.address("10.255.0.1")));
    assertFalse(s.contains(Data.address("11.0.0.1")));
    assertEquals("2001:db8:8000::/33", Data.subnet("2001:db8:ffff::1/33").toString());
    assertEquals("2001:db8::/33", Data.subnet("2001:db8:7fff::1/33").toString());
    assertEquals("::/0", Data.subnet("::1/0").toString());
    assertThrows(IllegalArgumentException.class, () -> Data.subnet("10.0.0.0/33"));
    assertThrows(IllegalArgumentException.class, () -> Data.subnet("::/129"));
    assertThrows(IllegalArgumentException.class, () -> Data.subnet("10.0.0.0"));
    assertThrows(IllegalArgumentException.class, () -> SubnetData.ofRaw(Data.address("::"), 200));
  }

  @Test
  void portsParseAndRender() {
    assertEquals(Data.port(8, Protocol.ICMP), PortData.parse("8/icmp"));
    assertEquals("0/?", PortData.parse("0/?").toString());
    for (String bad : List.of("80", "80/sctp", "/tcp", "65536/tcp", "-1/tcp", "8o/tcp")) {
      assertThrows(IllegalArgumentException.class, () -> PortData.parse(bad), bad);
    }
  }

  @ParameterizedTest
  @CsvSource({"0.0078125, 0.007812", "0.0234375, 0.023438", "-1e-7, -0.000000", "2.5, 2.500000",
      "123456789.123456789, 123456789.123457", "1e20, 100000000000000000000.000000"})
  void realsRenderAsPrintfF(double value, String text) {
    assertEquals(text, Data.real(value).toString());
  }

  @Test
  void realEqualityIsByValueWithOneNaN() {
    assertEquals(Data.real(Double.NaN), Data.real(Double.longBitsToDouble(0x7ff8000000000001L)));
    assertFalse(Data.real(0.0).equals(Data.real(-0.0)));
    assertTrue(Data.real(-0.0).compareTo(Data.real(0.0)) < 0);
  }

  @Test
  void typesOrderByTagThenValue() {
    List<Data> sorted = List.of(Data.none(), Data.bool(false), Data.bool(true), Data.count(0), Data.count(-1),
        Data.integer(-5), Data.integer(3), Data.real(-1), Data.string(""), Data.string("a"),
        Data.string("\uE000"), Data.string("\uD83E\uDD93"), Data.address("10.0.0.1"), Data.address("ffff::"),
        Data.subnet("::/0"), Data.port(1, Protocol.TCP), Data.port(1, Protocol.UDP), Data.port(2, Protocol.UNKNOWN),
        Data.timestamp(-1), Data.timespan(0), Data.enumValue("A"), Data.set(), Data.set(Data.count(1)),
        Data.table(Map.of()), Data.vector(), Data.vector(Data.none()), Data.vector(Data.none(), Data.none()),
        Data.vector(Data.bool(false)));
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = 0; j < sorted.size(); j++) {
        assertEquals(Integer.signum(Integer.compare(i, j)), Integer.signum(sorted.get(i).compareTo(sorted.get(j))),
            sorted.get(i) + " vs " + sorted.get(j));
      }
    }
  }

  @Test
  void stringsAreByteStrings() {
    byte[] notUtf8 = {(byte) 0xff, 0x41, (byte) 0xc0};
    StringData s = StringData.ofUtf8(notUtf8);
    assertEquals(3, s.utf8Length());
    assertEquals("\uFFFDA\uFFFD", s.value());
    notUtf8[1] = 0x42;
    assertEquals(0x41, s.utf8()[1], "the factory copies its input");
    assertEquals(Data.string("abc"), StringData.ofUtf8("abc".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertFalse(Data.string("x").equals(Data.enumValue("x")));
  }

  @Test
  void setsAreSortedDistinctAndUpdateFunctionally() {
    SetData s = Data.set(Data.count(3), Data.count(1), Data.count(3), Data.integer(0));
    assertEquals("{1, 3, 0}", s.toString());
    assertEquals(3, s.size());
    SetData more = s.with(Data.count(2));
    assertEquals("{1, 2, 3, 0}", more.toString());
    assertEquals("{1, 3, 0}", s.toString(), "the original is unchanged");
    assertSame(more, more.with(Data.count(2)));
    assertEquals(s, more.without(Data.count(2)));
    assertTrue(more.asSet().contains(Data.count(2)));
    assertEquals(s.hashCode(), Data.set(Data.integer(0), Data.count(1), Data.count(3)).hashCode());
  }

  @Test
  void tablesAreSortedByKeyAndUpdateFunctionally() {
    TableData t = Data.table(Map.of(Data.string("b"), Data.count(2), Data.string("a"), Data.count(1)));
    assertEquals("{a -> 1, b -> 2}", t.toString());
    assertEquals(Data.count(2), t.get(Data.string("b")));
    assertNull(t.get(Data.string("c")));
    TableData t2 = t.with(Data.string("a"), Data.none()).with(Data.string("c"), Data.bool(true));
    assertEquals("{a -> nil, b -> 2, c -> T}", t2.toString());
    assertEquals("{b -> 2, c -> T}", t2.without(Data.string("a")).toString());
    assertEquals(Data.none(), t2.asMap().get(Data.string("a")));
    assertEquals(List.of(Data.string("a"), Data.string("b"), Data.string("c")), List.copyOf(t2.asMap().keySet()));
    TableData dup = TableData.ofArrays(new Data[] {Data.count(1), Data.count(1)}, new Data[] {Data.count(5), Data.count(6)});
    assertEquals("{1 -> 6}", dup.toString(), "the last value of a repeated key wins");
  }

  @Test
  void vectorsInsertAndRemoveAtAnIndex() {
    VectorData v = Data.vector(Data.count(1), Data.count(3));
    assertEquals("(1, 2, 3)", v.inserted(1, Data.count(2)).toString());
    assertEquals("(1, 3, 4)", v.inserted(2, Data.count(4)).toString());
    assertEquals("(3)", v.removed(0).toString());
    assertThrows(IndexOutOfBoundsException.class, () -> v.inserted(3, Data.none()));
    assertThrows(IndexOutOfBoundsException.class, () -> v.removed(2));
    assertThrows(NullPointerException.class, () -> Data.vector(Data.none(), null));
  }

  @Test
  void timeValuesConvert() {
    assertEquals(Instant.parse("1969-12-31T23:59:59.999999999Z"), Data.timestamp(-1).toInstant());
    assertEquals(Data.timestamp(1_700_000_000_123_456_789L), Data.timestamp(Instant.ofEpochSecond(1_700_000_000L, 123_456_789)));
    assertThrows(ArithmeticException.class, () -> Data.timestamp(Instant.parse("2300-01-01T00:00:00Z")));
    assertEquals(java.time.Duration.ofMillis(1500), Data.timespan(1_500_000_000L).toDuration());
  }
}
