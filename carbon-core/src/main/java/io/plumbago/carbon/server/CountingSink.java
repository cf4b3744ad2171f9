package io.plumbago.carbon.server;

import io.plumbago.carbon.PointSink;

/**
 * Wraps the receiver's sink so that every point is counted as taken or refused; a refusal (a full cache, say) is
 * logged at a limited rate and never mistaken for bad input. Internal.
 */
public final class CountingSink implements PointSink {
  private final PointSink sink;
  private final ReceiverCounters counters;
  private final RateLimitedLog log;

  /** Counts into {@code counters} what {@code sink} takes and refuses. */
  public CountingSink(PointSink sink, ReceiverCounters counters, RateLimitedLog log) {
    this.sink = sink;
    this.counters = counters;
    this.log = log;
  }

  @Override
  public void accept(String metric, long timestampSeconds, double value) {
    try {
      sink.accept(metric, timestampSeconds, value);
      counters.points.increment();
    } catch (RuntimeException e) {
      counters.refused.increment();
      log.warn("point for " + metric + " refused: " + e.getMessage());
    }
  }

  @Override
  public void endOfBatch() {
    sink.endOfBatch();
  }
}
