package io.plumbago.render.eval;

/**
 * graphite-web's consolidation of {@code valuesPerPoint} raw values into one ({@code TimeSeries.__iter__}): the
 * non-null values of each group go to the function, and a group is None when it has no non-null value or fewer than
 * {@code xFilesFactor × valuesPerPoint} of them. A trailing short group is consolidated the same way.
 */
public final class Consolidation {
  private Consolidation() {}

  /** Whether graphite-web knows {@code function} as a consolidation function (for {@code consolidateBy}). */
  public static boolean isKnown(String function) {
    return switch (function) {
      case "sum", "average", "avg", "avg_zero", "max", "min", "first", "last" -> true;
      default -> false;
    };
  }

  /** {@code values} consolidated {@code valuesPerPoint} at a time. */
  public static double[] consolidate(double[] values, int valuesPerPoint, String function, double xFilesFactor) {
    if (!isKnown(function)) {
      throw new io.plumbago.render.RenderException(400, "Invalid consolidation function: '" + function + "'");
    }
    int groups = (values.length + valuesPerPoint - 1) / valuesPerPoint;
    double[] out = new double[groups];
    for (int g = 0; g < groups; g++) {
      int from = g * valuesPerPoint;
      int to = Math.min(values.length, from + valuesPerPoint);
      int nonNull = 0;
      double sum = 0;
      double min = Double.NaN;
      double max = Double.NaN;
      double first = Double.NaN;
      double last = Double.NaN;
      for (int i = from; i < to; i++) {
        double v = values[i];
        if (Double.isNaN(v)) {
          continue;
        }
        nonNull++;
        sum += v;
        if (nonNull == 1) {
          min = v;
          max = v;
          first = v;
        } else {
          if (v < min) {
            min = v;
          }
          if (v > max) {
            max = v;
          }
        }
        last = v;
      }
      if (nonNull == 0 || (double) nonNull / valuesPerPoint < xFilesFactor) {
        out[g] = Double.NaN;
        continue;
      }
      out[g] = switch (function) {
        case "sum" -> sum;
        case "average", "avg" -> sum / nonNull;
        case "avg_zero" -> sum / (to - from);
        case "max" -> max;
        case "min" -> min;
        case "first" -> first;
        default -> last;
      };
    }
    return out;
  }
}
