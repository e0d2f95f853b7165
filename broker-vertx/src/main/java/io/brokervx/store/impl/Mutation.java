package io.brokervx.store.impl;

import io.brokervx.data.Data;
import io.brokervx.data.DataType;
import io.brokervx.data.TimespanData;
import io.brokervx.data.VectorData;
import java.util.ArrayList;
import java.util.List;

/**
 * A store mutation as it travels from a writer to the master: an operation, its key and arguments, and an
 * optional expiry (nanoseconds, or -1 for none). Encoded as a Broker vector
 * {@code [op, key, args..., expiry|nil]}.
 *
 * @param op the operation
 * @param key the key ({@code none} for clear)
 * @param args the operation's arguments (amount, value, index, ...)
 * @param expiryNanos the expiry relative to when the master applies it, or -1 for none
 */
record Mutation(Op op, Data key, List<Data> args, long expiryNanos) {
  /** The mutating operations of a store. */
  public enum Op {
    PUT(0), PUT_UNIQUE(1), ERASE(2), CLEAR(3), INCREMENT(4), DECREMENT(5), APPEND(6), INSERT_INTO(7),
    REMOVE_FROM(8), PUSH(9), POP(10);

    /** The operation's number on the wire. */
    final int code;

    Op(int code) {
      this.code = code;
    }

    /** @return the operation numbered {@code code} @throws IllegalArgumentException when there is none */
    static Op fromCode(long code) {
      for (Op op : values()) {
        if (op.code == code) {
          return op;
        }
      }
      throw new IllegalArgumentException("unknown store operation " + code);
    }
  }

  /** @return the Broker vector carrying this mutation */
  public Data toData() {
    List<Data> v = new ArrayList<>(args.size() + 3);
    v.add(Data.count(op.code));
    v.add(key);
    v.addAll(args);
    v.add(expiryNanos < 0 ? Data.none() : Data.timespan(expiryNanos));
    return Data.vector(v);
  }

  /** @return the mutation carried by {@code d} @throws IllegalArgumentException when it is not one */
  public static Mutation fromData(Data d) {
    if (!(d instanceof VectorData v) || v.size() < 3 || v.get(0).type() != DataType.COUNT) {
      throw new IllegalArgumentException("not a store mutation: " + d);
    }
    Op op = Op.fromCode(((io.brokervx.data.CountData) v.get(0)).bits());
    Data expiry = v.get(v.size() - 1);
    long e = expiry instanceof TimespanData t ? t.nanos() : -1;
    return new Mutation(op, v.get(1), List.copyOf(v.elements().subList(2, v.size() - 1)), e);
  }

  /** @return argument {@code i} */
  public Data arg(int i) {
    return args.get(i);
  }
}
