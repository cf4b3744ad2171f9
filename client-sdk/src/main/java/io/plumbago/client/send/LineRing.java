package io.plumbago.client.send;

import io.plumbago.client.codec.LineEncoder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One calling thread's queue of encoded lines: a single-producer single-consumer ring of bytes, lines ending in
 * {@code \n}. The owner thread {@link #offer}s whole lines and never waits (a line that does not fit is dropped and
 * counted); the sender thread {@link #drainTo drains} them. No locks and no compare-and-set: the producer publishes
 * its tail with a release store, the consumer its head likewise. The counters are written by the owner only and read
 * by anyone.
 */
public final class LineRing {
  private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
  private static final VarHandle TAIL;
  private static final VarHandle OFFERED;
  private static final VarHandle DROPPED;
  private static final VarHandle AGGREGATED;
  /** Index of the consumer's head in {@link #consumer}: 128 bytes from either end, alone on its cache line. */
  private static final int HEAD = 16;

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      TAIL = lookup.findVarHandle(LineRing.class, "tail", long.class);
      OFFERED = lookup.findVarHandle(LineRing.class, "offered", long.class);
      DROPPED = lookup.findVarHandle(LineRing.class, "dropped", long.class);
      AGGREGATED = lookup.findVarHandle(LineRing.class, "aggregated", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final byte[] buffer;
  private final int mask;
  private final Thread owner;
  /** Scratch space the owner encodes a line into before offering it. */
  public final byte[] scratch;
  /** The owner's aggregated counters, or null when the client does not aggregate. */
  public final CounterTable counters;
  /** The owner's cache of encoded keys. */
  public final LineTemplates templates = new LineTemplates(256);
  /** The consumer's position, padded so the producer's writes never share its cache line. */
  private final long[] consumer = new long[2 * HEAD];
  // the producer's position and counters, written by the owner only
  private long tail;
  private long cachedHead;
  private long offered;
  private long dropped;
  private long aggregated;

  /** A ring of at least {@code capacityBytes} (rounded up to a power of two) for thread {@code owner}. */
  public LineRing(int capacityBytes, int scratchBytes, CounterTable counters, Thread owner) {
    this.counters = counters;
    int capacity = Integer.highestOneBit(Math.max(64, capacityBytes - 1)) << 1;
    this.buffer = new byte[capacity];
    this.mask = capacity - 1;
    this.scratch = new byte[scratchBytes];
    this.owner = owner;
  }

  /**
   * Owner only: appends {@code length} bytes of {@code scratch}, which hold {@code lines} whole lines, or drops them
   * when the ring has no room. Returns whether the ring is now over half full (the sender should be awake).
   */
  public boolean offer(int length, int lines) {
    long t = tail;
    int capacity = buffer.length;
    if (!room(t, length)) {
      DROPPED.setOpaque(this, dropped + 1);
      return true;
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

  /**
   * Owner only: whether a line of {@code lineBytes} would be dropped now, so a caller can drop it (and count it with
   * {@link #countDropped}) before spending anything on encoding it.
   */
  public boolean full(int lineBytes) {
    return !room(tail, lineBytes);
  }

  private boolean room(long t, int length) {
    if (t + length - cachedHead > buffer.length) {
      // While full, look at the consumer's position (a cache line the sender keeps writing, so a miss) one call in
      // 32: the sender frees a packet's worth at a time, and the caller should not pay a miss for every drop.
      if ((dropped & 31) == 0) {
        cachedHead = (long) LONGS.getAcquire(consumer, HEAD);
      }
      return t + length - cachedHead <= buffer.length;
    }
    return true;
  }

  /**
   * Owner only: appends the line {@code key}'s head, {@code value}, {@code key}'s tail, written straight into the
   * ring when it does not wrap, or drops it when the ring has no room. Returns whether the ring is over half full.
   */
  public boolean offer(EncodedKey key, long value, double doubleValue, boolean isDouble) {
    long t = tail;
    int most = key.head.length + LineEncoder.MAX_NUMBER_BYTES + key.tail.length;
    if (!room(t, most)) {
      DROPPED.setOpaque(this, dropped + 1);
      return true;
    }
    int at = (int) t & mask;
    if (at + most > buffer.length) {
      int end = line(scratch, 0, key, value, doubleValue, isDouble);
      return offer(end, 1);
    }
    int length = line(buffer, at, key, value, doubleValue, isDouble) - at;
    TAIL.setRelease(this, t + length);
    OFFERED.setOpaque(this, offered + 1);
    return t + length - cachedHead > buffer.length >> 1;
  }

  private static int line(byte[] out, int p, EncodedKey key, long value, double doubleValue, boolean isDouble) {
    System.arraycopy(key.head, 0, out, p, key.head.length);
    p += key.head.length;
    p = isDouble ? LineEncoder.writeDouble(out, p, doubleValue) : LineEncoder.writeLong(out, p, value);
    System.arraycopy(key.tail, 0, out, p, key.tail.length);
    return p + key.tail.length;
  }

  /** Owner only: counts a call that went into {@link #counters} instead of a line. */
  public void countAggregated() {
    AGGREGATED.setOpaque(this, aggregated + 1);
  }

  /** Calls the owner aggregated into {@link #counters}. */
  public long aggregated() {
    return (long) AGGREGATED.getOpaque(this);
  }

  /** Owner only: counts {@code lines} lines dropped before reaching the ring (bad input, client closed). */
  public void countDropped(int lines) {
    DROPPED.setOpaque(this, dropped + lines);
  }

  /**
   * Consumer only: copies whole lines into {@code out} from {@code offset}, at most {@code max} bytes, and returns
   * how many bytes it copied (0 when the ring is empty or its next line is longer than {@code max}).
   */
  public int drainTo(byte[] out, int offset, int max) {
    long h = (long) LONGS.getOpaque(consumer, HEAD);
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
    LONGS.setRelease(consumer, HEAD, h + n);
    return n;
  }

  /** Consumer: whether lines are waiting. */
  public boolean isEmpty() {
    return (long) TAIL.getAcquire(this) == (long) LONGS.getOpaque(consumer, HEAD);
  }
  /** Whether {@code thread} owns this ring. */
  public boolean ownedBy(Thread thread) {
    return owner == thread;
  }

  /** The owner thread's id. */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() only exists from Java 19
  public long ownerId() {
    return owner.getId();
  }

  /** Whether the owner thread has ended (its ring can go once empty). */
  public boolean ownerGone() {
    return !owner.isAlive();
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
