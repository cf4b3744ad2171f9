package io.plumbago.carbon;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * carbon-cache's own metrics, under carbon's names ({@code carbon.agents.<host>[-<instance>].<stat>}) and carbon's
 * per-interval meaning: each {@link #record} writes what happened since the previous one ({@code metricsReceived},
 * {@code committedPoints}, {@code updateOperations}, {@code pointsPerUpdate}, {@code avgUpdateTime} in seconds,
 * {@code errors}, {@code cache.overflow}) and the current {@code cache.size} and {@code cache.queues}. Call it every
 * {@code CARBON_METRIC_INTERVAL} (60 s in carbon). Thread-safe.
 */
public final class CarbonSelfMetrics {
  private final String prefix;
  private final MetricCache cache;
  private final CarbonReceiver receiver;
  private CacheStats lastCache;
  private long lastReceived;

  /** Metrics for {@code cache} and {@code receiver} under {@code carbon.agents.<host>[-<instance>]}. */
  public CarbonSelfMetrics(String instance, MetricCache cache, CarbonReceiver receiver) {
    this.prefix = "carbon.agents." + hostname() + (instance == null || instance.isEmpty() ? "" : "-" + instance) + ".";
    this.cache = Objects.requireNonNull(cache);
    this.receiver = Objects.requireNonNull(receiver);
    this.lastCache = cache.stats();
    this.lastReceived = receiver.stats().points();
  }

  /** The name prefix, e.g. {@code carbon.agents.web01-a.}. */
  public String prefix() {
    return prefix;
  }

  /** Writes this interval's values, stamped {@code nowSeconds}, into {@code into} (carbon writes its own cache). */
  public synchronized void record(long nowSeconds, PointSink into) {
    CacheStats now = cache.stats();
    long received = receiver.stats().points();
    long updates = now.updateOperations() - lastCache.updateOperations();
    long committed = now.committedPoints() - lastCache.committedPoints();
    into.accept(prefix + "metricsReceived", nowSeconds, received - lastReceived);
    into.accept(prefix + "committedPoints", nowSeconds, committed);
    into.accept(prefix + "updateOperations", nowSeconds, updates);
    if (updates > 0) {
      into.accept(prefix + "pointsPerUpdate", nowSeconds, (double) committed / updates);
      into.accept(prefix + "avgUpdateTime", nowSeconds,
          (now.writeNanos() - lastCache.writeNanos()) / 1e9 / updates);
    }
    into.accept(prefix + "errors", nowSeconds, now.errors() - lastCache.errors());
    into.accept(prefix + "cache.overflow", nowSeconds, now.overflow() - lastCache.overflow());
    into.accept(prefix + "cache.size", nowSeconds, now.size());
    into.accept(prefix + "cache.queues", nowSeconds, now.metrics());
    into.endOfBatch();
    lastCache = now;
    lastReceived = received;
  }

  /** carbon's HOSTNAME: the host's name with dots as underscores. */
  static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName().replace('.', '_');
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
