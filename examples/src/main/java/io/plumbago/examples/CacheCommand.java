package io.plumbago.examples;

import io.plumbago.carbon.CarbonLinkServer;
import io.plumbago.carbon.CarbonReceiver;
import io.plumbago.carbon.CarbonSelfMetrics;
import io.plumbago.carbon.MetricCache;
import io.plumbago.carbon.WriteStrategy;
import io.plumbago.whisper.StorageAggregation;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code plumbago cache}: carbon-cache's listeners in front of the write-behind cache and a whisper tree, a drop-in
 * for one of the reference platform's caches. SIGTERM writes everything held to disk before exiting.
 */
@Command(name = "cache", mixinStandardHelpOptions = true,
    description = "carbon cache: plaintext and pickle listeners, write-behind cache, whisper files.")
final class CacheCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;
  @Option(names = "--listen", required = true, description = "plaintext TCP listener, HOST:PORT (port 0: free)")
  String listen;
  @Option(names = "--pickle-listen", description = "pickle TCP listener, HOST:PORT")
  String pickleListen;
  @Option(names = "--udp-listen", description = "plaintext UDP listener, HOST:PORT")
  String udpListen;
  @Option(names = "--carbonlink-listen", description = "CarbonLink (cache query) listener for graphite-web, HOST:PORT")
  String carbonlinkListen;
  @Option(names = "--data", required = true, description = "the whisper tree")
  Path data;
  @Option(names = "--schemas", description = "storage-schemas.conf (default: carbon's 60s:7d for every metric)")
  Path schemas;
  @Option(names = "--aggregation", description = "storage-aggregation.conf (default: average, xFilesFactor 0.5)")
  Path aggregation;
  @Option(names = "--wal", description = "write-ahead log folder: every accepted point is logged before the cache "
      + "holds it and replayed after a crash (default: none)")
  Path wal;
  @Option(names = "--wal-fsync", defaultValue = "batch", description = "batch (sync each batch before holding it; "
      + "the default) or MILLIS (sync that often)")
  String walFsync;
  @Option(names = "--instance", description = "instance name for the self-metrics (carbon.agents.<host>-<instance>)")
  String instance;
  @Option(names = "--metric-interval", defaultValue = "60", description = "seconds between the cache's own metrics "
      + "(CARBON_METRIC_INTERVAL); 0 turns them off")
  int metricIntervalSeconds;
  @Option(names = "--write-strategy", defaultValue = "sorted", description = "sorted, max, timesorted or naive "
      + "(CACHE_WRITE_STRATEGY)")
  String writeStrategy;
  @Option(names = "--max-updates-per-second", defaultValue = "Infinity", description = "MAX_UPDATES_PER_SECOND")
  double maxUpdatesPerSecond;
  @Option(names = "--max-creates-per-minute", defaultValue = "Infinity", description = "MAX_CREATES_PER_MINUTE; "
      + "points of metrics not yet created wait in the cache")
  double maxCreatesPerMinute;
  @Option(names = "--max-cache-size", defaultValue = "10000000", description = "points held before new ones are "
      + "refused (MAX_CACHE_SIZE)")
  long maxCacheSize;

  @Override
  public Integer call() throws Exception {
    long fsyncMillis;
    try {
      fsyncMillis = Daemons.fsyncIntervalMillis(walFsync);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    WhisperDatabase database = WhisperDatabase.builder(data)
        .schemas(schemas == null ? StorageSchemas.uniform(StorageSchemas.CARBON_DEFAULT) : StorageSchemas.parse(schemas))
        .aggregation(aggregation == null ? StorageAggregation.defaults() : StorageAggregation.parse(aggregation))
        .build();
    Files.createDirectories(data);
    MetricCache.Builder builder = MetricCache.builder(new WhisperPersister(database)).maxSize(maxCacheSize).writeStrategy(WriteStrategy.valueOf(writeStrategy.toUpperCase(java.util.Locale.ROOT)));
    if (wal != null) {
      builder.writeAheadLog(wal, fsyncMillis);
    }
    if (maxUpdatesPerSecond != Double.POSITIVE_INFINITY) {
      builder.maxUpdatesPerSecond(maxUpdatesPerSecond);
    }
    if (maxCreatesPerMinute != Double.POSITIVE_INFINITY) {
      builder.maxCreatesPerMinute(maxCreatesPerMinute);
    }
    MetricCache cache = builder.build();
    CarbonReceiver.Builder listeners = CarbonReceiver.builder(cache).plaintextTcp(Daemons.address(listen));
    if (pickleListen != null) {
      listeners.pickleTcp(Daemons.address(pickleListen));
    }
    if (udpListen != null) {
      listeners.plaintextUdp(Daemons.address(udpListen));
    }
    CarbonReceiver receiver = listeners.build();
    receiver.start();
    java.util.concurrent.ScheduledExecutorService selfMetrics = null;
    if (metricIntervalSeconds > 0) {
      CarbonSelfMetrics metrics = new CarbonSelfMetrics(instance, cache, receiver);
      selfMetrics = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "carbon-self-metrics");
        t.setDaemon(true);
        return t;
      });
      selfMetrics.scheduleAtFixedRate(() -> metrics.record(System.currentTimeMillis() / 1000, cache),
          metricIntervalSeconds, metricIntervalSeconds, java.util.concurrent.TimeUnit.SECONDS);
    }
    java.util.concurrent.ScheduledExecutorService timer = selfMetrics;
    CarbonLinkServer link = carbonlinkListen == null ? null
        : new CarbonLinkServer(cache, Daemons.address(carbonlinkListen), metric -> aggregationOf(database, metric),
            (metric, method) -> setAggregation(database, metric, method));
    if (link != null) {
      link.start();
    }
    java.util.List<String> listening = new java.util.ArrayList<>();
    Daemons.announce(listening, "carbon-plaintext-tcp", receiver.plaintextTcpAddress());
    Daemons.announce(listening, "carbon-plaintext-udp", receiver.plaintextUdpAddress());
    Daemons.announce(listening, "carbon-pickle", receiver.pickleAddress());
    Daemons.announce(listening, "carbonlink", link == null ? null : link.address());
    Daemons.runUntilTerminated("plumbago-cache", listening, () -> {
      if (timer != null) {
        timer.shutdownNow();
      }
      receiver.close();
      if (link != null) {
        link.close();
      }
      cache.close();
      database.close();
      org.slf4j.LoggerFactory.getLogger(CacheCommand.class).info("stopped; every accepted point is written: {}; {}",
          receiver.stats(), cache.stats());
    });
    return 0;
  }

  /** Changes a metric's whisper aggregation method, for CarbonLink's set-metadata; returns the old one. */
  static String setAggregation(WhisperDatabase database, String metric, String method) {
    try {
      return database.setAggregation(metric, io.plumbago.whisper.AggregationMethod.fromName(method)).whisperName();
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("no whisper file for " + metric, e);
    }
  }

  /** A metric's whisper aggregation method, for CarbonLink's get-metadata. */
  static String aggregationOf(WhisperDatabase database, String metric) {
    try {
      var info = database.info(metric);
      if (info == null) {
        throw new IllegalArgumentException("no whisper file for " + metric);
      }
      return info.aggregationMethod().whisperName();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
