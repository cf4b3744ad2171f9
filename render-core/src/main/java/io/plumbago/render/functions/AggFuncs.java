package io.plumbago.render.functions;

import io.plumbago.render.RenderException;
import java.util.Arrays;

/**
 * graphite-web's aggregation functions over a row of values with NaN for None ({@code aggfuncs.py} and
 * {@code safe.py}): each ignores None and gives None (NaN) when nothing is left, except {@code count} (0) and
 * {@code avg_zero} (None counts as 0). Sums run left to right, as Python's {@code sum} does, for equal results.
 */
public final class AggFuncs {
  private AggFuncs() {}

  /** A row aggregation. */
  @FunctionalInterface
  public interface AggFunc {
    /** The aggregate of {@code row}; NaN for None. */
    double apply(double[] row);
  }

  /** The names {@link #get} accepts, in graphite-web's order (for {@code /functions} options). */
  public static final String[] NAMES = {"average", "avg_zero", "median", "sum", "min", "max", "diff", "stddev",
      "count", "range", "multiply", "last", "rangeOf", "avg", "total", "current"};

  /** The function named {@code name} (aliases included), or a 400 naming {@code raw}. */
  public static AggFunc get(String name, String raw) {
    return switch (name) {
      case "average", "avg" -> AggFuncs::avg;
      case "avg_zero" -> AggFuncs::avgZero;
      case "median" -> AggFuncs::median;
      case "sum", "total" -> AggFuncs::sum;
      case "min" -> AggFuncs::min;
      case "max" -> AggFuncs::max;
      case "diff" -> AggFuncs::diff;
      case "stddev" -> AggFuncs::stddev;
      case "count" -> AggFuncs::count;
      case "range", "rangeOf" -> row -> {
        double max = max(row);
        double min = min(row);
        return Double.isNaN(max) || Double.isNaN(min) ? Double.NaN : max - min;
      };
      case "multiply" -> AggFuncs::multiply;
      case "last", "current" -> AggFuncs::last;
      default -> throw new RenderException(400, "Unsupported aggregation function: " + raw);
    };
  }

  public static double sum(double[] row) {
    double s = 0;
    boolean any = false;
    for (double v : row) {
      if (!Double.isNaN(v)) {
        s += v;
        any = true;
      }
    }
    return any ? s : Double.NaN;
  }

  public static double count(double[] row) {
    int n = 0;
    for (double v : row) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  public static double avg(double[] row) {
    double s = 0;
    int n = 0;
    for (double v : row) {
      if (!Double.isNaN(v)) {
        s += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  public static double avgZero(double[] row) {
    if (row.length == 0) {
      return Double.NaN;
    }
    double s = 0;
    for (double v : row) {
      s += Double.isNaN(v) ? 0 : v;
    }
    return s / row.length;
  }

  public static double median(double[] row) {
    double[] safe = nonNull(row);
    if (safe.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(safe);
    int mid = safe.length / 2;
    return safe.length % 2 == 0 ? (safe[mid - 1] + safe[mid]) / 2 : safe[mid];
  }

  public static double min(double[] row) {
    double m = Double.NaN;
    for (double v : row) {
      if (!Double.isNaN(v) && (Double.isNaN(m) || v < m)) {
        m = v;
      }
    }
    return m;
  }

  public static double max(double[] row) {
    double m = Double.NaN;
    for (double v : row) {
      if (!Double.isNaN(v) && (Double.isNaN(m) || v > m)) {
        m = v;
      }
    }
    return m;
  }

  public static double diff(double[] row) {
    double s = 0;
    boolean first = true;
    for (double v : row) {
      if (Double.isNaN(v)) {
        continue;
      }
      s = first ? v : s + (v * -1);
      first = false;
    }
    return first ? Double.NaN : s;
  }

  public static double stddev(double[] row) {
    double avg = avg(row);
    if (Double.isNaN(avg)) {
      return Double.NaN;
    }
    double sum = 0;
    int n = 0;
    for (double v : row) {
      if (!Double.isNaN(v)) {
        sum = sum + (v - avg) * (v - avg);
        n++;
      }
    }
    return Math.sqrt(sum / n);
  }

  public static double multiply(double[] row) {
    if (row.length == 0) {
      return Double.NaN;
    }
    double p = row[0];
    for (int i = 0; i < row.length; i++) {
      if (Double.isNaN(row[i])) {
        return Double.NaN;
      }
      if (i > 0) {
        p *= row[i];
      }
    }
    return p;
  }

  public static double last(double[] row) {
    for (int i = row.length - 1; i >= 0; i--) {
      if (!Double.isNaN(row[i])) {
        return row[i];
      }
    }
    return Double.NaN;
  }

  /**
   * graphite-web's {@code _getPercentile} (the NIST rank method) over {@code sorted} non-None values, interpolating
   * between neighbours or not; NaN where Python's indexing fails (IndexError), Python's negative indexes counting from
   * the end.
   */
  public static double percentile(double[] sorted, double n, boolean interpolate) {
    double fractionalRank = (n / 100.0) * (sorted.length + 1);
    long rank = (long) fractionalRank;
    double rankFraction = fractionalRank - rank;
    if (!interpolate) {
      rank += (long) Math.ceil(rankFraction);
    }
    double p;
    if (rank == 0) {
      p = sorted[0];
    } else if (rank - 1 == sorted.length) {
      p = sorted[sorted.length - 1];
    } else {
      p = pythonIndex(sorted, rank - 1);
    }
    if (interpolate && rank != sorted.length && !Double.isNaN(p)) {
      double next = pythonIndex(sorted, rank);
      p = Double.isNaN(next) ? Double.NaN : p + rankFraction * (next - p);
    }
    return p;
  }

  private static double pythonIndex(double[] values, long i) {
    long j = i < 0 ? i + values.length : i;
    return j < 0 || j >= values.length ? Double.NaN : values[(int) j];
  }

  /** The non-None values of {@code row}, in order. */
  public static double[] nonNull(double[] row) {
    int n = 0;
    for (double v : row) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    double[] out = new double[n];
    int j = 0;
    for (double v : row) {
      if (!Double.isNaN(v)) {
        out[j++] = v;
      }
    }
    return out;
  }

  /** graphite-web's {@code xffValues}: enough non-None values in {@code row} for {@code xFilesFactor}. */
  public static boolean xff(double[] row, double xFilesFactor) {
    if (row.length == 0) {
      return false;
    }
    return xff((int) count(row), row.length, xFilesFactor);
  }

  /** graphite-web's {@code xff}: {@code nonNull / total >= xFilesFactor} with at least one non-None value. */
  public static boolean xff(int nonNull, int total, double xFilesFactor) {
    if (nonNull == 0 || total == 0) {
      return false;
    }
    return (double) nonNull / total >= xFilesFactor;
  }
}
