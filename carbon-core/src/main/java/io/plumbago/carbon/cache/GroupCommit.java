package io.plumbago.carbon.cache;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The every-batch sync policy without making receivers wait for the disk: {@link #submit} writes a batch to the log
 * and queues it; one thread syncs the log (one fsync covers every batch written meanwhile). Synced batches are handed
 * to the {@link Holder} one at a time and in log order, by whichever thread gets there first: a submitter hands over
 * what is synced after queueing its own batch (so a busy receiver does that work on its own core, where the names
 * are still in cache), and the sync thread hands over whatever is left 5 ms after each fsync. A batch is therefore held, and
 * visible, only once it is on stable storage, while receivers go on reading. Submitters wait only when more than
 * {@code maxUnsyncedBytes} are queued. Thread-safe.
 */
public final class GroupCommit implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GroupCommit.class);
  private static final long HAND_OVER_GRACE_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5);

  /** Takes the points of a batch that is on stable storage. */
  @FunctionalInterface
  public interface Holder {
    /** Holds every point of {@code batch}, logged in {@code segment}. */
    void hold(WalBatch batch, long segment);
  }

  private record Queued(WalBatch batch, long segment, long endByte, int bytes) {}

  private final WriteAheadLog wal;
  private final Holder holder;
  private final Lock holding;
  private final long maxUnsyncedBytes;
  private final Object lock = new Object();
  private final ReentrantLock handing = new ReentrantLock(); // one hand-over at a time, so batches stay in order
  private final ArrayDeque<Queued> queue = new ArrayDeque<>(); // guarded by lock
  private final ArrayDeque<WalBatch> spare = new ArrayDeque<>(); // guarded by lock
  private long queuedBytes; // guarded by lock
  private boolean open = true; // guarded by lock
  private final Thread syncer;

  /**
   * Syncs {@code wal} and hands synced batches to {@code holder} while holding {@code holding} (so a reader of the
   * held state can wait out a hand-over in progress).
   */
  public GroupCommit(WriteAheadLog wal, Holder holder, Lock holding, long maxUnsyncedBytes) {
    this.wal = wal;
    this.holder = holder;
    this.holding = holding;
    this.maxUnsyncedBytes = maxUnsyncedBytes;
    this.syncer = new Thread(this::syncLoop, "carbon-wal-commit");
    this.syncer.setDaemon(true);
    this.syncer.start();
  }

  /**
   * Writes {@code batch} to the log and queues it for holding once synced; returns an empty batch for the caller to
   * fill next (the given one now belongs to this object).
   */
  public WalBatch submit(WalBatch batch) throws IOException {
    WalBatch next;
    synchronized (lock) {
      while (queuedBytes > maxUnsyncedBytes && open) {
        try {
          lock.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted waiting for the write-ahead log", e);
        }
      }
      if (!open) {
        throw new IOException("the write-ahead log is closing");
      }
      long segment = wal.write(batch);
      int bytes = batch.encodedBytes();
      queue.add(new Queued(batch, segment, wal.writtenBytes(), bytes));
      queuedBytes += bytes;
      lock.notifyAll();
      next = spare.poll();
    }
    if (handing.tryLock()) {
      try {
        handOver();
      } finally {
        handing.unlock();
      }
    }
    return next == null ? new WalBatch() : next;
  }

  /** The oldest segment a queued batch was written to, or Long.MAX_VALUE when none waits. */
  public long oldestQueuedSegment() {
    synchronized (lock) {
      return queue.isEmpty() ? Long.MAX_VALUE : queue.peek().segment();
    }
  }

  /** Syncs and hands over every queued batch, then stops the thread. */
  @Override
  public void close() {
    synchronized (lock) {
      open = false;
      lock.notifyAll();
    }
    try {
      syncer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void syncLoop() {
    while (true) {
      long end;
      synchronized (lock) {
        while (queue.isEmpty() && open) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            // keep going until closed: queued batches must be handed over
          }
        }
        if (queue.isEmpty()) {
          return;
        }
        end = wal.writtenBytes();
      }
      try {
        wal.syncTo(end);
      } catch (IOException e) {
        // the batches are in the file (a killed process keeps them) but maybe not on the platter; hold them anyway
        LOG.error("could not sync the write-ahead log: {}", e.toString());
        synced = Math.max(synced, end);
      }
      // A busy submitter hands the synced batches over itself, on the core where their names are still in cache;
      // give it a moment before doing it here.
      long waitUntil = System.nanoTime() + HAND_OVER_GRACE_NANOS;
      while (System.nanoTime() < waitUntil && hasSynced()) {
        java.util.concurrent.locks.LockSupport.parkNanos(200_000);
      }
      handing.lock();
      try {
        handOver();
      } finally {
        handing.unlock();
      }
    }
  }

  private boolean hasSynced() {
    synchronized (lock) {
      Queued head = queue.peek();
      return head != null && head.endByte() <= wal.syncedBytes() && open;
    }
  }

  private long synced; // guarded by handing: what failed syncs let through

  /** Hands every synced batch at the head of the queue to the holder. Call with {@code handing} held. */
  private void handOver() {
    long through = Math.max(wal.syncedBytes(), synced);
    holding.lock();
    try {
      while (true) {
        Queued q;
        synchronized (lock) {
          q = queue.peek();
          if (q == null || q.endByte() > through) {
            return;
          }
          queue.poll();
        }
        holder.hold(q.batch(), q.segment());
        synchronized (lock) {
          queuedBytes -= q.bytes();
          lock.notifyAll();
          q.batch().clear();
          if (spare.size() < 64) {
            spare.add(q.batch());
          }
        }
      }
    } finally {
      holding.unlock();
    }
  }
}
