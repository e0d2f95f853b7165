package io.brokervx.data;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Broker's {@code table}: a map from values to values, keys kept in the total order of {@link Data}.
 * Ordered lexicographically by entry (key, then value); rendered as {@code {k -> v, …}}.
 */
public final class TableData implements Data {
  private static final TableData EMPTY = new TableData(new Data[0], new Data[0]);

  private final Data[] keys;
  private final Data[] values;
  private int hash;

  private TableData(Data[] sortedKeys, Data[] values) {
    this.keys = sortedKeys;
    this.values = values;
  }

  /** @return the table holding the entries of {@code entries} */
  public static TableData of(Map<? extends Data, ? extends Data> entries) {
    Data[] k = new Data[entries.size()];
    Data[] v = new Data[entries.size()];
    int i = 0;
    for (Map.Entry<? extends Data, ? extends Data> e : entries.entrySet()) {
      k[i] = Objects.requireNonNull(e.getKey(), "table key");
      v[i++] = Objects.requireNonNull(e.getValue(), "table value");
    }
    return ofEntries(k, v);
  }

  /**
   * @param keys the keys (the array is taken over, not copied)
   * @param values the values, index for index (taken over, not copied)
   * @return the table; when a key repeats, its last value wins
   */
  static TableData ofEntries(Data[] keys, Data[] values) {
    if (keys.length == 0) {
      return EMPTY;
    }
    for (int i = 1; i < keys.length; i++) {
      if (keys[i - 1].compareTo(keys[i]) >= 0) {
        return sortEntries(keys, values);
      }
    }
    return new TableData(keys, values);
  }

  private static TableData sortEntries(Data[] keys, Data[] values) {
    Integer[] order = new Integer[keys.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // stable: among equal keys the later entry comes last and wins below
    Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
    Data[] k = new Data[keys.length];
    Data[] v = new Data[keys.length];
    int n = 0;
    for (Integer idx : order) {
      if (n > 0 && k[n - 1].compareTo(keys[idx]) == 0) {
        v[n - 1] = values[idx];
      } else {
        k[n] = keys[idx];
        v[n++] = values[idx];
      }
    }
    return new TableData(Arrays.copyOf(k, n), Arrays.copyOf(v, n));
  }

  /**
   * Builds a table from parallel arrays of keys and values (copied).
   *
   * @return the table; when a key repeats, its last value wins
   * @throws IllegalArgumentException when the arrays differ in length
   */
  public static TableData ofArrays(Data[] keys, Data[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException("keys and values differ in length");
    }
    Data[] k = keys.clone();
    Data[] v = values.clone();
    for (int i = 0; i < k.length; i++) {
      Objects.requireNonNull(k[i], "table key");
      Objects.requireNonNull(v[i], "table value");
    }
    return ofEntries(k, v);
  }

  /** @return the number of entries */
  public int size() {
    return keys.length;
  }

  /** @return whether the table has no entries */
  public boolean isEmpty() {
    return keys.length == 0;
  }

  /** @return the value of {@code key}, or {@code null} when absent */
  public Data get(Data key) {
    int i = Arrays.binarySearch(keys, key);
    return i >= 0 ? values[i] : null;
  }

  /** @return whether {@code key} has an entry */
  public boolean containsKey(Data key) {
    return Arrays.binarySearch(keys, key) >= 0;
  }

  /** @return the key of the entry at {@code index} in key order */
  public Data keyAt(int index) {
    return keys[index];
  }

  /** @return the value of the entry at {@code index} in key order */
  public Data valueAt(int index) {
    return values[index];
  }

  /** @return an unmodifiable view of the keys, in order */
  public List<Data> keys() {
    return DataOrder.listView(keys);
  }

  /** @return an unmodifiable view of the values, in key order */
  public List<Data> values() {
    return DataOrder.listView(values);
  }

  /** @return an unmodifiable {@link Map} view, iterating in key order */
  public Map<Data, Data> asMap() {
    return new AbstractMap<>() {
      @Override
      public Data get(Object key) {
        return key instanceof Data d ? TableData.this.get(d) : null;
      }

      @Override
      public boolean containsKey(Object key) {
        return key instanceof Data d && TableData.this.containsKey(d);
      }

      @Override
      public Set<Entry<Data, Data>> entrySet() {
        return new AbstractSet<>() {
          @Override
          public Iterator<Entry<Data, Data>> iterator() {
            return new Iterator<>() {
              private int i;

              @Override
              public boolean hasNext() {
                return i < keys.length;
              }

              @Override
              public Entry<Data, Data> next() {
                if (i >= keys.length) {
                  throw new NoSuchElementException();
                }
                int at = i++;
                return new SimpleImmutableEntry<>(keys[at], values[at]);
              }
            };
          }

          @Override
          public int size() {
            return keys.length;
          }
        };
      }
    };
  }

  /** @return this table with {@code key} mapped to {@code value} */
  public TableData with(Data key, Data value) {
    Objects.requireNonNull(value);
    int i = Arrays.binarySearch(keys, Objects.requireNonNull(key));
    if (i >= 0) {
      Data[] v = values.clone();
      v[i] = value;
      return new TableData(keys, v);
    }
    int at = -i - 1;
    return new TableData(insert(keys, at, key), insert(values, at, value));
  }

  /** @return this table without an entry for {@code key} (this table itself when absent) */
  public TableData without(Data key) {
    int i = Arrays.binarySearch(keys, key);
    return i < 0 ? this : new TableData(remove(keys, i), remove(values, i));
  }

  private static Data[] insert(Data[] a, int at, Data d) {
    Data[] n = new Data[a.length + 1];
    System.arraycopy(a, 0, n, 0, at);
    n[at] = d;
    System.arraycopy(a, at, n, at + 1, a.length - at);
    return n;
  }

  private static Data[] remove(Data[] a, int at) {
    Data[] n = new Data[a.length - 1];
    System.arraycopy(a, 0, n, 0, at);
    System.arraycopy(a, at + 1, n, at, a.length - at - 1);
    return n;
  }

  @Override
  public DataType type() {
    return DataType.TABLE;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof TableData t
        ? DataOrder.compareEntries(keys, values, t.keys, t.values)
        : DataOrder.compareTypes(this, o);
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof TableData t && Arrays.equals(keys, t.keys) && Arrays.equals(values, t.values));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(keys) * 31 + Arrays.hashCode(values);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < keys.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(keys[i]).append(" -> ").append(values[i]);
    }
    return sb.append('}').toString();
  }
}
