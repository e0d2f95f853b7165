package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import io.brokervx.data.SetData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round trips and the total order on seeded random value trees (seed in every message). */
class PropertyTest {
  private static final long SEED = 20261122L;
  private static final int TREES = 20_000;

  @Test
  void binaryRoundTripIsExactAndStable() {
    RandomData gen = new RandomData(SEED, false);
    for (int i = 0; i < TREES; i++) {
      Data d = gen.any(4);
      byte[] bytes = BinaryFormat.encode(d).getBytes();
      String ctx = "seed " + SEED + " tree " + i + ": " + d;
      assertEquals(BinaryFormat.encodedSize(d), bytes.length, ctx);
      Data back = BinaryFormat.decode(io.vertx.core.buffer.Buffer.buffer(bytes));
      assertEquals(d, back, ctx);
      assertArrayEquals(bytes, BinaryFormat.encode(back).getBytes(), ctx);
      byte[] into = new byte[bytes.length + 3];
      assertEquals(into.length, BinaryFormat.encode(d, into, 3), ctx);
      assertArrayEquals(bytes, java.util.Arrays.copyOfRange(into, 3, into.length), ctx);
    }
  }

  @Test
  void jsonRoundTripIsExactWithNanosecondTimestamps() {
    RandomData gen = new RandomData(SEED + 1, true);
    for (int i = 0; i < TREES; i++) {
      Data d = gen.any(4);
      String ctx = "seed " + (SEED + 1) + " tree " + i + ": " + d;
      JsonObject json = JsonFormat.encode(d, JsonFormat.TimestampPrecision.NANOSECONDS);
      assertEquals(d, JsonFormat.decode(json), ctx);
      assertEquals(d, JsonFormat.decode(json.encode()), ctx + " (via text)");
      assertEquals(d, JsonFormat.decode(new JsonObject(json.encode())), ctx + " (via Vert.x parser)");
      assertEquals(truncated(d), JsonFormat.decode(JsonFormat.encode(d)), ctx + " (milliseconds)");
    }
  }

  /** {@code d} with every timestamp truncated toward the epoch to a whole millisecond. */
  static Data truncated(Data d) {
    if (d instanceof TimestampData t) {
      return Data.timestamp(t.nanos() - t.nanos() % 1_000_000L);
    }
    if (d instanceof VectorData v) {
      return Data.vector(v.elements().stream().map(PropertyTest::truncated).toList());
    }
    if (d instanceof SetData s) {
      return Data.set(s.elements().stream().map(PropertyTest::truncated).toList());
    }
    if (d instanceof TableData t) {
      return TableData.ofArrays(t.keys().stream().map(PropertyTest::truncated).toArray(Data[]::new),
          t.values().stream().map(PropertyTest::truncated).toArray(Data[]::new));
    }
    return d;
  }

  @Test
  void theOrderIsTotalAntisymmetricTransitiveAndAgreesWithEquals() {
    RandomData gen = new RandomData(SEED + 2, false);
    List<Data> values = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      Data d = gen.any(2);
      values.add(d);
      if (i % 3 == 0) {
        values.add(BinaryFormat.decode(BinaryFormat.encode(d))); // an equal twin
      }
    }
    for (Data a : values) {
      for (Data b : values) {
        int ab = Integer.signum(a.compareTo(b));
        assertEquals(-ab, Integer.signum(b.compareTo(a)), a + " vs " + b);
        assertEquals(ab == 0, a.equals(b), a + " vs " + b);
        if (ab == 0) {
          assertEquals(a.hashCode(), b.hashCode(), a + " vs " + b);
        }
      }
    }
    List<Data> sorted = new ArrayList<>(values);
    sorted.sort(null);
    for (int i = 0; i + 2 < sorted.size(); i++) {
      assertTrue(sorted.get(i).compareTo(sorted.get(i + 2)) <= 0, "transitive: " + sorted.get(i) + " / " + sorted.get(i + 2));
    }
    for (int i = 0; i < 200; i++) {
      Data a = values.get(i);
      Data b = values.get(i + 200);
      Data c = values.get(i + 400);
      if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) {
        assertTrue(a.compareTo(c) <= 0, "transitive: " + a + " / " + b + " / " + c);
      }
    }
    SetData set = Data.set(values);
    for (int i = 1; i < set.size(); i++) {
      assertTrue(set.get(i - 1).compareTo(set.get(i)) < 0, "sets iterate in order without duplicates");
    }
  }

  @Test
  void subnormalRealsTravelAsBrokerMangledThem() {
    byte[] bytes = BinaryFormat.encode(Data.real(1e-310)).getBytes();
    assertEquals("04ff92688b70e62b00", java.util.HexFormat.of().formatHex(bytes));
    assertEquals(Data.real(-3.2317006071310909e+306), BinaryFormat.decode(io.vertx.core.buffer.Buffer.buffer(bytes)));
  }
}
