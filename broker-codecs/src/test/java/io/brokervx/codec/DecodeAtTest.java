package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.brokervx.codec.DecodeException.Kind;
import io.brokervx.data.Data;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** {@link BinaryFormat#decodeAt}: one value inside a larger structure, its end, and errors placed from the start. */
class DecodeAtTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void decodesConsecutiveValuesAndReportsWhereEachEnds() {
    // [junk] "k" count 1 [trailer]
    byte[] in = HEX.parseHex("ee" + "05016b" + "020000000000000001" + "ff");
    BinaryFormat.Decoded first = BinaryFormat.decodeAt(in, 1, 1, in.length, new DecodeLimits());
    assertEquals(Data.string("k"), first.value());
    assertEquals(4, first.end());
    BinaryFormat.Decoded second = BinaryFormat.decodeAt(in, 1, first.end(), in.length, new DecodeLimits());
    assertEquals(Data.count(1), second.value());
    assertEquals(in.length - 1, second.end());
  }

  @Test
  void errorOffsetsCountFromTheStructureStart() {
    byte[] in = HEX.parseHex("00000000" + "05016b" + "0200");
    DecodeException e = assertThrows(DecodeException.class,
        () -> BinaryFormat.decodeAt(in, 4, 7, in.length, new DecodeLimits()));
    assertEquals(Kind.TRUNCATED, e.kind());
    assertEquals(4, e.offset());
    assertThrows(IndexOutOfBoundsException.class, () -> BinaryFormat.decodeAt(in, 4, 2, in.length, new DecodeLimits()));
  }
}
