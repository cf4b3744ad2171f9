package io.plumbago.carbon;

/** One point held by the {@link MetricCache}: a timestamp in seconds since the epoch and its value. */
public record CachedPoint(long timestampSeconds, double value) {}
