package io.brokervx.store.impl.protocol;

import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The content of a Broker {@code internal_command}: one record per alternative of Broker's
 * {@code internal_command_variant}, in wire order ({@link #variantIndex()} 0–13). Three sealed families
 * mirror Broker's {@code command_tag}: {@link Action}s change the store and travel as channel events;
 * {@link ProducerControl} goes from a channel's producer to its consumers; {@link ConsumerControl} goes back.
 * {@code toString()} renders each as Broker's {@code deep_to_string} does, e.g. {@code put(k, 1, null, none)}.
 * Optional expiries are {@code null} when absent.
 */
public sealed interface StoreCommand {
  /** @return this alternative's index in Broker's variant (its first byte on the wire) */
  int variantIndex();

  /** A change to the store: ordered, numbered payload of a channel. */
  sealed interface Action extends StoreCommand {
    /** @return the entity that made the change */
    EntityId publisher();
  }

  /** A message from a channel's producer to its consumers. */
  sealed interface ProducerControl extends StoreCommand {
  }

  /** A message from a channel's consumer to its producer. */
  sealed interface ConsumerControl extends StoreCommand {
  }

  /** {@code put}: set {@code key} to {@code value}, with an expiry or none. */
  record Put(Data key, Data value, Duration expiry, EntityId publisher) implements Action {
    /** Checks that everything but the expiry is present. */
    public Put {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 0;
    }

    @Override
    public String toString() {
      return "put(" + key + ", " + value + ", " + CafText.optional(expiry) + ", " + publisher + ")";
    }
  }

  /** {@code put_unique}: insert only if {@code key} is absent; the master answers {@link PutUniqueResult}. */
  record PutUnique(Data key, Data value, Duration expiry, EntityId who, long reqId, EntityId publisher)
      implements Action {
    /** Checks that everything but the expiry is present. */
    public PutUnique {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(who, "who");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 1;
    }

    @Override
    public String toString() {
      return "put_unique(" + key + ", " + value + ", " + CafText.optional(expiry) + ", " + who + ", "
          + Long.toUnsignedString(reqId) + ", " + publisher + ")";
    }
  }

  /** {@code put_unique_result}: the master's answer to request {@code reqId} of {@code who}. */
  record PutUniqueResult(boolean inserted, EntityId who, long reqId, EntityId publisher) implements Action {
    /** Checks that the entities are present. */
    public PutUniqueResult {
      Objects.requireNonNull(who, "who");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 2;
    }

    @Override
    public String toString() {
      return "put_unique_result(" + inserted + ", " + who + ", " + Long.toUnsignedString(reqId) + ", "
          + publisher + ")";
    }
  }

  /** {@code erase}: remove {@code key}. */
  record Erase(Data key, EntityId publisher) implements Action {
    /** Checks that both fields are present. */
    public Erase {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 3;
    }

    @Override
    public String toString() {
      return "erase(" + key + ", " + publisher + ")";
    }
  }

  /** {@code expire}: the master removed {@code key} because its expiry passed. */
  record Expire(Data key, EntityId publisher) implements Action {
    /** Checks that both fields are present. */
    public Expire {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 4;
    }

    @Override
    public String toString() {
      return "expire(" + key + ", " + publisher + ")";
    }
  }

  /** {@code add}: add {@code value} to the entry, creating a zero of {@code initType} when it is absent. */
  record Add(Data key, Data value, DataType initType, Duration expiry, EntityId publisher) implements Action {
    /** Checks that everything but the expiry is present. */
    public Add {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(initType, "initType");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 5;
    }

    @Override
    public String toString() {
      return "add(" + key + ", " + value + ", " + initType.tag() + ", " + CafText.optional(expiry) + ", "
          + publisher + ")";
    }
  }

  /** {@code subtract}: subtract {@code value} from the entry. */
  record Subtract(Data key, Data value, Duration expiry, EntityId publisher) implements Action {
    /** Checks that everything but the expiry is present. */
    public Subtract {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 6;
    }

    @Override
    public String toString() {
      return "subtract(" + key + ", " + value + ", " + CafText.optional(expiry) + ", " + publisher + ")";
    }
  }

  /** {@code clear}: remove every entry. */
  record Clear(EntityId publisher) implements Action {
    /** Checks that the publisher is present. */
    public Clear {
      Objects.requireNonNull(publisher, "publisher");
    }

    @Override
    public int variantIndex() {
      return 7;
    }

    @Override
    public String toString() {
      return "clear(" + publisher + ")";
    }
  }

  /** {@code attach_writer}: a clone's writer channel handshake towards the master. */
  record AttachWriter(long offset, int heartbeatInterval) implements ProducerControl {
    /** Checks that the interval fits Broker's 16-bit tick count. */
    public AttachWriter {
      CafText.checkTicks(heartbeatInterval);
    }

    @Override
    public int variantIndex() {
      return 8;
    }

    @Override
    public String toString() {
      return "attach_writer(" + Long.toUnsignedString(offset) + ", " + heartbeatInterval + ")";
    }
  }

  /** {@code keepalive}: the producer is alive and its latest sequence number is {@code seq}. */
  record Keepalive(long seq) implements ProducerControl {
    @Override
    public int variantIndex() {
      return 9;
    }

    @Override
    public String toString() {
      return "keepalive(" + Long.toUnsignedString(seq) + ")";
    }
  }

  /** {@code cumulative_ack}: the consumer has processed every event up to and including {@code seq}. */
  record CumulativeAck(long seq) implements ConsumerControl {
    @Override
    public int variantIndex() {
      return 10;
    }

    @Override
    public String toString() {
      return "cumulative_ack(" + Long.toUnsignedString(seq) + ")";
    }
  }

  /** {@code nack}: please retransmit {@code seqs} (ascending); {@code [0]} asks for the handshake. */
  record Nack(List<Long> seqs) implements ConsumerControl {
    /** Copies the list. */
    public Nack {
      seqs = List.copyOf(seqs);
    }

    @Override
    public int variantIndex() {
      return 11;
    }

    @Override
    public String toString() {
      return seqs.stream().map(Long::toUnsignedString).collect(Collectors.joining(", ", "nack([", "])"));
    }
  }

  /**
   * {@code ack_clone}: the master's handshake to a clone, carrying the full snapshot. The state keeps the
   * order it was given in (Broker sends an {@code unordered_map}, so any order is valid on the wire).
   */
  record AckClone(long offset, int heartbeatInterval, Map<Data, Data> state) implements ProducerControl {
    /** Checks the interval and copies the state, keeping its order. */
    public AckClone {
      CafText.checkTicks(heartbeatInterval);
      state.forEach((k, v) -> {
        Objects.requireNonNull(k, "state key");
        Objects.requireNonNull(v, "state value");
      });
      state = Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }

    @Override
    public int variantIndex() {
      return 12;
    }

    @Override
    public String toString() {
      return "ack_clone(" + Long.toUnsignedString(offset) + ", " + heartbeatInterval + ", " + state.entrySet()
          .stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", ", "{", "}")) + ")";
    }
  }

  /** {@code retransmit_failed}: the producer no longer has event {@code seq}. */
  record RetransmitFailed(long seq) implements ProducerControl {
    @Override
    public int variantIndex() {
      return 13;
    }

    @Override
    public String toString() {
      return "retransmit_failed(" + Long.toUnsignedString(seq) + ")";
    }
  }
}
