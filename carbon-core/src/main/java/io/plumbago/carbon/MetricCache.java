package io.plumbago.carbon;

import io.plumbago.carbon.cache.GroupCommit;
import io.plumbago.carbon.cache.MetricPoints;
import io.plumbago.carbon.cache.TokenBucket;
import io.plumbago.carbon.cache.WalBatch;
import io.plumbago.carbon.cache.WriteAheadLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * carbon-cache's buffer: holds the points receivers accept and writes them behind, one metric at a time, to a
 * {@link Persister} from a writer thread. A repeated timestamp for a metric replaces the earlier value, as in carbon.
 * When {@code maxSize} points are held, new points are refused with a {@link CarbonProtocolException} and counted,
 * never silently dropped. {@link #query} shows points not yet written, so a graph shows them at once.
 * {@link #close} stops taking points and writes down everything held before it returns.
 *
 * <p>With a write-ahead log ({@link Builder#writeAheadLog}) a point accepted on a thread joins that thread's batch;
 * {@link #endOfBatch} appends the batch to the log as one record, and its points are held only once it is logged:
 * under the every-batch policy a commit thread holds them after the fsync that covers them (one fsync covers every
 * batch written meanwhile, so receivers never wait for the disk), under interval syncing at once. Whatever a reader
 * or CarbonLink can see is therefore already logged. A new cache replays the log,
 * and log segments are deleted once every point in them is on disk. Batches close themselves at
 * {@value #MAX_BATCH_POINTS} points; producers end theirs after each network read or flush. The size limit counts
 * the calling thread's open batch and the points waiting for their fsync as held, so only other threads' open
 * batches (one network read each) can take the cache past it.
 *
 * <p>When a pass of the writer averaged fewer than {@value #COALESCE_POINTS_PER_UPDATE} points per update and points
 * are still arriving, the writer waits 200 ms before the next pass so that more points gather per file: an update
 * costs nearly as much for one point as for many.
 *
 * <p>Thread-safe: {@link #accept} and {@link #query} may be called from any thread.
 */
public final class MetricCache implements PointSink, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MetricCache.class);
  private static final long IDLE_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final long RETRY_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long WAL_CLEAN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final int COALESCE_POINTS_PER_UPDATE = 16;
  /** Points after which a thread's batch is logged and held without waiting for {@link #endOfBatch}. */
  public static final int MAX_BATCH_POINTS = 16_384;
  private static final long MAX_UNSYNCED_BYTES = 64L << 20;

  private final Persister persister;
  private final long maxSize;
  private final WriteStrategy strategy;
  private final TokenBucket updateTokens;
  private final TokenBucket createTokens;
  private final AtomicLong deferredCreates = new AtomicLong();
  private final ConcurrentHashMap<String, MetricPoints> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, MetricPoints> writing = new ConcurrentHashMap<>();
  private final AtomicLong size = new AtomicLong();
  private final AtomicLong unheld = new AtomicLong(); // logged, waiting for their fsync before they are held
  private final AtomicLong committed = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong overflow = new AtomicLong();
  private final AtomicLong writeNanos = new AtomicLong();
  private final Thread writer;
  private final WriteAheadLog wal;
  private final GroupCommit groupCommit; // the every-batch policy; null without a log or with interval syncing
  private final ThreadLocal<WalBatch> batches = ThreadLocal.withInitial(WalBatch::new);
  // Handing logged points to the maps happens under the read lock, so once the cleaner has had the write lock every
  // batch logged in an older segment is in the maps or still queued in the group commit.
  private final ReentrantReadWriteLock walLock = new ReentrantReadWriteLock();
  private long lastWalCleanNanos = System.nanoTime();
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
    if (builder.walDirectory == null) {
      this.wal = null;
    } else {
      try {
        this.wal = WriteAheadLog.open(builder.walDirectory, builder.walSegmentBytes, builder.fsyncIntervalMillis,
            this::hold);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open the write-ahead log in " + builder.walDirectory, e);
      }
    }
    this.groupCommit = wal == null || builder.fsyncIntervalMillis > 0 ? null
        : new GroupCommit(wal, (batch, segment) -> {
          hold(batch, segment);
          unheld.addAndGet(-batch.size());
        }, walLock.readLock(), MAX_UNSYNCED_BYTES);
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
    WalBatch batch = wal == null ? null : batches.get();
    // points on their way in (this thread's open batch, batches waiting for their fsync) count as held
    if (size.get() + unheld.get() + (batch == null ? 0 : batch.size()) >= maxSize) {
      overflow.incrementAndGet();
      throw new CarbonProtocolException("cache is full (" + maxSize + " points)");
    }
    if (batch == null) {
      hold(metric, timestampSeconds, value, 0);
      return;
    }
    batch.add(metric, timestampSeconds, value);
    if (batch.size() >= MAX_BATCH_POINTS) {
      endOfBatch();
    }
  }

  /**
   * Logs the points this thread accepted since its last batch ended and then holds them (see the class comment);
   * without a write-ahead log it does nothing. A log that cannot be written is counted in {@code errors} and logged,
   * and the points are held all the same.
   */
  @Override
  public void endOfBatch() {
    if (wal == null) {
      return;
    }
    WalBatch batch = batches.get();
    if (batch.size() == 0) {
      return;
    }
    if (groupCommit != null) {
      // Writing and queueing are one step inside the group commit, so the cleaner sees this batch either queued
      // or in a segment it keeps; no lock here, where waiting for the disk could block the commit thread.
      int points = batch.size();
      unheld.addAndGet(points);
      try {
        batches.set(groupCommit.submit(batch)); // held by the commit thread once synced
        return;
      } catch (IOException e) {
        unheld.addAndGet(-points);
        holdUnlogged(batch, e);
        return;
      }
    }
    walLock.readLock().lock();
    try {
      hold(batch, wal.append(batch));
      batch.clear();
    } catch (IOException e) {
      holdUnlogged(batch, e);
    } finally {
      walLock.readLock().unlock();
    }
  }

  private void holdUnlogged(WalBatch batch, IOException e) {
    errors.incrementAndGet();
    LOG.error("could not write {} points to the write-ahead log; they are held but not logged: {}", batch.size(),
        e.toString());
    hold(batch, wal.currentSegment());
    batch.clear();
  }

  private void hold(WalBatch batch, long segment) {
    // counted before holding, so the writer never subtracts points not yet added and the full-cache check sees them;
    // two updates of the shared counter per batch, not one per point
    size.addAndGet(batch.size());
    int duplicates = 0;
    for (int i = 0; i < batch.size(); i++) {
      if (!holdPoint(batch.metric(i), batch.timestampSeconds(i), batch.value(i), segment)) {
        duplicates++;
      }
    }
    if (duplicates > 0) {
      size.addAndGet(-duplicates);
    }
  }

  private void hold(String metric, long timestampSeconds, double value, long segment) {
    if (holdPoint(metric, timestampSeconds, value, segment)) {
      size.incrementAndGet();
    }
  }

  /** Holds one point without counting it; true when its timestamp was new for the metric. */
  private boolean holdPoint(String metric, long timestampSeconds, double value, long segment) {
    while (true) {
      MetricPoints points = pending.get(metric);
      if (points == null) {
        MetricPoints fresh = new MetricPoints(segment);
        points = pending.putIfAbsent(metric, fresh);
        if (points == null) {
          points = fresh;
        }
      }
      synchronized (points) {
        // The writer may have taken this instance away between the lookup and the lock; then start again.
        if (points.retired()) {
          continue;
        }
        return points.put(timestampSeconds, value, segment);
      }
    }
  }

  /** The points of {@code metric} not yet written, oldest first (newer values win over ones being written). */
  public List<CachedPoint> query(String metric) {
    TreeMap<Long, Double> merged = new TreeMap<>();
    MetricPoints inFlight = writing.get(metric);
    if (inFlight != null) {
      synchronized (inFlight) {
        inFlight.copyInto(merged);
      }
    }
    MetricPoints held = pending.get(metric);
    if (held != null) {
      synchronized (held) {
        held.copyInto(merged);
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
    if (groupCommit != null) {
      groupCommit.close(); // every batch logged is held before the writer's last pass
    }
    running = false;
    LockSupport.unpark(writer);
    try {
      writer.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    boolean drained = !writer.isAlive() && pending.isEmpty();
    if (writer.isAlive()) {
      LOG.error("cache writer did not finish in {} ms; {} points not written{}", timeoutMillis, size.get(),
          wal == null ? "" : " (they stay in the write-ahead log)");
    }
    if (wal != null) {
      wal.close(drained);
    }
  }

  /** {@link #close(long)} with a minute to write everything down. */
  @Override
  public void close() {
    close(60_000);
  }

  private void writeLoop() {
    boolean wroteSinceEmpty = false;
    while (true) {
      boolean wroteAny = false;
      boolean failed = false;
      long passPoints = committed.get();
      long passUpdates = updates.get();
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
        wroteSinceEmpty = true;
      }
      if (wroteSinceEmpty && pending.isEmpty()) {
        // an operator's (and the side-by-side benchmark's) sign that everything received so far is on disk
        LOG.debug("cache empty: {} points written in {} updates so far", committed.get(), updates.get());
        wroteSinceEmpty = false;
      }
      if (!running && pending.isEmpty()) {
        return;
      }
      if (wal != null && System.nanoTime() - lastWalCleanNanos > WAL_CLEAN_NANOS) {
        deleteWrittenSegments();
        lastWalCleanNanos = System.nanoTime();
      }
      passPoints = committed.get() - passPoints;
      passUpdates = updates.get() - passUpdates;
      if (failed) {
        LockSupport.parkNanos(RETRY_WAIT_NANOS);
      } else if (!wroteAny) {
        LockSupport.parkNanos(IDLE_WAIT_NANOS);
      } else if (running && !pending.isEmpty() && passPoints < COALESCE_POINTS_PER_UPDATE * passUpdates) {
        // Writing a handful of points per file costs nearly as much as writing many: when the writer is ahead of
        // the stream, let points gather (they are visible and logged meanwhile) so each update carries more.
        LockSupport.parkNanos(COALESCE_NANOS);
      }
    }
  }

  /** Deletes the log segments whose points are all on disk. Runs on the writer thread, so nothing is in flight. */
  private void deleteWrittenSegments() {
    long oldestNeeded;
    walLock.writeLock().lock();
    try {
      oldestNeeded = wal.currentSegment();
      if (groupCommit != null) {
        oldestNeeded = Math.min(oldestNeeded, groupCommit.oldestQueuedSegment());
      }
    } finally {
      walLock.writeLock().unlock();
    }
    for (MetricPoints points : pending.values()) {
      synchronized (points) {
        oldestNeeded = Math.min(oldestNeeded, points.firstSegment());
      }
    }
    wal.deleteBelow(oldestNeeded);
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
      points.retire(); // from now on points for this metric go to a new instance
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
      MetricPoints current = pending.computeIfAbsent(metric, m -> new MetricPoints(points.firstSegment()));
      synchronized (current) {
        if (current.retired()) {
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
    private Path walDirectory;
    private long fsyncIntervalMillis;
    private long walSegmentBytes = 64L << 20;

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

    /**
     * Logs every accepted point in {@code directory} before holding it, and replays what is there when the cache is
     * built. {@code fsyncIntervalMillis} 0 syncs each batch before its points are held (nothing held can be lost);
     * more than 0 syncs that often (a machine crash may lose that much; killing the process loses nothing, since
     * every batch is written to the file before it is held). Off by default.
     */
    public Builder writeAheadLog(Path directory, long fsyncIntervalMillis) {
      if (fsyncIntervalMillis < 0) {
        throw new IllegalArgumentException("fsyncIntervalMillis must not be negative: " + fsyncIntervalMillis);
      }
      this.walDirectory = Objects.requireNonNull(directory);
      this.fsyncIntervalMillis = fsyncIntervalMillis;
      return this;
    }

    /** Bytes after which the write-ahead log starts a new segment file; 64 MiB by default. */
    public Builder walSegmentBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("walSegmentBytes must be positive: " + bytes);
      }
      this.walSegmentBytes = bytes;
      return this;
    }

    /** The writer thread's name. */
    public Builder threadName(String name) {
      this.threadName = Objects.requireNonNull(name);
      return this;
    }

    /**
     * The cache, its writer already running, after replaying the write-ahead log if there is one.
     *
     * @throws UncheckedIOException when the write-ahead log cannot be opened
     */
    public MetricCache build() {
      return new MetricCache(this);
    }
  }
}
