package io.brokervx.store.impl;

import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.StringData;
import io.brokervx.data.VectorData;
import io.vertx.core.internal.logging.Logger;
import io.vertx.core.internal.logging.LoggerFactory;
import java.util.UUID;

/**
 * The master/clone protocol. Every message is a Broker vector whose first element names it:
 * <ul>
 *   <li>clone → master (topic {@code <name>/<$>/data/master}): {@code ["attach", session]},
 *       {@code ["write", session, seq, mutation]}, {@code ["ack", seq]}, {@code ["nack", [seq…]]};</li>
 *   <li>master → clone (topic {@code <name>/<$>/data/clone}): {@code ["snapshot", session, offset, table,
 *       incarnation]}, {@code ["events", firstSeq, [update…]]} and (retransmitted) {@code ["event", seq,
 *       update]} with update {@code ["put", k, v]}, {@code ["erase", k]},
 *       {@code ["expire", k]} or {@code ["clear"]}, {@code ["keepalive", seq, incarnation]},
 *       {@code ["result", session, seq, error, answer, eventSeq]}, {@code ["retransmit_failed", seq]},
 *       {@code ["reattach"]}.</li>
 * </ul>
 */
final class StoreMessages {
  static final String ATTACH = "attach";
  static final String WRITE = "write";
  static final String ACK = "ack";
  static final String NACK = "nack";
  static final String SNAPSHOT = "snapshot";
  static final String EVENT = "event";
  static final String EVENTS = "events";
  static final String KEEPALIVE = "keepalive";
  static final String RESULT = "result";
  static final String RETRANSMIT_FAILED = "retransmit_failed";
  static final String REATTACH = "reattach";
  static final String PUT = "put";
  static final String ERASE = "erase";
  static final String EXPIRE = "expire";
  static final String CLEAR = "clear";

  private static final Logger LOG = LoggerFactory.getLogger(StoreMessages.class);

  private StoreMessages() {
  }

  /** Handles one protocol message, given its tag. */
  interface Handler {
    /** Handles {@code message}, tagged {@code tag}, from {@code sender}. */
    void handle(UUID sender, String tag, Data message);
  }

  /**
   * Hands {@code m} to {@code handler} by its tag; a message that is not one of ours, or that the handler
   * finds malformed, is logged and dropped — it never disturbs the store.
   */
  static void dispatch(String store, UUID sender, Data m, Handler handler) {
    try {
      String tag = tag(m);
      if (tag == null) {
        throw new IllegalArgumentException("not a store message");
      }
      handler.handle(sender, tag, m);
    } catch (RuntimeException e) {
      LOG.warn("store " + store + ": bad message from " + sender + ": " + e.getMessage());
    }
  }

  /** @return the message {@code [tag, fields…]} */
  static Data message(String tag, Data... fields) {
    Data[] all = new Data[fields.length + 1];
    all[0] = Data.string(tag);
    System.arraycopy(fields, 0, all, 1, fields.length);
    return Data.vector(all);
  }

  /** @return the tag of {@code m}, or null when it is not a protocol message */
  static String tag(Data m) {
    return m instanceof VectorData v && v.size() > 0 && v.get(0) instanceof StringData s ? s.value() : null;
  }

  /** @return field {@code i} (after the tag) of {@code m} */
  static Data field(Data m, int i) {
    VectorData v = (VectorData) m;
    if (i + 1 >= v.size()) {
      throw new IllegalArgumentException("store message " + m + " has no field " + i);
    }
    return v.get(i + 1);
  }

  /** @return field {@code i} of {@code m} as a number */
  static long number(Data m, int i) {
    if (field(m, i) instanceof CountData c) {
      return c.bits();
    }
    throw new IllegalArgumentException("store message " + m + ": field " + i + " is not a count");
  }
}
