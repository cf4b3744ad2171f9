package io.plumbago.client.send;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One calling thread's queue of encoded lines: a single-producer single-consumer ring of bytes, lines ending in
 * {@code \n}. The owner thread {@link #offer}s whole lines and never waits (a line that does not fit is dropped and
 * counted); the sender thread {@link #drainTo drains} them. No locks and no compare-and-set: the producer publishes
 * its tail with a release store, the consumer its head likewise. The counters are written by the owner only and read
 * by anyone.
 */
public final class LineRing {
  private static final VarHandle HEAD;
  private static final VarHandle TAIL;
  private static final VarHandle OFFERED;
  private static final VarHandle DROPPED;
  private static final VarHandle WAKE;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      HEAD = lookup.findVarHandle(LineRing.class, "head", long.class);
      TAIL = lookup.findVarHandle(LineRing.class, "tail", long.class);
      OFFERED = lookup.findVarHandle(LineRing.class, "offered", long.class);
      DROPPED = lookup.findVarHandle(LineRing.class, "dropped", long.class);
      WAKE = lookup.findVarHandle(LineRing.class, "wakeRequested", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final byte[] buffer;
  private final int mask;
  private final WeakReference<Thread> owner;
  /** Scratch space the owner encodes a line into before offering it. */
  public final byte[] scratch;
  // consumer's position, written by the consumer only
  private long head;
  // producer's position, written by the owner only
  private long tail;
  private long cachedHead;
  private long offered;
  private long dropped;
  private boolean wakeRequested;

  /** A ring of at least {@code capacityBytes} (rounded up to a power of two) for thread {@code owner}. */
  public LineRing(int capacityBytes, int scratchBytes, Thread owner) {
    int capacity = Integer.highestOneBit(Math.max(64, capacityBytes - 1)) << 1;
    this.buffer = new byte[capacity];
    this.mask = capacity - 1;
    this.scratch = new byte[scratchBytes];
    this.owner = new WeakReference<>(owner);
  }

  /**
   * Owner only: appends {@code length} bytes of {@code scratch}, which hold {@code lines} whole lines, or drops them
   * when the ring has no room. Returns whether the ring is now over half full (the sender should be woken).
   */
  public boolean offer(int length, int lines) {
    long t = tail;
    int capacity = buffer.length;
    if (t + length - cachedHead > capacity) {
      cachedHead = (long) HEAD.getAcquire(this);
      if (t + length - cachedHead > capacity) {
        DROPPED.setOpaque(this, dropped + lines);
        return true;
      }
    }
    int at = (int) t & mask;
    int first = Math.min(length, capacity - at);
    System.arraycopy(scratch, 0, buffer, at, first);
    if (first < length) {
      System.arraycopy(scratch, first, buffer, 0, length - first);
    }
    TAIL.setRelease(this, t + length);
    OFFERED.setOpaque(this, offered + lines);
    return t + length - cachedHead > capacity >> 1;
  }

  /** Owner only: counts {@code lines} lines dropped before reaching the ring (bad input, client closed). */
  public void countDropped(int lines) {
    DROPPED.setOpaque(this, dropped + lines);
  }

  /**
   * Owner only: true the first time since the last {@link #drainTo} that the sender should be woken, so a full ring
   * wakes it once rather than on every call.
   */
  public boolean claimWake() {
    if ((boolean) WAKE.getOpaque(this)) {
      return false;
    }
    WAKE.setOpaque(this, true);
    return true;
  }

  /**
   * Consumer only: copies whole lines into {@code out} from {@code offset}, at most {@code max} bytes, and returns
   * how many bytes it copied (0 when the ring is empty or its next line is longer than {@code max}).
   */
  public int drainTo(byte[] out, int offset, int max) {
    WAKE.setOpaque(this, false);
    long h = head;
    long available = (long) TAIL.getAcquire(this) - h;
    int n = (int) Math.min(available, max);
    if (n == 0) {
      return 0;
    }
    int at = (int) h & mask;
    int first = Math.min(n, buffer.length - at);
    System.arraycopy(buffer, at, out, offset, first);
    if (first < n) {
      System.arraycopy(buffer, 0, out, offset + first, n - first);
    }
    if (n < available) {
      // keep only whole lines: cut after the last newline copied
      int end = offset + n - 1;
      while (end >= offset && out[end] != '\n') {
        end--;
      }
      n = end + 1 - offset;
    }
    HEAD.setRelease(this, h + n);
    return n;
  }

  /** Consumer: whether lines are waiting. */
  public boolean isEmpty() {
    return (long) TAIL.getAcquire(this) == head;
  }

  /** Whether the owner thread has ended (its ring can go once empty). */
  public boolean ownerGone() {
    Thread thread = owner.get();
    return thread == null || !thread.isAlive();
  }

  /** Lines the owner queued. */
  public long offered() {
    return (long) OFFERED.getOpaque(this);
  }

  /** Lines the owner dropped: ring full, bad input or client closed. */
  public long dropped() {
    return (long) DROPPED.getOpaque(this);
  }
}
