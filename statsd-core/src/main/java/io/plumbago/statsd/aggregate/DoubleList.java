package io.plumbago.statsd.aggregate;

import java.util.Arrays;

/** A growable list of doubles, so timers do not box each sample. Not thread-safe. */
final class DoubleList {
  private double[] values = new double[8];
  private int size;

  void add(double value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = value;
  }

  int size() {
    return size;
  }

  /** The values, sorted, in a new array. */
  double[] sorted() {
    double[] copy = Arrays.copyOf(values, size);
    Arrays.sort(copy);
    return copy;
  }

  void clear() {
    size = 0;
  }
}
