package io.plumbago.events;

import io.plumbago.events.index.EventIndex;
import io.plumbago.events.log.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.LinkedHashSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable events store: an append-only log in one folder with an in-memory index by time and by tag, rebuilt
 * when the store opens. Every {@link #add} and {@link #delete} is on disk (fsynced) before it returns, unless
 * {@link Builder#fsyncEachWrite} turned that off; a crash loses at most writes that had not returned, and a record
 * torn by a crash is cut off on the next open. Deletes append tombstones; {@link #compact} (also run automatically
 * once dead records outnumber live events) rewrites the log with the live events only. Ids are never reused.
 *
 * <p>Thread-safe: writers are serialized, queries run concurrently with each other. One store per folder; a second
 * store (in this or another process) on the same folder fails to open.
 */
public final class EventStore implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
  private final EventIndex index = new EventIndex();
  private final ReentrantReadWriteLock indexLock = new ReentrantReadWriteLock();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final EventLog log;
  private final int compactAfterDeadRecords;
  private long nextId;
  private long deadRecords;

  private EventStore(Builder builder) throws IOException {
    this.compactAfterDeadRecords = builder.compactAfterDeadRecords;
    long startNanos = System.nanoTime();
    long[] headerNextId = new long[1];
    long[] maxId = {0};
    long[] records = {0};
    Map<Long, Event> live = new HashMap<>();
    log = EventLog.open(builder.folder, builder.fsyncEachWrite, new EventLog.Replay() {
      @Override
      public void added(Event event) {
        records[0]++;
        live.put(event.id(), event);
        maxId[0] = Math.max(maxId[0], event.id());
      }

      @Override
      public void deleted(long id) {
        records[0]++;
        live.remove(id);
      }
    }, headerNextId);
    long replayedNanos = System.nanoTime();
    index.load(live.values());
    nextId = Math.max(headerNextId[0], maxId[0] + 1);
    deadRecords = records[0] - index.size();
    LOG.info("events store {}: {} events, {} dead records, {} bytes; log read in {} ms, indexed in {} ms",
        builder.folder, index.size(), deadRecords, log.sizeBytes(), (replayedNanos - startNanos) / 1_000_000,
        (System.nanoTime() - replayedNanos) / 1_000_000);
  }

  /** A store keeping its log in {@code folder} (created if missing). */
  public static Builder builder(Path folder) {
    return new Builder(folder);
  }

  /**
   * Stores a new event and returns it with its id. Tags keep their order (graphite-web returns them as posted).
   *
   * @param whenSeconds when it happened, seconds since the epoch (fractions kept)
   * @param tags the event's tags (null for none)
   * @param data free text (null for none)
   * @throws EventFormatException when a field breaks {@link Event}'s rules
   * @throws IOException when the log cannot be written; the event is then not stored
   */
  public Event add(double whenSeconds, String what, Collection<String> tags, String data) throws IOException {
    writeLock.lock();
    try {
      Event event = new Event(nextId, whenSeconds, what, tags == null ? Set.of() : new LinkedHashSet<>(tags),
          data);
      log.appendAdd(event);
      nextId++;
      indexLock.writeLock().lock();
      try {
        index.add(event);
      } finally {
        indexLock.writeLock().unlock();
      }
      return event;
    } finally {
      writeLock.unlock();
    }
  }

  /** Deletes the event with {@code id}; false when there is none. Durable on return. */
  public boolean delete(long id) throws IOException {
    writeLock.lock();
    try {
      if (get(id).isEmpty()) {
        return false;
      }
      log.appendDelete(id);
      indexLock.writeLock().lock();
      try {
        index.remove(id);
      } finally {
        indexLock.writeLock().unlock();
      }
      deadRecords += 2;
      if (deadRecords > compactAfterDeadRecords && deadRecords > size()) {
        compactLocked();
      }
      return true;
    } finally {
      writeLock.unlock();
    }
  }

  /** The event with {@code id}, if stored. */
  public Optional<Event> get(long id) {
    return Optional.ofNullable(read(() -> index.get(id)));
  }

  /** The events matching {@code query}, oldest first. */
  public List<Event> query(EventQuery query) {
    Objects.requireNonNull(query, "query");
    return read(() -> index.query(query));
  }

  /** The newest {@code limit} events, newest first. */
  public List<Event> newest(int limit) {
    return read(() -> index.newest(limit));
  }

  /** Every tag on a stored event, sorted, with how many events carry it. */
  public SortedMap<String, Integer> tagCounts() {
    return read(index::tagCounts);
  }

  /** How many events are stored. */
  public int size() {
    return read(index::size);
  }

  private <T> T read(Supplier<T> reader) {
    indexLock.readLock().lock();
    try {
      return reader.get();
    } finally {
      indexLock.readLock().unlock();
    }
  }

  /** The log's length on disk, in bytes. */
  public long logSizeBytes() {
    writeLock.lock();
    try {
      return log.sizeBytes();
    } finally {
      writeLock.unlock();
    }
  }

  /** How many bytes of a torn last record were cut off when this store opened (0 after a clean stop). */
  public long truncatedBytesOnOpen() {
    return log.truncatedBytes();
  }

  /** Rewrites the log with the live events only, atomically (a crash leaves the old log or the new one). */
  public void compact() throws IOException {
    writeLock.lock();
    try {
      compactLocked();
    } finally {
      writeLock.unlock();
    }
  }

  private void compactLocked() throws IOException {
    long before = log.sizeBytes();
    List<Event> live = read(() -> List.copyOf(index.all()));
    log.rewrite(live, nextId);
    deadRecords = 0;
    LOG.info("events log compacted: {} events, {} -> {} bytes", live.size(), before, log.sizeBytes());
  }

  /** Closes the log; every returned write is already on disk. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      log.close();
    } finally {
      writeLock.unlock();
    }
  }

  /** Configures an {@link EventStore}. */
  public static final class Builder {
    private final Path folder;
    private boolean fsyncEachWrite = true;
    private int compactAfterDeadRecords = 10_000;

    private Builder(Path folder) {
      this.folder = Objects.requireNonNull(folder, "folder");
    }

    /**
     * Whether every write is fsynced before it returns (default true). Off, a machine crash (not a process crash)
     * can lose the last writes.
     */
    public Builder fsyncEachWrite(boolean fsync) {
      this.fsyncEachWrite = fsync;
      return this;
    }

    /**
     * Compacts automatically once more than this many dead records (deleted events and their tombstones) are in the
     * log and they outnumber the live events; 10 000 by default.
     */
    public Builder compactAfterDeadRecords(int records) {
      if (records < 0) {
        throw new IllegalArgumentException("records must not be negative: " + records);
      }
      this.compactAfterDeadRecords = records;
      return this;
    }

    /** Opens the store: replays the log (cutting off a torn tail) and builds the index. */
    public EventStore build() throws IOException {
      return new EventStore(this);
    }
  }
}
