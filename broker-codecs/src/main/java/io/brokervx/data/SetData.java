package io.brokervx.data;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Broker's {@code set}: distinct values kept in the total order of {@link Data}. Ordered
 * lexicographically; rendered as {@code {a, b}}.
 */
public final class SetData implements Data {
  private static final SetData EMPTY = new SetData(new Data[0]);

  private final Data[] elements;
  private int hash;

  private SetData(Data[] sortedDistinct) {
    this.elements = sortedDistinct;
  }

  /** @return the set of {@code elements} (copied; duplicates collapse) */
  public static SetData of(Data... elements) {
    if (elements.length == 0) {
      return EMPTY;
    }
    Data[] sorted = elements.clone();
    for (Data d : sorted) {
      Objects.requireNonNull(d, "set element");
    }
    if (!isStrictlySorted(sorted)) {
      Arrays.sort(sorted);
      sorted = distinct(sorted);
    }
    return new SetData(sorted);
  }

  /**
   * Makes a set of {@code elements} without copying: the caller gives the array up (it is sorted in place)
   * and must not change it afterwards. Duplicates collapse.
   *
   * @throws NullPointerException when an element is null
   */
  public static SetData wrap(Data[] elements) {
    if (elements.length == 0) {
      return EMPTY;
    }
    for (Data d : elements) {
      Objects.requireNonNull(d, "set element");
    }
    if (isStrictlySorted(elements)) {
      return new SetData(elements);
    }
    Arrays.sort(elements);
    return new SetData(distinct(elements));
  }

  private static boolean isStrictlySorted(Data[] a) {
    for (int i = 1; i < a.length; i++) {
      if (a[i - 1].compareTo(a[i]) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static Data[] distinct(Data[] sorted) {
    int n = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (n == 0 || sorted[n - 1].compareTo(sorted[i]) != 0) {
        sorted[n++] = sorted[i];
      }
    }
    return n == sorted.length ? sorted : Arrays.copyOf(sorted, n);
  }

  /** @return the number of elements */
  public int size() {
    return elements.length;
  }

  /** @return whether the set has no elements */
  public boolean isEmpty() {
    return elements.length == 0;
  }

  /** @return whether {@code value} is an element */
  public boolean contains(Data value) {
    return Arrays.binarySearch(elements, value) >= 0;
  }

  /** @return the element at {@code index} in the set's order */
  public Data get(int index) {
    return elements[index];
  }

  /** @return an unmodifiable view of the elements, in order */
  public List<Data> elements() {
    return DataOrder.listView(elements);
  }

  /** @return an unmodifiable {@link Set} view, iterating in order */
  public Set<Data> asSet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Data> iterator() {
        return elements().iterator();
      }

      @Override
      public int size() {
        return elements.length;
      }

      @Override
      public boolean contains(Object o) {
        return o instanceof Data d && SetData.this.contains(d);
      }
    };
  }

  /** @return this set with {@code value} added (this set itself when already present) */
  public SetData with(Data value) {
    int i = Arrays.binarySearch(elements, Objects.requireNonNull(value));
    if (i >= 0) {
      return this;
    }
    int at = -i - 1;
    Data[] n = new Data[elements.length + 1];
    System.arraycopy(elements, 0, n, 0, at);
    n[at] = value;
    System.arraycopy(elements, at, n, at + 1, elements.length - at);
    return new SetData(n);
  }

  /** @return this set without {@code value} (this set itself when absent) */
  public SetData without(Data value) {
    int i = Arrays.binarySearch(elements, value);
    if (i < 0) {
      return this;
    }
    Data[] n = new Data[elements.length - 1];
    System.arraycopy(elements, 0, n, 0, i);
    System.arraycopy(elements, i + 1, n, i, elements.length - i - 1);
    return new SetData(n);
  }

  @Override
  public DataType type() {
    return DataType.SET;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof SetData s ? DataOrder.compareSequences(elements, s.elements) : DataOrder.compareTypes(this, o);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof SetData s && Arrays.equals(elements, s.elements));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(elements) ^ 0x5e7;
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < elements.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(elements[i]);
    }
    return sb.append('}').toString();
  }
}
