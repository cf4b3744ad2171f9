package io.plumbago.carbon;

/**
 * A snapshot of a {@link CarbonClient}'s counters.
 *
 * @param queued points waiting to be sent now
 * @param sent points written to the destination's socket
 * @param dropped points refused because the queue was full (or the client closed)
 * @param connects connections made (the first and every reconnection)
 * @param spilled points that went to the spill folder because memory was full
 */
public record ClientStats(long queued, long sent, long dropped, long connects, long spilled) {}
