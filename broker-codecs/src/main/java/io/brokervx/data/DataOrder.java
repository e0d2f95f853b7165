package io.brokervx.data;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;

/** The parts of the total order, and the list view, shared by several value types. */
final class DataOrder {
  private DataOrder() {
  }

  /** @return an unmodifiable list view of {@code a} (the array is not copied; value types never change it) */
  static List<Data> listView(Data[] a) {
    return new AbstractList<>() {
      @Override
      public Data get(int index) {
        return a[index];
      }

      @Override
      public int size() {
        return a.length;
      }
    };
  }

  /** Orders two values by type tag; 0 when the types are the same. */
  static int compareTypes(Data a, Data b) {
    return Integer.compare(a.type().tag(), b.type().tag());
  }

  /** Lexicographic order of two element sequences, the shorter first on a common prefix. */
  static int compareSequences(Data[] a, Data[] b) {
    return Arrays.compare(a, b);
  }

  /** Lexicographic order of two tables' entry sequences: key, then value, entry by entry. */
  static int compareEntries(Data[] ak, Data[] av, Data[] bk, Data[] bv) {
    int n = Math.min(ak.length, bk.length);
    for (int i = 0; i < n; i++) {
      int c = ak[i].compareTo(bk[i]);
      if (c == 0) {
        c = av[i].compareTo(bv[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(ak.length, bk.length);
  }
}
