package io.brokervx.store.impl;

import io.brokervx.data.CountData;
import io.brokervx.data.Data;
import io.brokervx.data.IntegerData;
import io.brokervx.data.RealData;
import io.brokervx.data.SetData;
import io.brokervx.data.StringData;
import io.brokervx.data.TableData;
import io.brokervx.data.TimespanData;
import io.brokervx.data.TimestampData;
import io.brokervx.data.VectorData;
import io.brokervx.error.ErrorCode;
import io.brokervx.error.BrokerException;

/**
 * The meaning of every store operation, as a pure function of the current entry. The rule: Broker's
 * data-store documentation first, Broker's implementation where the documentation is silent (design §5):
 * increment on a missing key starts from a zero of the amount's type (a timespan starts a timestamp),
 * count arithmetic wraps, decrement needs the key, vectors take insertions and removals at an index,
 * push and pop apply to vectors only, and a mutation without an expiry keeps the current one (put
 * replaces the entry, expiry included). A rejected mutation changes nothing.
 */
final class Semantics {
  private Semantics() {
  }

  /**
   * @param m the mutation (not clear, which the master applies to every key)
   * @param current the key's entry, or null when absent
   * @param now the master's clock, nanoseconds since the epoch
   * @return what the mutation does
   */
  public static Outcome apply(Mutation m, Entry current, long now) {
    long expiry = m.expiryNanos() >= 0 ? now + m.expiryNanos() : -1;
    long kept = m.expiryNanos() >= 0 ? expiry : current == null ? -1 : current.expiresAt();
    Data v = current == null ? null : current.value();
    switch (m.op()) {
      case PUT:
        return Outcome.write(m.arg(0), expiry);
      case PUT_UNIQUE:
        return v != null ? Outcome.none(Data.bool(false)) : Outcome.write(m.arg(0), expiry, Data.bool(true));
      case ERASE:
        return v == null ? Outcome.none(Data.none()) : Outcome.delete();
      case INCREMENT: {
        Data start = v != null ? v : zeroFor(m.arg(0));
        if (start == null) {
          return Outcome.fail(ErrorCode.TYPE_CLASH, "cannot increment by a " + m.arg(0).type().jsonName());
        }
        Data sum = add(start, m.arg(0), 1);
        return sum == null ? clash("increment", start, m.arg(0)) : Outcome.write(sum, kept);
      }
      case DECREMENT: {
        if (v == null) {
          return Outcome.fail(ErrorCode.NO_SUCH_KEY, "decrement of a missing key");
        }
        Data diff = add(v, m.arg(0), -1);
        return diff == null ? clash("decrement", v, m.arg(0)) : Outcome.write(diff, kept);
      }
      case APPEND: {
        Data start = v != null ? v : Data.string("");
        if (!(start instanceof StringData s) || !(m.arg(0) instanceof StringData t)) {
          return clash("append", start, m.arg(0));
        }
        byte[] joined = new byte[s.utf8Length() + t.utf8Length()];
        t.copyUtf8(joined, s.copyUtf8(joined, 0));
        return Outcome.write(StringData.ofUtf8(joined), kept);
      }
      case INSERT_INTO:
        return m.args().size() == 1 ? insertIntoSet(v, m.arg(0), kept) : insertAt(v, m.arg(0), m.arg(1), kept);
      case REMOVE_FROM:
        return removeFrom(v, m.arg(0), kept);
      case PUSH: {
        if (v == null) {
          return Outcome.write(Data.vector(m.arg(0)), kept);
        }
        if (!(v instanceof VectorData vec)) {
          return clash("push onto", v, m.arg(0));
        }
        return Outcome.write(vec.inserted(vec.size(), m.arg(0)), kept);
      }
      case POP: {
        if (v == null) {
          return Outcome.fail(ErrorCode.NO_SUCH_KEY, "pop of a missing key");
        }
        if (!(v instanceof VectorData vec)) {
          return Outcome.fail(ErrorCode.TYPE_CLASH, "pop from a " + v.type().jsonName());
        }
        return Outcome.write(vec.isEmpty() ? vec : vec.removed(vec.size() - 1), kept);
      }
      default:
        throw new IllegalArgumentException("not a per-key mutation: " + m.op());
    }
  }

  private static Outcome clash(String what, Data target, Data arg) {
    return Outcome.fail(ErrorCode.TYPE_CLASH, what + " a " + target.type().jsonName() + " with a " + arg.type().jsonName());
  }

  private static Data zeroFor(Data amount) {
    if (amount instanceof CountData) {
      return Data.count(0);
    }
    if (amount instanceof IntegerData) {
      return Data.integer(0);
    }
    if (amount instanceof RealData) {
      return Data.real(0);
    }
    if (amount instanceof TimespanData) {
      return Data.timestamp(0);
    }
    return null;
  }

  /** @return {@code a + sign*b} for the allowed type pairs, or null on a type clash */
  private static Data add(Data a, Data b, int sign) {
    if (a instanceof CountData x && b instanceof CountData y) {
      return Data.count(x.bits() + sign * y.bits());
    }
    if (a instanceof IntegerData x && b instanceof IntegerData y) {
      return Data.integer(x.value() + sign * y.value());
    }
    if (a instanceof RealData x && b instanceof RealData y) {
      return Data.real(x.value() + sign * y.value());
    }
    if (a instanceof TimespanData x && b instanceof TimespanData y) {
      return Data.timespan(x.nanos() + sign * y.nanos());
    }
    if (a instanceof TimestampData x && b instanceof TimespanData y) {
      return Data.timestamp(x.nanos() + sign * y.nanos());
    }
    return null;
  }

  private static Outcome insertIntoSet(Data v, Data element, long kept) {
    if (v == null) {
      return Outcome.write(Data.set(element), kept);
    }
    if (!(v instanceof SetData s)) {
      return clash("insert into", v, element);
    }
    return Outcome.write(s.with(element), kept);
  }

  private static Outcome insertAt(Data v, Data index, Data value, long kept) {
    if (v == null) {
      return Outcome.write(TableData.ofArrays(new Data[] {index}, new Data[] {value}), kept);
    }
    if (v instanceof TableData t) {
      return Outcome.write(t.with(index, value), kept);
    }
    if (v instanceof VectorData vec) {
      long i;
      try {
        i = position(index);
      } catch (BrokerException e) {
        return Outcome.fail(e.error(), e.getMessage());
      }
      if (i > vec.size()) {
        return Outcome.fail(ErrorCode.NO_SUCH_KEY, "index " + i + " beyond the vector's end " + vec.size());
      }
      return Outcome.write(vec.inserted((int) i, value), kept);
    }
    return clash("insert into", v, value);
  }

  private static Outcome removeFrom(Data v, Data index, long kept) {
    if (v == null) {
      return Outcome.fail(ErrorCode.NO_SUCH_KEY, "remove_from a missing key");
    }
    if (v instanceof SetData s) {
      return Outcome.write(s.without(index), kept);
    }
    if (v instanceof TableData t) {
      return Outcome.write(t.without(index), kept);
    }
    if (v instanceof VectorData vec) {
      long i;
      try {
        i = position(index);
      } catch (BrokerException e) {
        return Outcome.fail(e.error(), e.getMessage());
      }
      if (i >= vec.size()) {
        return Outcome.fail(ErrorCode.NO_SUCH_KEY, "index " + i + " out of range 0.." + (vec.size() - 1));
      }
      return Outcome.write(vec.removed((int) i), kept);
    }
    return clash("remove from", v, index);
  }

  /** @return a vector position: a count or a non-negative integer @throws BrokerException otherwise */
  static long position(Data index) {
    if (index instanceof CountData c) {
      return c.bits() < 0 ? Long.MAX_VALUE : c.bits();
    }
    if (index instanceof IntegerData i) {
      if (i.value() < 0) {
        throw new BrokerException(ErrorCode.NO_SUCH_KEY, "negative vector index " + i.value());
      }
      return i.value();
    }
    throw new BrokerException(ErrorCode.TYPE_CLASH, "a vector index must be a count or an integer, not a "
        + index.type().jsonName());
  }

  /**
   * {@code get_index_from_value}: an element of a vector, membership in a set, a value of a table.
   *
   * @throws BrokerException no_such_key for a missing key or index, type_clash for a scalar or a bad index type
   */
  public static Data indexFromValue(Data v, Data index) {
    if (v == null) {
      throw new BrokerException(ErrorCode.NO_SUCH_KEY, "missing key");
    }
    if (v instanceof VectorData vec) {
      long i = position(index);
      if (i >= vec.size()) {
        throw new BrokerException(ErrorCode.NO_SUCH_KEY, "index " + i + " out of range");
      }
      return vec.get((int) i);
    }
    if (v instanceof SetData s) {
      return Data.bool(s.contains(index));
    }
    if (v instanceof TableData t) {
      Data r = t.get(index);
      if (r == null) {
        throw new BrokerException(ErrorCode.NO_SUCH_KEY, "no entry " + index + " in the table");
      }
      return r;
    }
    throw new BrokerException(ErrorCode.TYPE_CLASH, "get_index_from_value on a " + v.type().jsonName());
  }
}
