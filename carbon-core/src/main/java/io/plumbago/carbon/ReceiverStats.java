package io.plumbago.carbon;

/**
 * A snapshot of a {@link CarbonReceiver}'s counters since it started.
 *
 * @param connections TCP connections accepted
 * @param lines lines read (plaintext TCP and UDP)
 * @param points points handed to the sink
 * @param badLines lines, and elements of pickle frames, refused as malformed (logged at a limited rate)
 * @param refused well-formed points the sink would not take
 * @param frames pickle frames read
 * @param badFrames pickle frames dropped whole (not a valid pickle, or over the size limit)
 */
public record ReceiverStats(long connections, long lines, long points, long badLines, long refused, long frames,
                            long badFrames) {}
