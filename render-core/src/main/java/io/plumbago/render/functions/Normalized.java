package io.plumbago.render.functions;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * Series brought to one step as graphite-web's {@code normalize()} does before combining them point by point: the
 * step is the least common multiple of theirs, each series is consolidated to it (with its own consolidation function
 * and xFilesFactor), start is the earliest start and end the latest end, trimmed to a whole number of steps.
 * {@link #row} walks them like Python's {@code zip_longest}: a shorter series reads as None past its end.
 */
public record Normalized(List<Series> series, List<double[]> values, long start, long end, long step) {

  /** {@code series} normalized; null when the list is empty (graphite-web's NormalizeEmptyResultError). */
  public static Normalized of(List<Series> series) {
    if (series.isEmpty()) {
      return null;
    }
    long step = series.get(0).step();
    for (Series s : series) {
      step = lcm(step, s.step());
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    List<double[]> values = new ArrayList<>(series.size());
    List<Series> consolidated = new ArrayList<>(series.size());
    for (Series s : series) {
      int perPoint = (int) (step / s.step());
      Series c = perPoint == 1 ? s : s.toBuilder().valuesPerPoint(perPoint).build();
      consolidated.add(c);
      values.add(c.iterated());
      start = Math.min(start, s.start());
      end = Math.max(end, s.end());
    }
    end -= (end - start) % step;
    return new Normalized(List.copyOf(consolidated), values, start, end, step);
  }

  /** graphite-web's {@code lcm}. */
  public static long lcm(long a, long b) {
    if (a == b) {
      return a;
    }
    if (a < b) {
      long t = a;
      a = b;
      b = t;
    }
    return a / gcd(a, b) * b;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  /** The number of rows {@code zip_longest} yields: the longest consolidated series. */
  public int length() {
    int n = 0;
    for (double[] v : values) {
      n = Math.max(n, v.length);
    }
    return n;
  }

  /** Row {@code i} into {@code row} (one value per series; NaN where a series is None or already ended). */
  public void row(int i, double[] row) {
    for (int s = 0; s < values.size(); s++) {
      double[] v = values.get(s);
      row[s] = i < v.length ? v[i] : Double.NaN;
    }
  }

}
