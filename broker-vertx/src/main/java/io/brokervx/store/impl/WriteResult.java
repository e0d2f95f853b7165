package io.brokervx.store.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.StringData;
import io.brokervx.data.VectorData;
import io.brokervx.error.BrokerException;
import io.brokervx.error.ErrorCode;
import io.vertx.core.buffer.Buffer;

/**
 * Our extension to Broker's store protocol, sent only from a broker-vertx master to a broker-vertx writer
 * (Broker's masters only log a failed write, and its clones never hear of it): the outcome of one write of
 * the writer's channel, and the number of the master's event that makes it visible, so the writer's
 * future fails with the master's error, or completes with its answer once the clone applied that event.
 * It travels on its own topic, {@code <name>/<$>/data/vx-result}, unicast, as the Broker vector
 * {@code [writer object id, writer seq, error code, answer or error text, event seq]}.
 *
 * @param writerObject the object id of the writer entity the write came from (a clone's session)
 * @param writerSeq the write's number on the writer channel
 * @param error the master's error, or {@link ErrorCode#NONE}
 * @param answer the answer (put_unique's boolean; {@code none} otherwise) or, on error, the error text
 * @param eventSeq the master's event carrying the change (0: none, visible at once)
 */
record WriteResult(long writerObject, long writerSeq, ErrorCode error, Data answer, long eventSeq) {
  /** @return the extension's topic for {@code store} */
  static String topic(String store) {
    return store + "/<$>/data/vx-result";
  }

  /** @return the result of a write that failed with {@code cause} */
  static WriteResult failed(long writerObject, long writerSeq, Throwable cause, long eventSeq) {
    BrokerException e = BrokerException.wrap(cause, ErrorCode.UNSPECIFIED);
    return new WriteResult(writerObject, writerSeq, e.error(), Data.string(e.getMessage()), eventSeq);
  }

  /** @return the wire form */
  Buffer encode() {
    return BinaryFormat.encode(Data.vector(Data.count(writerObject), Data.count(writerSeq), Data.count(error.code()),
        answer, Data.count(eventSeq)));
  }

  /** @return the result carried by {@code payload} @throws IllegalArgumentException when it is not one */
  static WriteResult decode(Buffer payload) {
    if (!(BinaryFormat.decode(payload) instanceof VectorData v) || v.size() != 5
        || !(v.get(0) instanceof CountData o) || !(v.get(1) instanceof CountData s)
        || !(v.get(2) instanceof CountData e) || !(v.get(4) instanceof CountData q)) {
      throw new IllegalArgumentException("not a write result");
    }
    return new WriteResult(o.bits(), s.bits(), ErrorCode.fromCode((int) e.bits()), v.get(3), q.bits());
  }

  /** @return the failure to hand the writer, or null on success */
  BrokerException failure() {
    if (error == ErrorCode.NONE) {
      return null;
    }
    String text = answer instanceof StringData t ? t.value() : String.valueOf(answer);
    return new BrokerException(error, text.replaceFirst("^[a-z_]+: ?", ""));
  }
}
