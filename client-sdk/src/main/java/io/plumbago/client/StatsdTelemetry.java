package io.plumbago.client;

/**
 * What a {@link StatsdClient} has done since it was built, counted in lines (one metric sample each, or one event or
 * service check), packets and bytes.
 *
 * @param linesQueued lines the calling threads handed to the client (sampled-out calls not included)
 * @param linesSent lines written to the socket
 * @param linesDropped lines lost: a calling thread's queue was full, the input was unusable (null name, non-finite
 *     value, a line longer than the packet size), the client was closed, or the socket failed
 * @param linesAggregated lines merged into another line by client-side aggregation
 * @param packetsSent datagrams sent (over TCP or a Unix socket: writes)
 * @param bytesSent bytes sent
 */
public record StatsdTelemetry(long linesQueued, long linesSent, long linesDropped, long linesAggregated,
    long packetsSent, long bytesSent) {}
