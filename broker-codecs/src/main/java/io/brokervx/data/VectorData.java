package io.brokervx.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Broker's {@code vector} (a list): values in order. Ordered lexicographically; rendered as
 * {@code (a, b, c)}. Zeek records and events travel as vectors.
 */
public final class VectorData implements Data {
  private static final VectorData EMPTY = new VectorData(new Data[0]);

  private final Data[] elements;
  private int hash;

  private VectorData(Data[] elements) {
    this.elements = elements;
  }

  /** @return the vector of {@code elements} (copied), in order */
  public static VectorData of(Data... elements) {
    if (elements.length == 0) {
      return EMPTY;
    }
    Data[] copy = elements.clone();
    for (Data d : copy) {
      Objects.requireNonNull(d, "vector element");
    }
    return new VectorData(copy);
  }

  /**
   * Wraps {@code elements} without copying: the caller gives the array up and must not change it
   * afterwards. For decoders and builders that made the array themselves.
   *
   * @throws NullPointerException when an element is null
   */
  public static VectorData wrap(Data[] elements) {
    if (elements.length == 0) {
      return EMPTY;
    }
    for (Data d : elements) {
      Objects.requireNonNull(d, "vector element");
    }
    return new VectorData(elements);
  }

  /** @return the number of elements */
  public int size() {
    return elements.length;
  }

  /** @return whether the vector has no elements */
  public boolean isEmpty() {
    return elements.length == 0;
  }

  /** @return the element at {@code index} */
  public Data get(int index) {
    return elements[index];
  }

  /** @return an unmodifiable view of the elements */
  public List<Data> elements() {
    return DataOrder.listView(elements);
  }

  /** @return a vector with {@code value} inserted at {@code index} (0 ≤ index ≤ size) */
  public VectorData inserted(int index, Data value) {
    Objects.checkIndex(index, elements.length + 1);
    Data[] n = new Data[elements.length + 1];
    System.arraycopy(elements, 0, n, 0, index);
    n[index] = Objects.requireNonNull(value);
    System.arraycopy(elements, index, n, index + 1, elements.length - index);
    return new VectorData(n);
  }

  /** @return a vector without the element at {@code index} */
  public VectorData removed(int index) {
    Objects.checkIndex(index, elements.length);
    Data[] n = new Data[elements.length - 1];
    System.arraycopy(elements, 0, n, 0, index);
    System.arraycopy(elements, index + 1, n, index, elements.length - index - 1);
    return new VectorData(n);
  }

  @Override
  public DataType type() {
    return DataType.VECTOR;
  }

  @Override
  public int compareTo(Data o) {
    return o instanceof VectorData v ? DataOrder.compareSequences(elements, v.elements) : DataOrder.compareTypes(this, o);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || (o instanceof VectorData v && Arrays.equals(elements, v.elements));
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(elements);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < elements.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(elements[i]);
    }
    return sb.append(')').toString();
  }
}
