package io.brokervx.store.impl;

import io.brokervx.codec.BinaryFormat;
import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.data.SetData;
import io.brokervx.data.TableData;
import io.brokervx.data.VectorData;
import io.brokervx.store.impl.protocol.EntityId;
import io.brokervx.store.impl.protocol.StoreCommand.Action;
import io.brokervx.store.impl.protocol.StoreCommand.Add;
import io.brokervx.store.impl.protocol.StoreCommand.Clear;
import io.brokervx.store.impl.protocol.StoreCommand.Erase;
import io.brokervx.store.impl.protocol.StoreCommand.Expire;
import io.brokervx.store.impl.protocol.StoreCommand.Put;
import io.brokervx.store.impl.protocol.StoreCommand.PutUnique;
import io.brokervx.store.impl.protocol.StoreCommand.Subtract;
import java.time.Duration;
import java.util.List;

/**
 * Maps our {@link Mutation}s onto Broker's store commands and back, as Broker's {@code store} API does:
 * every convenience operation becomes {@code put}, {@code put_unique}, {@code erase}, {@code clear},
 * {@code add(key, value, init_type)} or {@code subtract(key, value)}. Going back, {@code add} is told apart
 * by its init type (string: append, set: insert_into, table: insert_into with an index, vector: push, a
 * number: increment) and {@code subtract} by the stored value (a number: decrement; a vector: pop when
 * the value is the key itself, as Broker's {@code pop} sends it, else remove_from; a set or table:
 * remove_from).
 */
final class Commands {
  private Commands() {
  }

  /** @return the command that carries {@code m}, made by {@code publisher}; {@code reqId} names a put_unique */
  static Action toAction(Mutation m, EntityId publisher, long reqId) {
    Duration e = m.expiryNanos() < 0 ? null : Duration.ofNanos(m.expiryNanos());
    return switch (m.op()) {
      case PUT -> new Put(m.key(), m.arg(0), e, publisher);
      case PUT_UNIQUE -> new PutUnique(m.key(), m.arg(0), e, publisher, reqId, publisher);
      case ERASE -> new Erase(m.key(), publisher);
      case CLEAR -> new Clear(publisher);
      case INCREMENT -> new Add(m.key(), m.arg(0), initTypeOf(m.arg(0)), e, publisher);
      case DECREMENT -> new Subtract(m.key(), m.arg(0), e, publisher);
      case APPEND -> new Add(m.key(), m.arg(0), DataType.STRING, e, publisher);
      case INSERT_INTO -> m.args().size() == 1 ? new Add(m.key(), m.arg(0), DataType.SET, e, publisher)
          : new Add(m.key(), Data.vector(m.arg(0), m.arg(1)), DataType.TABLE, e, publisher);
      case REMOVE_FROM -> new Subtract(m.key(), m.arg(0), e, publisher);
      case PUSH -> new Add(m.key(), m.arg(0), DataType.VECTOR, e, publisher);
      case POP -> new Subtract(m.key(), m.key(), e, publisher);
    };
  }

  /** Broker's {@code increment}: the init type follows the amount, a timespan starts a timestamp. */
  private static DataType initTypeOf(Data amount) {
    return switch (amount.type()) {
      case COUNT, INTEGER, REAL -> amount.type();
      case TIMESPAN -> DataType.TIMESTAMP;
      default -> DataType.NONE;
    };
  }

  /**
   * @param a a write received from a writer (not {@code put_unique_result} or {@code expire})
   * @param current the key's current value, or null
   * @return the mutation it asks for
   * @throws IllegalArgumentException when it is not a write (or an {@code add} of a table without a
   *     {@code [index, value]} pair)
   */
  static Mutation toMutation(Action a, Data current) {
    if (a instanceof Put p) {
      return new Mutation(Mutation.Op.PUT, p.key(), List.of(p.value()), nanos(p.expiry()));
    }
    if (a instanceof PutUnique p) {
      return new Mutation(Mutation.Op.PUT_UNIQUE, p.key(), List.of(p.value()), nanos(p.expiry()));
    }
    if (a instanceof Erase x) {
      return new Mutation(Mutation.Op.ERASE, x.key(), List.of(), -1);
    }
    if (a instanceof Clear) {
      return new Mutation(Mutation.Op.CLEAR, Data.none(), List.of(), -1);
    }
    if (a instanceof Add x) {
      long e = nanos(x.expiry());
      return switch (x.initType()) {
        case STRING -> new Mutation(Mutation.Op.APPEND, x.key(), List.of(x.value()), e);
        case SET -> new Mutation(Mutation.Op.INSERT_INTO, x.key(), List.of(x.value()), e);
        case VECTOR -> new Mutation(Mutation.Op.PUSH, x.key(), List.of(x.value()), e);
        case TABLE -> {
          if (!(x.value() instanceof VectorData pair) || pair.size() != 2) {
            throw new IllegalArgumentException("an add to a table needs an [index, value] pair, not " + x.value());
          }
          yield new Mutation(Mutation.Op.INSERT_INTO, x.key(), List.of(pair.get(0), pair.get(1)), e);
        }
        default -> new Mutation(Mutation.Op.INCREMENT, x.key(), List.of(x.value()), e);
      };
    }
    if (a instanceof Subtract x) {
      long e = nanos(x.expiry());
      Mutation.Op op;
      if (current instanceof VectorData) {
        op = x.value().equals(x.key()) ? Mutation.Op.POP : Mutation.Op.REMOVE_FROM;
      } else if (current instanceof SetData || current instanceof TableData) {
        op = Mutation.Op.REMOVE_FROM;
      } else {
        op = Mutation.Op.DECREMENT;
      }
      return new Mutation(op, x.key(), op == Mutation.Op.POP ? List.of() : List.of(x.value()), e);
    }
    throw new IllegalArgumentException("not a write: " + a);
  }

  private static long nanos(Duration d) {
    return d == null ? -1 : d.toNanos();
  }

  /** @return a store event's publisher: the endpoint of {@code a}'s publisher */
  static java.util.UUID publisherOf(Action a) {
    return a.publisher().isNil() ? null : a.publisher().endpoint();
  }

  /** @return an estimate of {@code a}'s size in bytes, for the channel's buffer bounds */
  static int sizeOf(Action a) {
    if (a instanceof Put p) {
      return 48 + BinaryFormat.encodedSize(p.key()) + BinaryFormat.encodedSize(p.value());
    }
    if (a instanceof PutUnique p) {
      return 72 + BinaryFormat.encodedSize(p.key()) + BinaryFormat.encodedSize(p.value());
    }
    if (a instanceof Add x) {
      return 48 + BinaryFormat.encodedSize(x.key()) + BinaryFormat.encodedSize(x.value());
    }
    if (a instanceof Subtract x) {
      return 48 + BinaryFormat.encodedSize(x.key()) + BinaryFormat.encodedSize(x.value());
    }
    if (a instanceof Erase x) {
      return 48 + BinaryFormat.encodedSize(x.key());
    }
    if (a instanceof Expire x) {
      return 48 + BinaryFormat.encodedSize(x.key());
    }
    return 64;
  }

  /** @return the key {@code a} writes ({@code none} for clear) */
  static Data keyOf(Action a) {
    if (a instanceof Put p) {
      return p.key();
    } else if (a instanceof PutUnique p) {
      return p.key();
    } else if (a instanceof Erase e) {
      return e.key();
    } else if (a instanceof Add x) {
      return x.key();
    } else if (a instanceof Subtract x) {
      return x.key();
    }
    return Data.none();
  }
}
