package io.plumbago.carbon;

/**
 * Where a receiver hands each point it accepted: one metric name, a timestamp in seconds since the epoch and a
 * value. Implementations must be thread-safe: every receiver thread calls {@link #accept} concurrently.
 */
@FunctionalInterface
public interface PointSink {
  /**
   * Takes one point. Returns normally once the point is held; a sink that cannot take it (full, closed) throws
   * {@link CarbonProtocolException} so the receiver counts it as refused.
   */
  void accept(String metric, long timestampSeconds, double value);

  /**
   * Ends the batch of points this thread has handed over since its last batch ended (one network read, one flush).
   * A sink that logs before it holds (a {@link MetricCache} with a write-ahead log) logs and holds the batch now, so
   * every producer calls this after each read or flush, on the thread that accepted the points. Does nothing by
   * default.
   */
  default void endOfBatch() {}
}
