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
}
