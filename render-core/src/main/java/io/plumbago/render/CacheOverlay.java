package io.plumbago.render;

import java.util.function.ObjLongConsumer;

/**
 * Points not yet on disk, merged over what whisper returns as graphite-web merges CarbonLink results (the program
 * plugs carbon-core's {@code MetricCache::query} in here). Implementations must be thread-safe.
 */
@FunctionalInterface
public interface CacheOverlay {
  /** No cache: whisper files only. */
  CacheOverlay NONE = (metric, consumer) -> { };

  /**
   * Hands every held point of {@code metric} to {@code consumer} as (value, timestamp in seconds), oldest first.
   */
  void forEachPoint(String metric, PointConsumer consumer);

  /** Receives one cached point. */
  @FunctionalInterface
  interface PointConsumer {
    /** One point: its timestamp in seconds since the epoch and its value. */
    void accept(long timestampSeconds, double value);
  }
}
