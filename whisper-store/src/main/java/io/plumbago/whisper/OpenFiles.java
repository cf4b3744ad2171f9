package io.plumbago.whisper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A bounded, least-recently-used set of mapped whisper files, so thousands of metrics do not pay for an open and a
 * mapping on every write, and never hold more mappings than {@code capacity} (kept well under the kernel's
 * {@code vm.max_map_count}). Files are found by metric name, so a hit costs a hash lookup (the name was checked and
 * turned into a path when the file was first mapped). Each file has a read-write lock: writes are exclusive, reads
 * share, so a reader always sees whole points. A file replaced on disk (a new inode, e.g. after whisper-resize) is
 * noticed on the first use after {@link #REVALIDATE_NANOS} and mapped afresh. Thread-safe.
 */
final class OpenFiles implements AutoCloseable {
  /** How often a mapped file's inode is compared with the path's: at most once a second per file. */
  static final long REVALIDATE_NANOS = 1_000_000_000L;

  /** Opens a file that is not mapped yet. */
  @FunctionalInterface
  interface Opener {
    WhisperFile open(Path path) throws IOException;
  }

  /** Turns a metric name into its file's path (and refuses names that could leave the root). */
  @FunctionalInterface
  interface Resolver {
    Path pathFor(String metric);
  }

  /** Work done on a mapped file under its lock. */
  @FunctionalInterface
  interface Action<T> {
    T apply(WhisperFile file) throws IOException;
  }

  private static final class Handle {
    final Path path;
    final WhisperFile file;
    final Object fileKey;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    volatile long checkedNanos;
    boolean closed;

    Handle(Path path, WhisperFile file, Object fileKey) {
      this.path = path;
      this.file = file;
      this.fileKey = fileKey;
      this.checkedNanos = System.nanoTime();
    }
  }

  private final int capacity;
  private final Resolver resolver;
  private final LinkedHashMap<String, Handle> handles = new LinkedHashMap<>(64, 0.75f, true);

  OpenFiles(int capacity, Resolver resolver) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
    this.resolver = resolver;
  }

  /** Runs {@code action} on {@code metric}'s file with exclusive access. */
  <T> T write(String metric, Opener opener, Action<T> action) throws IOException {
    return with(metric, opener, true, action);
  }

  /** Runs {@code action} on {@code metric}'s file alongside other readers. */
  <T> T read(String metric, Opener opener, Action<T> action) throws IOException {
    return with(metric, opener, false, action);
  }

  /** How many files are mapped now. */
  int size() {
    synchronized (handles) {
      return handles.size();
    }
  }

  private <T> T with(String metric, Opener opener, boolean exclusive, Action<T> action) throws IOException {
    while (true) {
      Handle handle = acquire(metric, opener);
      Lock lock = exclusive ? handle.lock.writeLock() : handle.lock.readLock();
      lock.lock();
      try {
        if (!handle.closed) {
          return action.apply(handle.file);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private Handle acquire(String metric, Opener opener) throws IOException {
    Handle cached;
    synchronized (handles) {
      cached = handles.get(metric);
    }
    if (cached != null && System.nanoTime() - cached.checkedNanos < REVALIDATE_NANOS) {
      return cached;
    }
    return checkOrOpen(metric, opener, cached);
  }

  /**
   * The rare paths of {@link #acquire}, apart so that the hit path stays small: the JIT recompiles it whenever one
   * of these paths is first taken (the first revalidation comes a second into a run), and with the opening inlined
   * each recompilation was tens of kilobytes of code.
   */
  private Handle checkOrOpen(String metric, Opener opener, Handle cached) throws IOException {
    List<Handle> evicted = new ArrayList<>(2);
    if (cached != null) {
      long now = System.nanoTime();
      Object key;
      try {
        key = fileKey(cached.path);
      } catch (NoSuchFileException gone) {
        synchronized (handles) {
          handles.remove(metric, cached);
        }
        evicted.add(cached);
        closeAll(evicted);
        throw gone;
      }
      if (Objects.equals(cached.fileKey, key)) {
        cached.checkedNanos = now;
        return cached;
      }
      synchronized (handles) {
        handles.remove(metric, cached);
      }
      evicted.add(cached);
      closeAll(evicted);
    }
    Path path = cached != null ? cached.path : resolver.pathFor(metric);
    Object key = fileKey(path);
    Handle fresh = new Handle(path, opener.open(path), key);
    Handle chosen;
    synchronized (handles) {
      Handle raced = handles.get(metric);
      if (raced != null && Objects.equals(raced.fileKey, key)) {
        evicted.add(fresh);
        chosen = raced;
      } else {
        if (raced != null) {
          evicted.add(raced);
        }
        handles.put(metric, fresh);
        chosen = fresh;
        Iterator<Map.Entry<String, Handle>> eldest = handles.entrySet().iterator();
        while (handles.size() > capacity && eldest.hasNext()) {
          evicted.add(eldest.next().getValue());
          eldest.remove();
        }
      }
    }
    closeAll(evicted);
    return chosen;
  }

  private static Object fileKey(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
  }

  private static void closeAll(List<Handle> evicted) {
    for (Handle handle : evicted) {
      handle.lock.writeLock().lock();
      try {
        handle.closed = true;
        handle.file.close();
      } finally {
        handle.lock.writeLock().unlock();
      }
    }
    evicted.clear();
  }

  /** Unmaps every file, waiting for work in progress on each. */
  @Override
  public void close() {
    List<Handle> all;
    synchronized (handles) {
      all = new ArrayList<>(handles.values());
      handles.clear();
    }
    closeAll(all);
  }
}
