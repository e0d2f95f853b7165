package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.brokervx.data.Data;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: at least 100,000 truncated, bit-flipped, spliced and random inputs per codec end in a
 * value or a {@link DecodeException} — never any other exception, a stack overflow, an out-of-memory or a
 * hang.
 */
class FuzzTest {
  private static final int INPUTS = 120_000;

  private static void decodeBinary(byte[] in, String ctx) {
    try {
      BinaryFormat.decode(in, 0, in.length, new DecodeLimits());
    } catch (DecodeException expected) {
      // fine
    } catch (Throwable t) {
      fail(ctx + ": " + t, t);
    }
  }

  private static void decodeJson(String in, String ctx) {
    try {
      JsonFormat.decode(in);
    } catch (DecodeException expected) {
      // fine
    } catch (Throwable t) {
      fail(ctx + ": " + t, t);
    }
  }

  private static byte[] mutate(byte[] valid, SplittableRandom r) {
    byte[] b = valid.clone();
    switch (r.nextInt(5)) {
      case 0 -> {
        return java.util.Arrays.copyOf(b, r.nextInt(b.length + 1));
      }
      case 1 -> {
        for (int k = 0; k <= r.nextInt(3); k++) {
          int i = r.nextInt(b.length);
          b[i] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 2 -> {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        return b;
      }
      case 3 -> {
        int at = r.nextInt(b.length + 1);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) r.nextInt(256);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
      }
      default -> {
        byte[] out = new byte[r.nextInt(64)];
        r.nextBytes(out);
        return out;
      }
    }
  }

  @Test
  void binaryDecodingFailsOnlyWithDecodeException() {
    SplittableRandom r = new SplittableRandom(1);
    RandomData gen = new RandomData(2, false);
    byte[] valid = BinaryFormat.encode(gen.any(3)).getBytes();
    for (int i = 0; i < INPUTS; i++) {
      if (i % 100 == 0) {
        valid = BinaryFormat.encode(gen.any(3)).getBytes();
      }
      if (valid.length > 0) {
        decodeBinary(mutate(valid, r), "binary input " + i);
      }
    }
  }

  @Test
  void jsonDecodingFailsOnlyWithDecodeException() {
    SplittableRandom r = new SplittableRandom(3);
    RandomData gen = new RandomData(4, true);
    byte[] valid = JsonFormat.encode(gen.any(3)).encode().getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < INPUTS; i++) {
      if (i % 100 == 0) {
        valid = JsonFormat.encode(gen.any(3)).encode().getBytes(StandardCharsets.UTF_8);
      }
      decodeJson(new String(mutate(valid, r), StandardCharsets.ISO_8859_1), "json input " + i);
    }
  }

  @Test
  void aMillionDeepNestingFailsFast() {
    byte[] deep = new byte[2_000_000];
    for (int i = 0; i < deep.length; i += 2) {
      deep[i] = 0x0e;
      deep[i + 1] = 0x01;
    }
    DecodeException binary = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(DecodeException.class, () -> BinaryFormat.decode(Buffer.buffer(deep))));
    assertEquals(DecodeException.Kind.TOO_DEEP, binary.kind());
    String prefix = "{\"@data-type\":\"vector\",\"data\":[";
    String json = prefix.repeat(1_000_000);
    DecodeException text = assertTimeoutPreemptively(Duration.ofSeconds(10),
        () -> assertThrows(DecodeException.class, () -> JsonFormat.decode(json)));
    assertEquals(DecodeException.Kind.TOO_DEEP, text.kind());
  }

  @Test
  void hugeDeclaredLengthsFailWithoutAllocating() {
    for (String hex : new String[] {"0effffffff0f", "0cffffffff07", "0dffffff7f", "05ffffffff0f41"}) {
      DecodeException e = assertThrows(DecodeException.class,
          () -> BinaryFormat.decode(Buffer.buffer(java.util.HexFormat.of().parseHex(hex))));
      assertEquals(true, e.kind() == DecodeException.Kind.TOO_LARGE || e.kind() == DecodeException.Kind.BAD_LENGTH,
          hex + ": " + e.getMessage());
    }
    assertEquals(Data.none(), BinaryFormat.decode(Buffer.buffer(new byte[] {0})));
  }
}
