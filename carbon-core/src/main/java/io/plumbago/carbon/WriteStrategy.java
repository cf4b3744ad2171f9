package io.plumbago.carbon;

/** carbon's {@code CACHE_WRITE_STRATEGY}: which metrics the {@link MetricCache} writes first in each pass. */
public enum WriteStrategy {
  /** Most points first, every metric once per pass (carbon's default). */
  SORTED,
  /** Most points first (carbon re-scans each time; Plumbago orders each pass, which is the same for a pass). */
  MAX,
  /** Oldest point first. */
  TIMESORTED,
  /** In no particular order. */
  NAIVE
}
