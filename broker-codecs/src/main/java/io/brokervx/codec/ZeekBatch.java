package io.brokervx.codec;

import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.VectorData;
import java.util.ArrayList;
import java.util.List;

/**
 * Zeek's batch message: several Zeek messages (events, log writes, …) in one Broker value,
 * {@code [1, 5, [message, message, …]]} — format version 1, message type 5 ({@code Batch} in Broker's
 * {@code zeek.hh}), then the messages, each a whole Zeek message such as {@link ZeekEvent#toData()}. One batch
 * crosses the network as one message; a receiver that wants the events one by one {@link #unbatch}es it.
 *
 * <p>Broker 6.2's broker-benchmark, in its batch mode, sends a plainer form: a bare vector of Zeek messages
 * ({@code [[1, 1, [...]], [1, 1, [...]], …]}). {@link #unbatch} and {@link #eventCount} read that form too.
 */
public final class ZeekBatch {
  /** The message type of a batch. */
  public static final long MESSAGE_TYPE_BATCH = 5;
  /** The highest Zeek message type Broker 6.2 knows ({@code Message::Type::MAX}). */
  private static final long MAX_MESSAGE_TYPE = MESSAGE_TYPE_BATCH;

  private ZeekBatch() {
  }

  /**
   * @param messages Zeek messages (events as {@link ZeekEvent#toData()}, or other batches)
   * @return the batch carrying them, in order
   * @throws IllegalArgumentException when one of them is not a Zeek message
   */
  public static VectorData of(List<? extends Data> messages) {
    Data[] content = new Data[messages.size()];
    for (int i = 0; i < content.length; i++) {
      Data m = messages.get(i);
      if (!isZeekMessage(m)) {
        throw new IllegalArgumentException("batch element " + i + " is not a Zeek message: " + m);
      }
      content[i] = m;
    }
    return VectorData.wrap(new Data[] {Data.count(ZeekEvent.PROTOCOL_VERSION), Data.count(MESSAGE_TYPE_BATCH),
        VectorData.wrap(content)});
  }

  /** @return the batch carrying {@code messages} */
  public static VectorData of(Data... messages) {
    return of(List.of(messages));
  }

  /** @return whether {@code data} is a Zeek batch {@code [1, 5, [...]]} */
  public static boolean isBatch(Data data) {
    return data instanceof VectorData v && v.size() == 3 && isCount(v.get(0), ZeekEvent.PROTOCOL_VERSION)
        && isCount(v.get(1), MESSAGE_TYPE_BATCH) && v.get(2) instanceof VectorData;
  }

  /**
   * @return the messages of the batch {@code data}, as they are (a nested batch stays one element)
   * @throws DecodeException ({@link DecodeException.Kind#INVALID_VALUE}) when {@code data} is not a batch
   */
  public static List<Data> messages(Data data) {
    if (!isBatch(data)) {
      throw DecodeException.atPath(DecodeException.Kind.INVALID_VALUE, "$", "not a Zeek batch [1, 5, [...]]");
    }
    return ((VectorData) ((VectorData) data).get(2)).elements();
  }

  /**
   * @return the individual messages {@code data} carries: the messages of a Zeek batch (nested batches
   *     flattened) or of broker-benchmark's vector of Zeek messages, in order; any other value alone
   */
  public static List<Data> unbatch(Data data) {
    if (!isBatch(data) && !isMessageVector(data)) {
      return List.of(data);
    }
    List<Data> out = new ArrayList<>();
    flatten(data, out);
    return out;
  }

  private static void flatten(Data data, List<Data> out) {
    List<Data> inner = isBatch(data) ? messages(data) : ((VectorData) data).elements();
    for (Data m : inner) {
      if (isBatch(m)) {
        flatten(m, out);
      } else {
        out.add(m);
      }
    }
  }

  /**
   * @return how many messages {@code data} stands for, counted as {@link #unbatch} would split it, without
   *     building the list: a batch's (flattened) messages, broker-benchmark's vector's elements, else 1
   */
  public static long eventCount(Data data) {
    if (!isBatch(data) && !isMessageVector(data)) {
      return 1;
    }
    long n = 0;
    for (Data m : isBatch(data) ? messages(data) : ((VectorData) data).elements()) {
      n += isBatch(m) ? eventCount(m) : 1;
    }
    return n;
  }

  /** @return whether {@code data} is a non-empty bare vector of Zeek messages (broker-benchmark's batch form) */
  private static boolean isMessageVector(Data data) {
    if (!(data instanceof VectorData v) || v.isEmpty() || isZeekMessage(data)) {
      return false;
    }
    for (int i = 0; i < v.size(); i++) {
      if (!isZeekMessage(v.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** @return whether {@code data} has the outer shape of a Zeek message: {@code [1, type, [...]]}, type 1–5 */
  static boolean isZeekMessage(Data data) {
    if (!(data instanceof VectorData v) || v.size() != 3 || !isCount(v.get(0), ZeekEvent.PROTOCOL_VERSION)
        || !(v.get(2) instanceof VectorData)) {
      return false;
    }
    return v.get(1) instanceof CountData t && t.bits() >= 1 && t.bits() <= MAX_MESSAGE_TYPE;
  }

  private static boolean isCount(Data d, long value) {
    return d instanceof CountData c && c.bits() == value;
  }
}
