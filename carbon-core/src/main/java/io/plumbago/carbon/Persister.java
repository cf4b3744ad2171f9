package io.plumbago.carbon;

import java.io.IOException;

/**
 * Where the {@link MetricCache} writes points down (the program wires whisper-store's {@code WhisperDatabase}).
 * The cache calls it from its writer thread only, one metric per call.
 */
@FunctionalInterface
public interface Persister {
  /**
   * Writes the first {@code count} points of one metric; timestamps are seconds since the epoch, in no particular
   * order and without duplicates. An {@link IOException} or other failure is counted and the points are kept for a
   * retry; an {@link IllegalArgumentException} says these points can never be written (a name the store refuses),
   * so they are counted and let go.
   */
  void persist(String metric, long[] timestampsSeconds, double[] values, int count) throws IOException;

  /**
   * Whether writing {@code metric} would create its file (what {@code MAX_CREATES_PER_MINUTE} limits). The default
   * says no, for stores that do not create anything.
   */
  default boolean needsCreate(String metric) {
    return false;
  }
}
