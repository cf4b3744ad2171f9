package io.plumbago.carbon.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A Python tuple read by {@link PickleDecoder}: an unmodifiable list of its items, told apart from a list. */
public record PickleTuple(List<Object> items) {
  /** Copies the items (which may include nulls). */
  public PickleTuple {
    items = Collections.unmodifiableList(new ArrayList<>(items));
  }

  /** The number of items. */
  public int size() {
    return items.size();
  }

  /** Item {@code i}. */
  public Object get(int i) {
    return items.get(i);
  }
}
