package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.util.Arrays;

/**
 * graphite-web's {@code maxDataPoints} in {@code renderViewJson}: a series with more points than asked over the
 * request's time range is consolidated {@code ceil(points / maxDataPoints)} values at a time, its start nudged so
 * bands line up between refreshes (dropping one value fewer than the nudge spans, as graphite-web does).
 */
final class MaxDataPoints {
  private MaxDataPoints() {}

  static Series consolidate(Series s, int maxDataPoints, long timeRangeSeconds) {
    if (maxDataPoints == 1) {
      return s.toBuilder().valuesPerPoint(Math.max(1, s.length())).build();
    }
    double points = (double) timeRangeSeconds / s.step();
    if (maxDataPoints >= points) {
      return s;
    }
    int valuesPerPoint = (int) Math.ceil(points / maxDataPoints);
    long secondsPerPoint = valuesPerPoint * s.step();
    long nudge = secondsPerPoint + Math.floorMod(s.start(), s.step()) - Math.floorMod(s.start(), secondsPerPoint);
    long lose = Math.max(0, nudge / s.step() - 1);
    double[] values = s.values();
    double[] kept = lose >= values.length ? new double[0] : Arrays.copyOfRange(values, (int) lose, values.length);
    boolean integral = s.integral();
    return s.toBuilder().start(s.start() + nudge).values(kept).integral(integral).valuesPerPoint(valuesPerPoint)
        .build();
  }
}
