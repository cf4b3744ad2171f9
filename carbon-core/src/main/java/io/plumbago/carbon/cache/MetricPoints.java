package io.plumbago.carbon.cache;

import java.util.Arrays;
import java.util.Map;

/**
 * The points held for one metric, kept sorted by timestamp in two primitive arrays; a repeated timestamp replaces the
 * earlier value (carbon's last-write-wins). Points mostly arrive in time order, so adding one is usually an append;
 * an older timestamp is found by binary search. Not thread-safe: the cache guards each instance with its own monitor.
 */
public final class MetricPoints {
  private long[] timestamps = new long[4];
  private double[] values = new double[4];
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
    if (size == 0 || timestampSeconds > timestamps[size - 1]) {
      insertAt(size, timestampSeconds, value);
      return true;
    }
    int at = Arrays.binarySearch(timestamps, 0, size, timestampSeconds);
    if (at >= 0) {
      if (replace) {
        values[at] = value;
      }
      return false;
    }
    insertAt(-at - 1, timestampSeconds, value);
    return true;
  }

  private void insertAt(int at, long timestampSeconds, double value) {
    if (size == timestamps.length) {
      timestamps = Arrays.copyOf(timestamps, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    if (at < size) {
      System.arraycopy(timestamps, at, timestamps, at + 1, size - at);
      System.arraycopy(values, at, values, at + 1, size - at);
    }
    timestamps[at] = timestampSeconds;
    values[at] = value;
    size++;
  }

  /** Adds {@code older}'s points except where this already has a newer value; returns how many were new. */
  public int putAbsent(MetricPoints older) {
    firstSegment = Math.min(firstSegment, older.firstSegment);
    int added = 0;
    for (int i = 0; i < older.size; i++) {
      if (put(older.timestamps[i], older.values[i], false)) {
        added++;
      }
    }
    return added;
  }

  /** The oldest timestamp held, or Long.MAX_VALUE when empty. */
  public long oldest() {
    return size == 0 ? Long.MAX_VALUE : timestamps[0];
  }

  /** The number of distinct timestamps held. */
  public int size() {
    return size;
  }

  /** Copies timestamps and values, oldest first, into arrays of at least {@link #size()} elements. */
  public void copyTo(long[] timestampsOut, double[] valuesOut) {
    System.arraycopy(timestamps, 0, timestampsOut, 0, size);
    System.arraycopy(values, 0, valuesOut, 0, size);
  }

  /** Puts every point into {@code into} (timestamp to value), oldest first; later calls overwrite earlier ones. */
  public void copyInto(Map<Long, Double> into) {
    for (int i = 0; i < size; i++) {
      into.put(timestamps[i], values[i]);
    }
  }
}
