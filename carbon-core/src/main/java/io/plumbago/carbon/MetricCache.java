package io.plumbago.carbon;

import io.plumbago.carbon.cache.MetricPoints;
import io.plumbago.carbon.cache.TokenBucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * carbon-cache's buffer: holds the points receivers accept and writes them behind, one metric at a time, to a
 * {@link Persister} from a writer thread. A repeated timestamp for a metric replaces the earlier value, as in carbon.
 * When {@code maxSize} points are held, new points are refused with a {@link CarbonProtocolException} and counted,
 * never silently dropped. {@link #query} shows points not yet written, so a graph shows them at once.
 * {@link #close} stops taking points and writes down everything held before it returns.
 *
 * <p>Thread-safe: {@link #accept} and {@link #query} may be called from any thread.
 */
public final class MetricCache implements PointSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricCache.class);
  private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long RETRY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final Persister persister;
  private final long maxSize;
  private final WriteStrategy strategy;
  private final TokenBucket updateTokens;
  private final TokenBucket createTokens;
  private final AtomicLong deferredCreates = new AtomicLong();
  private final ConcurrentHashMap<String, MetricPoints> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, MetricPoints> writing = new ConcurrentHashMap<>();
  private final AtomicLong size = new AtomicLong();
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();
  private final AtomicLong writeNanos = new AtomicLong();
  private final Thread writer;
  private volatile boolean accepting = true;
  private volatile boolean running = true;
  private long[] scratchTimestamps = new long[64];
  private double[] scratchValues = new double[64];

  private MetricCache(Builder builder) {
    this.persister = builder.persister;
    this.maxSize = builder.maxSize;
    this.strategy = builder.strategy;
    this.updateTokens = builder.maxUpdatesPerSecond == Double.POSITIVE_INFINITY
        ? TokenBucket.unlimited()
        : new TokenBucket(builder.maxUpdatesPerSecond, builder.maxUpdatesPerSecond);
    this.createTokens = builder.maxCreatesPerMinute == Double.POSITIVE_INFINITY
        ? TokenBucket.unlimited()
        : new TokenBucket(builder.maxCreatesPerMinute, builder.maxCreatesPerMinute / 60);
    this.writer = new Thread(this::writeLoop, builder.threadName);
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** A cache that writes to {@code persister}. */
  public static Builder builder(Persister persister) {
    return new Builder(persister);
  }

  /**
   * Holds a point under its name's normal form ({@link TaggedSeries#normalizeOrKeep}: tags sorted, as carbon's cache
   * stores them).
   */
  @Override
  public void accept(String name, long timestampSeconds, double value) {
    String metric = TaggedSeries.normalizeOrKeep(name);
    if (!accepting) {
      throw new CarbonProtocolException("cache is closed");
    }
    if (size.get() >= maxSize) {
      overflow.incrementAndGet();
      throw new CarbonProtocolException("cache is full (" + maxSize + " points)");
    }
    while (true) {
      MetricPoints points = pending.computeIfAbsent(metric, m -> new MetricPoints());
      synchronized (points) {
        // The writer may have taken this instance away between the lookup and the lock; then start again.
        if (pending.get(metric) != points) {
          continue;
        }
        if (points.put(timestampSeconds, value)) {
          size.incrementAndGet();
        }
        return;
      }
    }
  }

  /** The points of {@code metric} not yet written, oldest first (newer values win over ones being written). */
  public List<CachedPoint> query(String metric) {
    TreeMap<Long, Double> merged = new TreeMap<>();
    MetricPoints inFlight = writing.get(metric);
    if (inFlight != null) {
      synchronized (inFlight) {
        merged.putAll(inFlight.view());
      }
    }
    MetricPoints held = pending.get(metric);
    if (held != null) {
      synchronized (held) {
        merged.putAll(held.view());
      }
    }
    List<CachedPoint> result = new ArrayList<>(merged.size());
    for (Map.Entry<Long, Double> e : merged.entrySet()) {
      result.add(new CachedPoint(e.getKey(), e.getValue()));
    }
    return result;
  }

  /** The counters so far. */
  public CacheStats stats() {
    return new CacheStats(size.get(), pending.size(), committed.get(), updates.get(), errors.get(), overflow.get(),
        writeNanos.get());
  }

  /**
   * Stops taking points, writes every held point down (retrying failed writes for up to {@code timeoutMillis}
   * milliseconds) and stops the writer.
   */
  public void close(long timeoutMillis) {
    accepting = false;
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (writer.isAlive()) {
      LOG.error("cache writer did not finish in {} ms; {} points not written", timeoutMillis, size.get());
    }
  }

  /** {@link #close(long)} with a minute to write everything down. */
  @Override
  public void close() {
    close(60_000);
  }

  private void writeLoop() {
    while (true) {
      boolean wroteAny = false;
      boolean failed = false;
      for (String metric : orderedPass()) {
        if (running && !createTokens.isUnlimited() && persister.needsCreate(metric) && !createTokens.tryTake()) {
          // carbon drops these points (droppedCreates); Plumbago keeps them until a create token comes
          deferredCreates.incrementAndGet();
          continue;
        }
        MetricPoints points = pending.remove(metric);
        if (points == null) {
          continue;
        }
        if (running) {
          updateTokens.take(); // the final drain on close is not throttled
        }
        if (!writeMetric(metric, points)) {
          failed = true;
        }
        wroteAny = true;
      }
      if (!running && pending.isEmpty()) {
        return;
      }
      if (failed) {
        LockSupport.parkNanos(RETRY_WAIT_NANOS);
      } else if (!wroteAny) {
        LockSupport.parkNanos(IDLE_WAIT_NANOS);
      }
    }
  }

  /** The metrics held now, in the order the write strategy takes them. */
  private List<String> orderedPass() {
    List<String> metrics = new ArrayList<>(pending.keySet());
    if (strategy == WriteStrategy.NAIVE || metrics.size() < 2) {
      return metrics;
    }
    Map<String, Long> keys = new java.util.HashMap<>(metrics.size() * 2);
    for (String metric : metrics) {
      MetricPoints points = pending.get(metric);
      if (points != null) {
        synchronized (points) {
          keys.put(metric, strategy == WriteStrategy.TIMESORTED ? points.oldest() : -(long) points.size());
        }
      }
    }
    metrics.removeIf(m -> !keys.containsKey(m));
    metrics.sort(java.util.Comparator.comparingLong(keys::get));
    return metrics;
  }

  private boolean writeMetric(String metric, MetricPoints points) {
    int count;
    writing.put(metric, points);
    synchronized (points) {
      count = points.size();
      if (scratchTimestamps.length < count) {
        scratchTimestamps = new long[Math.max(count, scratchTimestamps.length * 2)];
        scratchValues = new double[scratchTimestamps.length];
      }
      points.copyTo(scratchTimestamps, scratchValues);
    }
    try {
      long started = System.nanoTime();
      persister.persist(metric, scratchTimestamps, scratchValues, count);
      writeNanos.addAndGet(System.nanoTime() - started);
      committed.addAndGet(count);
      updates.incrementAndGet();
      size.addAndGet(-count);
      return true;
    } catch (IOException | RuntimeException e) {
      errors.incrementAndGet();
      LOG.warn("could not write {} points of {}: {}", count, metric, e.toString());
      if (e instanceof IllegalArgumentException) {
        // The name itself is refused by the store; retrying cannot help, so the points are counted and let go.
        size.addAndGet(-count);
        return true;
      }
      restore(metric, points, count);
      return false;
    } finally {
      writing.remove(metric);
    }
  }

  private void restore(String metric, MetricPoints points, int count) {
    while (true) {
      MetricPoints current = pending.computeIfAbsent(metric, m -> new MetricPoints());
      synchronized (current) {
        if (pending.get(metric) != current) {
          continue;
        }
        int added = current.putAbsent(points);
        // Points overwritten by newer arrivals while we wrote are gone from the count.
        size.addAndGet(added - count);
        return;
      }
    }
  }

  /** Configures a {@link MetricCache}. */
  public static final class Builder {
    private final Persister persister;
    private long maxSize = Long.MAX_VALUE;
    private WriteStrategy strategy = WriteStrategy.SORTED;
    private double maxUpdatesPerSecond = Double.POSITIVE_INFINITY;
    private double maxCreatesPerMinute = Double.POSITIVE_INFINITY;
    private String threadName = "carbon-cache-writer";

    private Builder(Persister persister) {
      this.persister = Objects.requireNonNull(persister, "persister");
    }

    /** The most points held at once (carbon's {@code MAX_CACHE_SIZE}); unbounded by default. */
    public Builder maxSize(long points) {
      if (points <= 0) {
        throw new IllegalArgumentException("maxSize must be positive: " + points);
      }
      this.maxSize = points;
      return this;
    }

    /** carbon's {@code CACHE_WRITE_STRATEGY}; sorted by default. */
    public Builder writeStrategy(WriteStrategy strategy) {
      this.strategy = Objects.requireNonNull(strategy);
      return this;
    }

    /**
     * carbon's {@code MAX_UPDATES_PER_SECOND}: persister calls per second (unlimited by default). Fewer calls make
     * points pile up per metric, so each call writes more of them. The final drain on close is not limited.
     */
    public Builder maxUpdatesPerSecond(double perSecond) {
      if (!(perSecond > 0)) {
        throw new IllegalArgumentException("maxUpdatesPerSecond must be positive: " + perSecond);
      }
      this.maxUpdatesPerSecond = perSecond;
      return this;
    }

    /**
     * carbon's {@code MAX_CREATES_PER_MINUTE}: new files a minute (unlimited by default). Where carbon drops the
     * points of a metric it may not create yet, the cache keeps them until it may.
     */
    public Builder maxCreatesPerMinute(double perMinute) {
      if (!(perMinute > 0)) {
        throw new IllegalArgumentException("maxCreatesPerMinute must be positive: " + perMinute);
      }
      this.maxCreatesPerMinute = perMinute;
      return this;
    }

    /** The writer thread's name. */
    public Builder threadName(String name) {
      this.threadName = Objects.requireNonNull(name);
      return this;
    }

    /** The cache, its writer already running. */
    public MetricCache build() {
      return new MetricCache(this);
    }
  }
}
