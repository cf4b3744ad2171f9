package io.plumbago.whisper;

import java.io.IOException;
import java.nio.file.Files;
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
 * {@code vm.max_map_count}). Each file has a read-write lock: writes are exclusive, reads share, so a reader always
 * sees whole points. A file replaced on disk (a new inode, e.g. after whisper-resize) is noticed on the next use and
 * mapped afresh. Thread-safe.
 */
final class OpenFiles implements AutoCloseable {
  /** Opens a file that is not mapped yet. */
  @FunctionalInterface
  interface Opener {
    WhisperFile open(Path path) throws IOException;
  }

  /** Work done on a mapped file under its lock. */
  @FunctionalInterface
  interface Action<T> {
    T apply(WhisperFile file) throws IOException;
  }

  private static final class Handle {
    final WhisperFile file;
    final Object fileKey;
    final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    boolean closed;

    Handle(WhisperFile file, Object fileKey) {
      this.file = file;
      this.fileKey = fileKey;
    }
  }

  private final int capacity;
  private final LinkedHashMap<Path, Handle> handles = new LinkedHashMap<>(64, 0.75f, true);

  OpenFiles(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Runs {@code action} on {@code path}'s file with exclusive access. */
  <T> T write(Path path, Opener opener, Action<T> action) throws IOException {
    return with(path, opener, true, action);
  }

  /** Runs {@code action} on {@code path}'s file alongside other readers. */
  <T> T read(Path path, Opener opener, Action<T> action) throws IOException {
    return with(path, opener, false, action);
  }

  /** How many files are mapped now. */
  int size() {
    synchronized (handles) {
      return handles.size();
    }
  }

  private <T> T with(Path path, Opener opener, boolean exclusive, Action<T> action) throws IOException {
    while (true) {
      Handle handle = acquire(path, opener);
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

  private Handle acquire(Path path, Opener opener) throws IOException {
    Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    List<Handle> evicted = new ArrayList<>(2);
    synchronized (handles) {
      Handle cached = handles.get(path);
      if (cached != null && Objects.equals(cached.fileKey, key)) {
        return cached;
      }
      if (cached != null) {
        handles.remove(path);
        evicted.add(cached);
      }
    }
    closeAll(evicted);
    Handle fresh = new Handle(opener.open(path), key);
    Handle chosen;
    synchronized (handles) {
      Handle raced = handles.get(path);
      if (raced != null && Objects.equals(raced.fileKey, key)) {
        evicted.add(fresh);
        chosen = raced;
      } else {
        if (raced != null) {
          evicted.add(raced);
        }
        handles.put(path, fresh);
        chosen = fresh;
        Iterator<Map.Entry<Path, Handle>> eldest = handles.entrySet().iterator();
        while (handles.size() > capacity && eldest.hasNext()) {
          evicted.add(eldest.next().getValue());
          eldest.remove();
        }
      }
    }
    closeAll(evicted);
    return chosen;
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
