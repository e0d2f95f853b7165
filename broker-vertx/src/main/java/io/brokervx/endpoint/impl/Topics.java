package io.brokervx.endpoint.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Topic filters: sorted, minimal lists of prefixes, matched by raw string prefix as Broker does. */
final class Topics {
  private Topics() {
  }

  /** @return whether some prefix of {@code filter} is a prefix of {@code topic} */
  static boolean matches(List<String> filter, String topic) {
    for (int i = 0; i < filter.size(); i++) {
      if (topic.startsWith(filter.get(i))) {
        return true;
      }
    }
    return false;
  }

  /** @return the sorted prefixes of {@code topics} without those another one already covers */
  static List<String> minimize(Collection<String> topics) {
    List<String> out = new ArrayList<>();
    for (String t : new TreeSet<>(topics)) {
      if (out.isEmpty() || !t.startsWith(out.get(out.size() - 1))) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }
}
