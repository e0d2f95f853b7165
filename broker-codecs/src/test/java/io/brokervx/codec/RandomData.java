package io.brokervx.codec;

import io.brokervx.data.AddressData;
import io.brokervx.data.Data;
import io.brokervx.data.PortData;
import io.brokervx.data.StringData;
import io.brokervx.data.TableData;
import java.util.SplittableRandom;

/** Seeded random Broker values of every type, with the edge cases that break codecs. */
final class RandomData {
  private final SplittableRandom r;
  private final boolean validUtf8Only;

  RandomData(long seed, boolean validUtf8Only) {
    this.r = new SplittableRandom(seed);
    this.validUtf8Only = validUtf8Only;
  }

  Data any(int depth) {
    int t = r.nextInt(depth <= 0 ? 12 : 15);
    return switch (t) {
      case 0 -> Data.none();
      case 1 -> Data.bool(r.nextBoolean());
      case 2 -> Data.count(pick(0L, -1L, 1L, 255L, 256L, r.nextLong()));
      case 3 -> Data.integer(pick(0L, Long.MIN_VALUE, Long.MAX_VALUE, -1L, r.nextLong()));
      case 4 -> Data.real(real());
      case 5 -> string();
      case 6 -> address();
      case 7 -> r.nextBoolean() ? Data.subnet(address4(), r.nextInt(33)) : Data.subnet(address6(), r.nextInt(129));
      case 8 -> Data.port(r.nextInt(65536), PortData.Protocol.values()[r.nextInt(4)]);
      case 9 -> Data.timestamp(pick(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, r.nextLong()));
      case 10 -> Data.timespan(pick(0L, 1L, -1_000_000_000L, Long.MIN_VALUE, r.nextLong()));
      case 11 -> Data.enumValue(pick("", "Log::WRITER_ASCII", "E" + r.nextInt(100)));
      case 12 -> Data.set(elements(depth));
      case 13 -> {
        Data[] k = elements(depth);
        Data[] v = elements(depth);
        int n = Math.min(k.length, v.length);
        yield TableData.ofArrays(java.util.Arrays.copyOf(k, n), java.util.Arrays.copyOf(v, n));
      }
      default -> Data.vector(elements(depth));
    };
  }

  private Data[] elements(int depth) {
    Data[] a = new Data[r.nextInt(9)];
    for (int i = 0; i < a.length; i++) {
      a[i] = any(depth - 1);
    }
    return a;
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[r.nextInt(options.length)];
  }

  /** Normal doubles, zeros, infinities and NaN; never subnormals (Broker's binary format mangles them). */
  double real() {
    return switch (r.nextInt(8)) {
      case 0 -> -0.0;
      case 1 -> Double.NaN;
      case 2 -> Double.POSITIVE_INFINITY;
      case 3 -> Double.NEGATIVE_INFINITY;
      case 4 -> Double.MAX_VALUE;
      case 5 -> Double.MIN_NORMAL;
      default -> {
        double d;
        do {
          d = Double.longBitsToDouble(r.nextLong());
        } while (Double.isNaN(d) || Double.isInfinite(d) || (d != 0 && Math.abs(d) < Double.MIN_NORMAL));
        yield d;
      }
    };
  }

  private Data string() {
    if (!validUtf8Only && r.nextInt(5) == 0) {
      byte[] b = new byte[r.nextInt(20)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) r.nextInt(256);
      }
      return StringData.ofUtf8(b);
    }
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(r.nextInt(10) == 0 ? 300 : 12);
    for (int i = 0; i < n; i++) {
      sb.appendCodePoint(pick(0x41 + r.nextInt(26), r.nextInt(0x20), 0xe9, 0x2713, 0x1F993, (int) '"', (int) '\\', 0x0b));
    }
    return Data.string(sb.toString());
  }

  private AddressData address() {
    return r.nextBoolean() ? address4() : address6();
  }

  private AddressData address4() {
    byte[] b = new byte[4];
    r.nextBytes(b);
    return AddressData.of(b);
  }

  private AddressData address6() {
    byte[] b = new byte[16];
    r.nextBytes(b);
    if (r.nextBoolean()) {
      java.util.Arrays.fill(b, 0, 2 + r.nextInt(12), (byte) 0);
    }
    return AddressData.of(b);
  }
}
