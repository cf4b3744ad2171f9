package io.plumbago.carbon;

/**
 * A snapshot of a {@link CarbonReceiver}'s counters since it started.
 *
 * @param connections TCP connections accepted
 * @param lines lines read (plaintext TCP and UDP)
 * @param points points handed to the sink
 * @param badLines lines refused as malformed (each also logged, at a limited rate)
 * @param refused well-formed points the sink would not take
 */
public record ReceiverStats(long connections, long lines, long points, long badLines, long refused) {}
