package io.plumbago.render;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * One rendered series as graphite-web's {@code TimeSeries}: a name, the start and end of its window in seconds since
 * the epoch (end exclusive), the step in seconds, one value per step with NaN where graphite-web has None, its tags,
 * the path expression it came from, and the consolidation function and xFilesFactor used when its points are merged
 * (by {@code maxDataPoints} or when combined with series of another step). Immutable.
 */
public record TimeSeries(String name, long startSeconds, long endSeconds, long stepSeconds, double[] values,
    Map<String, String> tags, String pathExpression, String consolidationFunc, double xFilesFactor) {
  /** Checks the step and copies the values and tags. */
  public TimeSeries {
    Objects.requireNonNull(name);
    Objects.requireNonNull(pathExpression);
    Objects.requireNonNull(consolidationFunc);
    if (stepSeconds <= 0) {
      throw new IllegalArgumentException("step must be positive: " + stepSeconds);
    }
    values = values.clone();
    tags = Map.copyOf(tags);
  }

  /** A series with graphite-web's defaults: tags {@code {name}}, its name as path expression, average, 0. */
  public TimeSeries(String name, long startSeconds, long endSeconds, long stepSeconds, double[] values) {
    this(name, startSeconds, endSeconds, stepSeconds, values, Map.of("name", name), name, "average", 0);
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
        && endSeconds == t.endSeconds && stepSeconds == t.stepSeconds && Arrays.equals(values, t.values)
        && tags.equals(t.tags) && pathExpression.equals(t.pathExpression)
        && consolidationFunc.equals(t.consolidationFunc) && Double.compare(xFilesFactor, t.xFilesFactor) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, startSeconds, endSeconds, stepSeconds, tags, pathExpression) * 31
        + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "TimeSeries[" + name + ", " + startSeconds + ".." + endSeconds + " step " + stepSeconds + ", "
        + Arrays.toString(values) + "]";
  }
}
