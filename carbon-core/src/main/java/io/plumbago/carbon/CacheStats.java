package io.plumbago.carbon;

/**
 * A snapshot of a {@link MetricCache}.
 *
 * @param size points held, not yet written (carbon's {@code cache.size})
 * @param metrics metrics with points held (carbon's {@code cache.queues})
 * @param committedPoints points the persister has written
 * @param updateOperations persister calls that succeeded
 * @param errors persister calls that failed (their points were kept for a retry)
 * @param overflow points refused because the cache was full
 * @param writeNanos time spent in the persister's successful writes, in nanoseconds
 */
public record CacheStats(long size, long metrics, long committedPoints, long updateOperations, long errors,
                         long overflow, long writeNanos) {}
