package io.plumbago.carbon.relay;

import io.plumbago.carbon.cache.RecordReader;
import io.plumbago.carbon.cache.WalBatch;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A first-in first-out queue of points on disk, for a destination's share while it is down and the queue in memory
 * is full: numbered segment files ({@code spill-<16 digits>.log}) of the write-ahead log's records (see
 * {@link WalBatch}), appended at the tail and read at the head, a segment deleted once read through. Segments left
 * by an earlier process are read first, so points spilled before a restart are sent after it. A damaged record
 * ends the reading of its segment (logged). Bounded by {@code maxBytes} on disk. Thread-safe.
 */
public final class SpillQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpillQueue.class);
  private static final int POINTS_PER_RECORD = 500;
  private static final long SEGMENT_BYTES = 64L << 20;

  private final Path directory;
  private final long maxBytes;
  private final TreeMap<Long, Long> segments = new TreeMap<>(); // id to bytes, kept here: no stat per read
  private final WalBatch tail = new WalBatch();
  private final RecordReader reader = new RecordReader();
  private FileChannel writing;
  private long writingSegment;
  private long writingBytes;
  private FileChannel reading;
  private long readingSegment = -1;
  private long readPosition;
  private long bytesOnDisk;
  private long points;

  private SpillQueue(Path directory, long maxBytes) {
    this.directory = directory;
    this.maxBytes = maxBytes;
  }

  /** Opens (creating) the queue in {@code directory}, keeping what an earlier process left there. */
  public static SpillQueue open(Path directory, long maxBytes) throws IOException {
    Files.createDirectories(directory);
    SpillQueue queue = new SpillQueue(directory, maxBytes);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "spill-*.log")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          long size = Files.size(f);
          queue.segments.put(Long.parseLong(name.substring(6, name.length() - 4)), size);
          queue.bytesOnDisk += size;
        } catch (NumberFormatException e) {
          LOG.warn("not a spill segment, left alone: {}", f);
        }
      }
    }
    if (queue.bytesOnDisk > 0) {
      LOG.info("{} bytes of points spilled by an earlier run in {} will be sent first", queue.bytesOnDisk, directory);
      queue.points = -1; // unknown until read; isEmpty() looks at the bytes
    }
    queue.startSegment(queue.segments.isEmpty() ? 1 : queue.segments.lastKey() + 1);
    return queue;
  }

  /** Appends a point; returns false (and keeps nothing) when the queue holds {@code maxBytes} already. */
  public synchronized boolean offer(String metric, long timestampSeconds, double value) {
    if (bytesOnDisk + tail.encodedBytes() >= maxBytes) {
      return false;
    }
    tail.add(metric, timestampSeconds, value);
    if (points >= 0) {
      points++;
    }
    if (tail.size() >= POINTS_PER_RECORD) {
      writeTail();
    }
    return true;
  }

  /** Whether nothing is queued. */
  public synchronized boolean isEmpty() {
    return tail.size() == 0 && unreadBytes() == 0;
  }

  /** Points queued, or -1 when some were left by an earlier process and not yet read. */
  public synchronized long size() {
    return points;
  }

  /**
   * Reads up to one record (at most 500 points), oldest first, into {@code into}; returns how many points it gave.
   */
  public synchronized int poll(RecordReader.PointConsumer into) {
    while (true) {
      if (unreadBytes() == 0 && tail.size() > 0) {
        writeTail();
      }
      if (readingSegment < 0 || readPosition >= segmentSize(readingSegment)) {
        if (!advanceReader()) {
          return 0;
        }
        continue;
      }
      try {
        int given = readRecord(into);
        if (given >= 0) {
          return given;
        }
      } catch (IOException e) {
        LOG.error("cannot read spill segment {}: {}", file(readingSegment), e.toString());
      }
      // damaged: skip the rest of this segment, and write new points to a fresh one so they can be read
      readPosition = Long.MAX_VALUE;
      if (readingSegment == writingSegment) {
        try {
          writing.close();
          startSegment(writingSegment + 1);
        } catch (IOException e) {
          LOG.error("cannot start a new spill segment in {}: {}", directory, e.toString());
        }
      }
    }
  }

  /** Writes what is buffered to the file (the points are then on disk for a later process). */
  public synchronized void flush() {
    if (tail.size() > 0) {
      writeTail();
    }
  }

  @Override
  public synchronized void close() {
    flush();
    try {
      if (reading != null) {
        reading.close();
      }
      writing.close();
    } catch (IOException e) {
      LOG.warn("closing spill queue {}: {}", directory, e.toString());
    }
    if (isEmpty()) {
      for (long id : segments.keySet()) {
        try {
          Files.deleteIfExists(file(id));
        } catch (IOException e) {
          LOG.warn("cannot delete {}: {}", file(id), e.toString());
        }
      }
    }
  }

  private long unreadBytes() {
    long unread = 0;
    for (long id : segments.keySet()) {
      if (id > readingSegment) {
        unread += segmentSize(id);
      } else if (id == readingSegment) {
        unread += Math.max(0, segmentSize(id) - readPosition);
      }
    }
    return unread;
  }

  private long segmentSize(long id) {
    return segments.getOrDefault(id, 0L);
  }

  /** Moves the reader to the next segment, deleting the one read through; false when there is none. */
  private boolean advanceReader() {
    Long next = segments.higherKey(readingSegment);
    if (readingSegment >= 0 && readingSegment != writingSegment
        && (next != null || readPosition >= segmentSize(readingSegment))) {
      deleteSegment(readingSegment);
    }
    if (next == null) {
      return false;
    }
    if (next == writingSegment && writingBytes == 0) {
      return false;
    }
    try {
      if (reading != null) {
        reading.close();
      }
      reading = FileChannel.open(file(next), StandardOpenOption.READ);
    } catch (IOException e) {
      LOG.error("cannot open spill segment {}: {}", file(next), e.toString());
      reading = null;
    }
    readingSegment = next;
    readPosition = 0;
    return reading != null;
  }

  private void deleteSegment(long id) {
    long size = segmentSize(id);
    segments.remove(id);
    bytesOnDisk -= size;
    try {
      if (reading != null && readingSegment == id) {
        reading.close();
        reading = null;
      }
      Files.deleteIfExists(file(id));
    } catch (IOException e) {
      LOG.warn("cannot delete spill segment {}: {}", file(id), e.toString());
    }
  }

  /** Reads the record at the read position; returns the points given, or -1 when it is damaged. */
  private int readRecord(RecordReader.PointConsumer into) throws IOException {
    int[] given = {0};
    long next = reader.read(reading, readPosition, segmentSize(readingSegment), (metric, timestampSeconds, value) -> {
      into.accept(metric, timestampSeconds, value);
      given[0]++;
    });
    if (next < 0) {
      return -1;
    }
    readPosition = next;
    if (points > 0) {
      points -= given[0];
    }
    if (points >= 0 && isEmpty()) {
      points = 0;
    }
    return given[0];
  }

  private void writeTail() {
    try {
      if (writingBytes >= SEGMENT_BYTES) {
        writing.close();
        startSegment(writingSegment + 1);
      }
      ByteBuffer record = tail.sealed();
      int length = record.remaining();
      while (record.hasRemaining()) {
        writing.write(record);
      }
      writingBytes += length;
      segments.put(writingSegment, writingBytes);
      bytesOnDisk += length;
    } catch (IOException e) {
      LOG.error("cannot write {} points to spill queue {}; they are lost: {}", tail.size(), directory, e.toString());
      if (points >= 0) {
        points -= tail.size();
      }
    }
    tail.clear();
  }

  private void startSegment(long id) throws IOException {
    writing = FileChannel.open(file(id), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING);
    writingSegment = id;
    writingBytes = 0;
    segments.put(id, 0L);
  }

  private Path file(long id) {
    return directory.resolve(String.format("spill-%016d.log", id));
  }
}
