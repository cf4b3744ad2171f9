package io.plumbago.whisper;

import java.util.Arrays;

/**
 * The iteration order of CPython 3.11's {@code set()} of non-negative ints, which decides the order whisper
 * propagates a batch's intervals to a lower archive (and so where an empty archive's ring starts). It replays
 * CPython's open addressing: 8 slots to begin with, 9 linear probes, then perturbed probing, and a resize to four
 * times the size in use whenever the table is three fifths full. Reused across calls to avoid allocation.
 */
final class PythonIntSet {
  private static final int MIN_SIZE = 8;
  private static final int LINEAR_PROBES = 9;
  private static final int PERTURB_SHIFT = 5;
  private long[] keys = new long[MIN_SIZE];
  private boolean[] full = new boolean[MIN_SIZE];
  private long[] spareKeys = new long[MIN_SIZE];
  private boolean[] spareFull = new boolean[MIN_SIZE];
  private int mask;
  private int used;

  /** Empties the set, as a new {@code set()}. */
  void clear() {
    mask = MIN_SIZE - 1;
    used = 0;
    Arrays.fill(full, 0, MIN_SIZE, false);
  }

  /** {@code set.add(value)} for {@code 0 <= value < 2^61 - 1}, where Python's hash of an int is the int. */
  void add(long value) {
    long perturb = value;
    int i = (int) (value & mask);
    while (true) {
      int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
      for (int j = i; j <= i + probes; j++) {
        if (!full[j]) {
          full[j] = true;
          keys[j] = value;
          used++;
          if ((long) used * 5 >= (long) mask * 3) {
            resize(used > 50_000 ? used * 2 : used * 4);
          }
          return;
        }
        if (keys[j] == value) {
          return;
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (int) ((i * 5L + 1 + perturb) & mask);
    }
  }

  private void resize(int minUsed) {
    int size = MIN_SIZE;
    while (size <= minUsed) {
      size <<= 1;
    }
    long[] oldKeys = keys;
    boolean[] oldFull = full;
    int oldSize = mask + 1;
    if (spareKeys.length < size) {
      spareKeys = new long[size];
      spareFull = new boolean[size];
    } else {
      Arrays.fill(spareFull, 0, size, false);
    }
    keys = spareKeys;
    full = spareFull;
    spareKeys = oldKeys;
    spareFull = oldFull;
    mask = size - 1;
    for (int k = 0; k < oldSize; k++) {
      if (oldFull[k]) {
        insertClean(oldKeys[k]);
      }
    }
  }

  private void insertClean(long value) {
    long perturb = value;
    int i = (int) (value & mask);
    while (true) {
      if (!full[i]) {
        full[i] = true;
        keys[i] = value;
        return;
      }
      if (i + LINEAR_PROBES <= mask) {
        for (int j = i + 1; j <= i + LINEAR_PROBES; j++) {
          if (!full[j]) {
            full[j] = true;
            keys[j] = value;
            return;
          }
        }
      }
      perturb >>>= PERTURB_SHIFT;
      i = (int) ((i * 5L + 1 + perturb) & mask);
    }
  }

  /** Copies the members in Python's iteration order into {@code out}; returns how many there are. */
  int copyInOrder(long[] out) {
    int n = 0;
    for (int k = 0; k <= mask; k++) {
      if (full[k]) {
        out[n++] = keys[k];
      }
    }
    return n;
  }
}
