package io.plumbago.examples;

import io.plumbago.carbon.CarbonLinkServer;
import io.plumbago.carbon.CarbonReceiver;
import io.plumbago.carbon.CachedPoint;
import io.plumbago.carbon.MetricCache;
import io.plumbago.render.CacheOverlay;
import io.plumbago.render.RenderServer;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.StatsdServer;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageAggregation;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reference pipeline in one process: StatsD flushes into the carbon cache, carbon's plaintext and pickle
 * listeners feed the same cache (logging each batch to DATA/wal first), the cache writes whisper files behind, and
 * the render API reads the files with the cache merged in; the events store (under {@code data/events}) serves
 * {@code /events}, the submitter page and {@code events(...)}.
 * {@link #close} stops the listeners first, then flushes StatsD and drains the cache to disk, so nothing accepted is
 * lost.
 */
public final class Stack implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stack.class);
  /** The retention of {@code plumbago stack} when no storage-schemas.conf is given. */
  public static final String DEFAULT_RETENTIONS = "10s:6h,1m:7d,10m:5y";

  private final WhisperDatabase database;
  private final MetricCache cache;
  private final CarbonReceiver carbon;
  private final StatsdServer statsd;
  private final RenderServer render;
  private final CarbonLinkServer carbonLink;
  private final EventsMount events;
  private final List<String> listening = new ArrayList<>();

  private Stack(StackOptions options) throws IOException, InterruptedException {
    StorageSchemas schemas = options.schemasFile() == null
        ? StorageSchemas.uniform(Retention.parseList(DEFAULT_RETENTIONS))
        : StorageSchemas.parse(options.schemasFile());
    StorageAggregation aggregation = options.aggregationFile() == null
        ? StorageAggregation.defaults()
        : StorageAggregation.parse(options.aggregationFile());
    database = WhisperDatabase.builder(options.dataDir().resolve("whisper"))
        .schemas(schemas).aggregation(aggregation).build();
    cache = MetricCache.builder(new WhisperPersister(database))
        .writeAheadLog(options.dataDir().resolve("wal"), 0)
        .build();
    carbon = CarbonReceiver.builder(cache)
        .plaintextTcp(new InetSocketAddress(options.bind(), options.carbonPort()))
        .plaintextUdp(new InetSocketAddress(options.bind(), options.carbonPort()))
        .pickleTcp(new InetSocketAddress(options.bind(), options.picklePort()))
        .build();
    statsd = StatsdServer.builder(cache)
        .config(StatsdConfig.defaults().withLegacyNamespace(false)
            .withFlushIntervalSeconds(options.flushIntervalSeconds()))
        .udp(new InetSocketAddress(options.bind(), options.statsdPort()))
        .tcp(new InetSocketAddress(options.bind(), options.statsdPort()))
        .build();
    carbonLink = new CarbonLinkServer(cache, new InetSocketAddress(options.bind(), options.carbonlinkPort()),
        metric -> CacheCommand.aggregationOf(database, metric),
        (metric, method) -> CacheCommand.setAggregation(database, metric, method));
    events = new EventsMount(options.dataDir().resolve("events"), options.eventsToken());
    render = events.mountOn(RenderServer.builder(database))
        .cacheOverlay(this::overlay)
        .bind(new InetSocketAddress(options.bind(), options.httpPort()))
        .build();
    try {
      carbon.start();
      listening.add(line("carbon-plaintext-tcp", carbon.plaintextTcpAddress()));
      listening.add(line("carbon-plaintext-udp", carbon.plaintextUdpAddress()));
      listening.add(line("carbon-pickle", carbon.pickleAddress()));
      carbonLink.start();
      listening.add(line("carbonlink", carbonLink.address()));
      statsd.start();
      listening.add(line("statsd-udp", statsd.udpAddress()));
      listening.add(line("statsd-tcp", statsd.tcpAddress()));
      render.start();
      listening.add(line("http", render.address()));
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  /** Starts every part; returns once all listeners accept. */
  public static Stack start(StackOptions options) throws IOException, InterruptedException {
    return new Stack(options);
  }

  private void overlay(String metric, CacheOverlay.PointConsumer consumer) {
    for (CachedPoint point : cache.query(metric)) {
      consumer.accept(point.timestampSeconds(), point.value());
    }
  }

  private static String line(String what, InetSocketAddress address) {
    return "listening " + what + " " + address.getHostString() + ":" + address.getPort();
  }

  /** One {@code listening <what> <host>:<port>} line per listener. */
  public List<String> listening() {
    return List.copyOf(listening);
  }

  /** The carbon plaintext TCP address. */
  public InetSocketAddress carbonAddress() {
    return carbon.plaintextTcpAddress();
  }

  /** The StatsD UDP address. */
  public InetSocketAddress statsdAddress() {
    return statsd.udpAddress();
  }

  /** The HTTP address. */
  public InetSocketAddress httpAddress() {
    return render.address();
  }

  /** The StatsD server, e.g. to flush it now. */
  public StatsdServer statsd() {
    return statsd;
  }

  /** The events store. */
  public io.plumbago.events.EventStore events() {
    return events.store();
  }

  /** The whisper database. */
  public WhisperDatabase database() {
    return database;
  }

  /** Stops listening, flushes StatsD into the cache, writes the cache to disk, then stops the HTTP server. */
  @Override
  public void close() {
    carbon.close();
    carbonLink.close();
    statsd.close();
    cache.close();
    render.close();
    events.close();
    database.close();
    LOG.info("stopped; every accepted point is written: {}", cache.stats());
  }
}
