package io.plumbago.statsd;

/**
 * A snapshot of a {@link StatsdServer}'s own counters since it started.
 *
 * @param packetsReceived datagrams (and TCP chunks) received
 * @param metricsReceived non-empty lines received
 * @param badLinesSeen lines or value sections refused as malformed
 * @param eventsReceived DogStatsD events accepted (and handed to the event sink)
 * @param serviceChecksReceived DogStatsD service checks accepted (counted only)
 * @param flushes flushes completed
 */
public record StatsdStats(long packetsReceived, long metricsReceived, long badLinesSeen, long eventsReceived,
                          long serviceChecksReceived, long flushes) {}
