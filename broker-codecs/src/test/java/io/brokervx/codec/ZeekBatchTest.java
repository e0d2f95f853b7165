package io.brokervx.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.brokervx.data.Data;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Zeek's batch message {@code [1, 5, [messages]]}: its shape, its encoding, and splitting it back. */
class ZeekBatchTest {
  private static final Data A = ZeekEvent.of("a", Data.count(1)).toData();
  private static final Data B = ZeekEvent.of("b", Data.string("x")).withNetworkTimestamp(5).toData();
  private static final Data C = ZeekEvent.of("c").toData();

  @Test
  void aBatchIsVersionTypeFiveAndTheMessages() {
    assertEquals(Data.vector(Data.count(1), Data.count(5), Data.vector(A, B)), ZeekBatch.of(A, B));
    assertTrue(ZeekBatch.isBatch(ZeekBatch.of(A)));
    assertFalse(ZeekBatch.isBatch(A));
    assertEquals(List.of(A, B), ZeekBatch.messages(ZeekBatch.of(A, B)));
  }

  @Test
  void aBatchSurvivesTheBinaryFormat() {
    Data batch = ZeekBatch.of(A, B, C);
    Data back = BinaryFormat.decode(BinaryFormat.encode(batch));
    assertEquals(List.of(A, B, C), ZeekBatch.unbatch(back));
  }

  @Test
  void unbatchFlattensNestedBatchesAndReadsBrokerBenchmarksForm() {
    Data nested = ZeekBatch.of(A, ZeekBatch.of(B, C));
    assertEquals(List.of(A, B, C), ZeekBatch.unbatch(nested));
    assertEquals(3, ZeekBatch.eventCount(nested));
    Data benchmarkForm = Data.vector(A, B, C);
    assertEquals(List.of(A, B, C), ZeekBatch.unbatch(benchmarkForm));
    assertEquals(3, ZeekBatch.eventCount(benchmarkForm));
  }

  @Test
  void otherValuesStandAlone() {
    for (Data d : List.of(A, Data.count(3), Data.vector(), Data.vector(A, Data.count(1)))) {
      assertEquals(List.of(d), ZeekBatch.unbatch(d), d.toString());
      assertEquals(1, ZeekBatch.eventCount(d), d.toString());
    }
  }

  @Test
  void onlyZeekMessagesGoIntoABatch() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZeekBatch.of(A, Data.count(1)));
    assertEquals("batch element 1 is not a Zeek message: 1", e.getMessage());
    DecodeException d = assertThrows(DecodeException.class, () -> ZeekBatch.messages(A));
    assertEquals(DecodeException.Kind.INVALID_VALUE, d.kind());
  }
}
