package io.plumbago.carbon.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cache's write-ahead log: a folder of numbered segment files ({@code wal-<16 digits>.log}) of
 * {@link WalBatch} records. Each batch is appended with one write; with {@code fsyncIntervalMillis == 0} the append
 * returns only once the record is on stable storage (concurrent appenders share one fsync), otherwise a background
 * thread syncs every that many milliseconds. Either way a record written is in the kernel's page cache, so killing
 * the process loses nothing; the interval bounds what a machine crash can lose.
 *
 * <p>A new segment starts when the current one passes {@code segmentBytes}. The cache deletes segments once every
 * point in them is on disk ({@link #deleteBelow}). Opening the log replays every record into a {@link Replay} and
 * starts a fresh segment; a torn record at the end of the last segment (a crash mid-write) is cut off, a damaged
 * record elsewhere ends the replay of that segment, and both are logged. Thread-safe.
 */
public final class WriteAheadLog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteAheadLog.class);

  /** Receives the points of the log being replayed, with the segment they came from. */
  @FunctionalInterface
  public interface Replay {
    /** One logged point. */
    void point(String metric, long timestampSeconds, double value, long segment);
  }

  private final Path directory;
  private final long segmentBytes;
  private final long fsyncIntervalMillis;
  private final Object writeLock = new Object();
  private final Object syncLock = new Object();
  private final TreeSet<Long> segments = new TreeSet<>(); // guarded by writeLock
  private FileChannel channel; // guarded by writeLock
  private long segment; // guarded by writeLock
  private long segmentWritten; // guarded by writeLock
  private long written; // bytes ever appended, guarded by writeLock
  private volatile long synced;
  private volatile long currentSegment;
  private final Thread syncer;
  private volatile boolean open = true;

  private WriteAheadLog(Path directory, long segmentBytes, long fsyncIntervalMillis) {
    this.directory = directory;
    this.segmentBytes = segmentBytes;
    this.fsyncIntervalMillis = fsyncIntervalMillis;
    this.syncer = fsyncIntervalMillis == 0 ? null : new Thread(this::syncLoop, "carbon-wal-sync");
  }

  /**
   * Opens (creating) the log in {@code directory}, replays what it holds into {@code replay}, and starts a new
   * segment. {@code fsyncIntervalMillis} 0 syncs every batch.
   */
  public static WriteAheadLog open(Path directory, long segmentBytes, long fsyncIntervalMillis, Replay replay)
      throws IOException {
    if (segmentBytes <= 0 || fsyncIntervalMillis < 0) {
      throw new IllegalArgumentException("segmentBytes must be positive and fsyncIntervalMillis not negative");
    }
    Files.createDirectories(directory);
    WriteAheadLog log = new WriteAheadLog(directory, segmentBytes, fsyncIntervalMillis);
    log.replayAll(replay);
    synchronized (log.writeLock) {
      log.startSegment(log.segments.isEmpty() ? 1 : log.segments.last() + 1);
    }
    if (log.syncer != null) {
      log.syncer.setDaemon(true);
      log.syncer.start();
    }
    return log;
  }

  /**
   * Appends one batch and returns the segment it went into; with every-batch syncing, returns once it is on stable
   * storage.
   */
  public long append(WalBatch batch) throws IOException {
    long into = write(batch);
    if (fsyncIntervalMillis == 0) {
      syncTo(writtenBytes());
    }
    return into;
  }

  /**
   * Writes one batch to the file without syncing it and returns the segment it went into; {@link #syncTo} makes it
   * durable.
   */
  public long write(WalBatch batch) throws IOException {
    ByteBuffer record = batch.sealed();
    synchronized (writeLock) {
      if (!open) {
        throw new ClosedChannelException();
      }
      if (segmentWritten >= segmentBytes) {
        rotate();
      }
      int length = record.remaining();
      while (record.hasRemaining()) {
        channel.write(record);
      }
      segmentWritten += length;
      written += length;
      return segment;
    }
  }

  /** Bytes on stable storage since the log was opened, over all segments. */
  public long syncedBytes() {
    return synced;
  }

  /** Bytes written since the log was opened, over all segments. */
  public long writtenBytes() {
    synchronized (writeLock) {
      return written;
    }
  }

  /** The segment new batches go into. */
  public long currentSegment() {
    return currentSegment;
  }

  /** Deletes the segments before {@code segment}, never the current one. */
  public void deleteBelow(long segment) {
    synchronized (writeLock) {
      while (!segments.isEmpty() && segments.first() < segment && segments.first() < this.segment) {
        deleteFile(segments.pollFirst());
      }
    }
  }

  private void deleteFile(long id) {
    try {
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      LOG.warn("could not delete write-ahead log segment {}: {}", file(id), e.toString());
    }
  }

  /** The segments on disk now, oldest first. */
  public long[] segments() {
    synchronized (writeLock) {
      return segments.stream().mapToLong(Long::longValue).toArray();
    }
  }

  /**
   * Syncs and closes the log; with {@code everythingPersisted} deletes every segment, since the points are all in
   * the store.
   */
  public void close(boolean everythingPersisted) {
    open = false;
    if (syncer != null) {
      syncer.interrupt();
      try {
        syncer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (writeLock) {
      try {
        channel.force(false);
        channel.close();
      } catch (IOException e) {
        LOG.warn("closing the write-ahead log: {}", e.toString());
      }
      if (everythingPersisted) {
        segments.forEach(this::deleteFile); // the current one too: it is closed
        segments.clear();
      }
    }
  }

  /** {@link #close(boolean)} keeping the segments. */
  @Override
  public void close() {
    close(false);
  }

  /** Returns once the first {@code end} bytes written since the log was opened are on stable storage. */
  public void syncTo(long end) throws IOException {
    if (synced >= end) {
      return;
    }
    synchronized (syncLock) {
      if (synced >= end) {
        return;
      }
      long target;
      FileChannel syncing;
      synchronized (writeLock) {
        target = written;
        syncing = channel;
      }
      try {
        syncing.force(false);
      } catch (ClosedChannelException e) {
        // rotated or closed meanwhile: both force the old segment first, so everything up to target is synced
        if (open && syncing == channel) {
          throw e;
        }
      }
      synced = target;
    }
  }

  private void syncLoop() {
    while (open) {
      try {
        Thread.sleep(fsyncIntervalMillis);
        long end;
        synchronized (writeLock) {
          end = written;
        }
        syncTo(end);
      } catch (InterruptedException e) {
        return;
      } catch (IOException e) {
        LOG.error("could not sync the write-ahead log: {}", e.toString());
      }
    }
  }

  private void rotate() throws IOException {
    channel.force(false);
    channel.close();
    startSegment(segment + 1);
  }

  private void startSegment(long id) throws IOException {
    channel = FileChannel.open(file(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    segment = id;
    currentSegment = id;
    segmentWritten = 0;
    segments.add(id);
  }

  private Path file(long id) {
    return directory.resolve(String.format("wal-%016d.log", id));
  }

  private void replayAll(Replay replay) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "wal-*.log")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          segments.add(Long.parseLong(name.substring(4, name.length() - 4)));
        } catch (NumberFormatException e) {
          LOG.warn("not a write-ahead log segment, left alone: {}", f);
        }
      }
    }
    long points = 0;
    for (long id : segments) {
      points += replaySegment(id, id == segments.last(), replay);
    }
    if (points > 0) {
      LOG.info("replayed {} points from {} write-ahead log segments in {}", points, segments.size(), directory);
    }
  }

  private long replaySegment(long id, boolean last, Replay replay) throws IOException {
    Path f = file(id);
    long[] points = {0};
    RecordReader reader = new RecordReader();
    try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = in.size();
      long position = 0;
      while (position < size) {
        long next = reader.read(in, position, size, (metric, timestampSeconds, value) -> {
          replay.point(metric, timestampSeconds, value, id);
          points[0]++;
        });
        if (next >= 0) {
          position = next;
          continue;
        }
        if (last) {
          LOG.warn("write-ahead log {} ends in a torn or damaged record at byte {} (a crash while writing); cut off "
              + "there", f, position);
          in.truncate(position);
        } else {
          LOG.error("write-ahead log {} has a damaged record at byte {}; the rest of that segment is skipped", f,
              position);
        }
        break;
      }
    }
    return points[0];
  }
}
