package io.plumbago.render;

import java.util.Arrays;
import java.util.Objects;

/**
 * One rendered series as graphite-web's {@code TimeSeries}: a name, the start and end of its window in seconds since
 * the epoch (end exclusive), the step in seconds, and one value per step with NaN where graphite-web has None.
 */
public record TimeSeries(String name, long startSeconds, long endSeconds, long stepSeconds, double[] values) {
  /** Checks that the values fill the window. */
  public TimeSeries {
    Objects.requireNonNull(name);
    if (stepSeconds <= 0) {
      throw new IllegalArgumentException("step must be positive: " + stepSeconds);
    }
    values = values.clone();
  }

  /** The timestamp of value {@code i}, in seconds. */
  public long timestampAt(int i) {
    return startSeconds + i * stepSeconds;
  }

  /** A copy of the values. */
  @Override
  public double[] values() {
    return values.clone();
  }

  /** Value {@code i} (NaN for None). */
  public double valueAt(int i) {
    return values[i];
  }

  /** How many values there are. */
  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeSeries t && name.equals(t.name) && startSeconds == t.startSeconds
        && endSeconds == t.endSeconds && stepSeconds == t.stepSeconds && Arrays.equals(values, t.values);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, startSeconds, endSeconds, stepSeconds) * 31 + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TimeSeries[" + name + ", " + startSeconds + ".." + endSeconds + " step " + stepSeconds + ", "
        + Arrays.toString(values) + "]";
  }
}
