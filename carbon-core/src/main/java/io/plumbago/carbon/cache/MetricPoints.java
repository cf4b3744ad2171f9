package io.plumbago.carbon.cache;

import java.util.Arrays;
import java.util.Map;

/**
 * The points held for one metric, kept sorted by timestamp; a repeated timestamp replaces the earlier value (carbon's
 * last-write-wins). Points mostly arrive in time order, so adding one is usually an append; an older timestamp is
 * found by binary search. Each point is a timestamp and its value's bits side by side in one array, so adding a point
 * touches one cache line of it: with tens of thousands of metrics each add is a cache miss, and two arrays made it
 * two. Not thread-safe: the cache guards each instance with its own monitor.
 */
public final class MetricPoints {
  private long[] points = new long[8]; // timestamp, Double.doubleToRawLongBits(value), timestamp, ...
  private int size;
  private long firstSegment;
  private boolean retired;

  /** Points logged in write-ahead-log segment {@code firstSegment} or later (0 without a log). */
  public MetricPoints(long firstSegment) {
    this.firstSegment = firstSegment;
  }

  /** Marks this instance as taken away by the writer: new points for the metric must go to a new instance. */
  public void retire() {
    retired = true;
  }

  /** Whether the writer has taken this instance away. */
  public boolean retired() {
    return retired;
  }

  /** The oldest write-ahead-log segment any of these points came from: it must stay until they are written. */
  public long firstSegment() {
    return firstSegment;
  }

  /**
   * Adds a point logged in write-ahead-log {@code segment}; returns true when the timestamp was new (the cache
   * grew).
   */
  public boolean put(long timestampSeconds, double value, long segment) {
    firstSegment = Math.min(firstSegment, segment);
    return put(timestampSeconds, value, true);
  }

  private boolean put(long timestampSeconds, double value, boolean replace) {
    if (size == 0 || timestampSeconds > points[2 * size - 2]) {
      insertAt(size, timestampSeconds, value);
      return true;
    }
    int at = search(timestampSeconds);
    if (at >= 0) {
      if (replace) {
        points[2 * at + 1] = Double.doubleToRawLongBits(value);
      }
      return false;
    }
    insertAt(-at - 1, timestampSeconds, value);
    return true;
  }

  /** {@link java.util.Arrays#binarySearch}'s answer for the timestamps, which sit at the even indexes. */
  private int search(long timestampSeconds) {
    int low = 0;
    int high = size - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      long at = points[2 * mid];
      if (at < timestampSeconds) {
        low = mid + 1;
      } else if (at > timestampSeconds) {
        high = mid - 1;
      } else {
        return mid;
      }
    }
    return -(low + 1);
  }

  private void insertAt(int at, long timestampSeconds, double value) {
    if (2 * size == points.length) {
      points = Arrays.copyOf(points, points.length * 2);
    }
    if (at < size) {
      System.arraycopy(points, 2 * at, points, 2 * at + 2, 2 * (size - at));
    }
    points[2 * at] = timestampSeconds;
    points[2 * at + 1] = Double.doubleToRawLongBits(value);
    size++;
  }

  /** Adds {@code older}'s points except where this already has a newer value; returns how many were new. */
  public int putAbsent(MetricPoints older) {
    firstSegment = Math.min(firstSegment, older.firstSegment);
    int added = 0;
    for (int i = 0; i < older.size; i++) {
      if (put(older.points[2 * i], Double.longBitsToDouble(older.points[2 * i + 1]), false)) {
        added++;
      }
    }
    return added;
  }

  /** The oldest timestamp held, or Long.MAX_VALUE when empty. */
  public long oldest() {
    return size == 0 ? Long.MAX_VALUE : points[0];
  }

  /** The number of distinct timestamps held. */
  public int size() {
    return size;
  }

  /** Copies timestamps and values, oldest first, into arrays of at least {@link #size()} elements. */
  public void copyTo(long[] timestampsOut, double[] valuesOut) {
    for (int i = 0; i < size; i++) {
      timestampsOut[i] = points[2 * i];
      valuesOut[i] = Double.longBitsToDouble(points[2 * i + 1]);
    }
  }

  /** Puts every point into {@code into} (timestamp to value), oldest first; later calls overwrite earlier ones. */
  public void copyInto(Map<Long, Double> into) {
    for (int i = 0; i < size; i++) {
      into.put(points[2 * i], Double.longBitsToDouble(points[2 * i + 1]));
    }
  }
}
