package io.plumbago.carbon.cache;

import java.util.Map;
import java.util.TreeMap;

/**
 * The points held for one metric, keyed by timestamp so a repeated timestamp replaces the earlier value (carbon's
 * last-write-wins). Not thread-safe: the cache guards each instance with its own monitor.
 */
public final class MetricPoints {
  private final TreeMap<Long, Double> points = new TreeMap<>();

  /** Adds a point; returns true when the timestamp was new (the cache grew). */
  public boolean put(long timestampSeconds, double value) {
    return points.put(timestampSeconds, value) == null;
  }

  /** Adds {@code older}'s points except where this already has a newer value; returns how many were new. */
  public int putAbsent(MetricPoints older) {
    int added = 0;
    for (Map.Entry<Long, Double> e : older.points.entrySet()) {
      if (points.putIfAbsent(e.getKey(), e.getValue()) == null) {
        added++;
      }
    }
    return added;
  }

  /** The oldest timestamp held, or Long.MAX_VALUE when empty. */
  public long oldest() {
    return points.isEmpty() ? Long.MAX_VALUE : points.firstKey();
  }

  /** The number of distinct timestamps held. */
  public int size() {
    return points.size();
  }

  /** Copies timestamps and values, oldest first, into arrays of at least {@link #size()} elements. */
  public void copyTo(long[] timestamps, double[] values) {
    int i = 0;
    for (Map.Entry<Long, Double> e : points.entrySet()) {
      timestamps[i] = e.getKey();
      values[i] = e.getValue();
      i++;
    }
  }

  /** The points as a map view, oldest first (read under the owner's monitor). */
  public Map<Long, Double> view() {
    return points;
  }
}
