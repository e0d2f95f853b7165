package io.brokervx.store.impl.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.codec.DecodeException;
import io.brokervx.codec.DecodeException.Kind;
import io.brokervx.codec.DecodeLimits;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken command payloads fail with a typed {@link DecodeException} that says what and where:
 * truncation anywhere, unknown variants and types, bad flags, oversized or overlong counts, repeated
 * snapshot keys, left-over bytes, and random corruption never end in another exception.
 */
class InternalCommandDecodeErrorsTest {
  /** A header: seq 0, sender 3@1011…, receiver 1@2021…; the variant byte follows. */
  static final String HEADER = "0000000000000000" + "101112131415161718191a1b1c1d1e1f" + "0000000000000003"
      + "202122232425262728292a2b2c2d2e2f" + "0000000000000001";

  static DecodeException failure(String hex) {
    byte[] bytes = InternalCommandCodecTest.HEX.parseHex(hex);
    return assertThrows(DecodeException.class, () -> InternalCommandCodec.decode(Buffer.buffer(bytes)), hex);
  }

  @Test
  void everyTruncationOfEveryVectorSaysTheInputEndsEarly() {
    for (JsonObject v : InternalCommandCodecTest.vectors()) {
      byte[] full = InternalCommandCodecTest.HEX.parseHex(v.getString("hex"));
      for (int len = 0; len < full.length; len++) {
        int n = len;
        DecodeException e = assertThrows(DecodeException.class,
            () -> InternalCommandCodec.decode(full, 0, n, new DecodeLimits()), v.getString("desc") + " cut at " + n);
        assertTrue(e.kind() == Kind.TRUNCATED || e.kind() == Kind.BAD_LENGTH,
            v.getString("desc") + " cut at " + n + ": " + e.getMessage());
      }
    }
  }

  @Test
  void unknownVariantsAreRejectedAtTheirByte() {
    for (int variant : new int[] {14, 64, 255}) {
      DecodeException e = failure(HEADER + String.format("%02x", variant) + "0000000000000001");
      assertEquals(Kind.UNKNOWN_TAG, e.kind());
      assertEquals(56, e.offset());
    }
  }

  @Test
  void flagsAndTypesOutOfRangeAreRejected() {
    String entity = "101112131415161718191a1b1c1d1e1f0000000000000007";
    assertEquals(Kind.INVALID_VALUE, failure(HEADER + "02" + "02" + entity + "0000000000000001" + entity).kind());
    assertEquals(Kind.INVALID_VALUE, failure(HEADER + "00" + "05016b" + "0101" + "7f" + entity).kind());
    DecodeException badInit = failure(HEADER + "05" + "05016e" + "020000000000000005" + "0f" + "00" + entity);
    assertEquals(Kind.UNKNOWN_TAG, badInit.kind());
    assertEquals(Kind.UNKNOWN_TAG, failure(HEADER + "03" + "63" + entity).kind());
  }

  @Test
  void countsAreBoundedByTheBytesLeftAndTheLimits() {
    assertEquals(Kind.TOO_LARGE, failure(HEADER + "0b" + "ffffffff0f" + "0000000000000001").kind());
    assertEquals(Kind.BAD_LENGTH, failure(HEADER + "0b" + "8080808080" + "00").kind());
    assertEquals(Kind.BAD_LENGTH, failure(HEADER + "0c" + "0000000000000001" + "0005" + "ffff03" + "0000").kind());
    byte[] tenSeqs = InternalCommandCodecTest.HEX.parseHex(HEADER + "0b0a" + "00".repeat(80));
    DecodeLimits tight = new DecodeLimits().setMaxContainerSize(9);
    DecodeException tooMany = assertThrows(DecodeException.class,
        () -> InternalCommandCodec.decode(tenSeqs, 0, tenSeqs.length, tight));
    assertEquals(Kind.TOO_LARGE, tooMany.kind());
    StoreCommand fits = InternalCommandCodec.decode(tenSeqs, 0, tenSeqs.length, new DecodeLimits()).content();
    assertEquals(10, ((StoreCommand.Nack) fits).seqs().size());
  }

  @Test
  void aRepeatedSnapshotKeyIsInvalid() {
    String entry = "05016b" + "020000000000000001";
    DecodeException e = failure(HEADER + "0c" + "0000000000000001" + "0005" + "02" + entry + entry);
    assertEquals(Kind.INVALID_VALUE, e.kind());
  }

  @Test
  void leftOverBytesAreRejected() {
    assertEquals(Kind.TRAILING_BYTES, failure(HEADER + "09" + "000000000000000a" + "00").kind());
  }

  @Test
  void offsetsCountFromTheCommandInsideALargerArray() {
    byte[] cmd = InternalCommandCodecTest.HEX.parseHex(HEADER + "09" + "0000");
    byte[] padded = new byte[cmd.length + 10];
    System.arraycopy(cmd, 0, padded, 5, cmd.length);
    DecodeException e = assertThrows(DecodeException.class,
        () -> InternalCommandCodec.decode(padded, 5, 5 + cmd.length, new DecodeLimits()));
    assertEquals(Kind.TRUNCATED, e.kind());
    assertEquals(57, e.offset());
  }

  @Test
  void randomCorruptionOnlyEverFailsWithDecodeException() {
    Random random = new Random(20240610);
    List<JsonObject> vectors = InternalCommandCodecTest.vectors();
    int decoded = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] bytes = InternalCommandCodecTest.HEX.parseHex(vectors.get(round % vectors.size()).getString("hex"));
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      int len = random.nextInt(4) == 0 ? random.nextInt(bytes.length + 1) : bytes.length;
      try {
        InternalCommand c = InternalCommandCodec.decode(bytes, 0, len, new DecodeLimits());
        assertEquals(c, InternalCommandCodec.decode(InternalCommandCodec.encode(c)));
        decoded++;
      } catch (DecodeException expected) {
        // the only acceptable failure
      }
    }
    assertTrue(decoded > 0, "some corrupted commands are still valid ones");
  }
}
