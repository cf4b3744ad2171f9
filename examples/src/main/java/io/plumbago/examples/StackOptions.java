package io.plumbago.examples;

import java.nio.file.Path;

/**
 * What {@link Stack} listens on and where it keeps data. Ports of 0 pick free ports; a null schemas or aggregation
 * file means the defaults ({@code 10s:6h,1m:7d,10m:5y}, average).
 *
 * @param bind the address every listener binds to
 * @param dataDir the data folder; whisper files go under {@code dataDir/whisper}
 * @param httpPort graphite-web's HTTP API
 * @param carbonPort carbon plaintext, TCP and UDP
 * @param picklePort carbon pickle, TCP
 * @param carbonlinkPort CarbonLink, the cache query port graphite-web asks for points not yet on disk
 * @param statsdPort StatsD, UDP and TCP
 * @param flushIntervalSeconds StatsD's flush interval
 * @param schemasFile a storage-schemas.conf, or null
 * @param aggregationFile a storage-aggregation.conf, or null
 * @param eventsToken the bearer token {@code POST}/{@code DELETE /events} need, or null for none (events are kept
 *     under {@code dataDir/events})
 */
public record StackOptions(String bind, Path dataDir, int httpPort, int carbonPort, int picklePort, int carbonlinkPort,
                           int statsdPort,
                           int flushIntervalSeconds, Path schemasFile, Path aggregationFile, String eventsToken) {
  /** The defaults of {@code plumbago stack}: Graphite's usual ports on 127.0.0.1, data under ./data. */
  public static StackOptions defaults() {
    return new StackOptions("127.0.0.1", Path.of("data"), 8080, 2003, 2004, 7002, 8125, 10, null, null, null);
  }

  /** These options with every port 0 and data under {@code dataDir}, for tests and embedding. */
  public StackOptions onFreePorts(Path dataDir) {
    return new StackOptions(bind, dataDir, 0, 0, 0, 0, 0, flushIntervalSeconds, schemasFile, aggregationFile,
        eventsToken);
  }
}
