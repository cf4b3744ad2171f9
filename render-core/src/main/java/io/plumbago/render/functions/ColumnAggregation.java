package io.plumbago.render.functions;

import java.util.Arrays;
import java.util.List;

/**
 * The common aggregations (sum, average, min, max, count) over normalized series computed one series at a time
 * instead of one row at a time: each series' values are read in order, which keeps a thousand-series sum in the CPU
 * cache. Each row still sees its values in series order, so the sums are the same doubles Python's left-to-right
 * {@code sum} makes.
 */
final class ColumnAggregation {
  private ColumnAggregation() {}

  /** Whether {@code func} (without "Series") has a column-wise form. */
  static boolean supports(String func) {
    return switch (func) {
      case "sum", "total", "average", "avg", "min", "max", "count" -> true;
      default -> false;
    };
  }

  /**
   * {@code func} of every row of {@code columns} (rows past a column's end read None), None where fewer than
   * {@code xFilesFactor} of the row's values are present or none are.
   */
  static double[] aggregate(List<double[]> columns, int length, String func, double xFilesFactor) {
    double[] acc = new double[length];
    int[] count = new int[length];
    boolean min = func.equals("min");
    boolean max = func.equals("max");
    for (double[] column : columns) {
      int n = Math.min(length, column.length);
      if (min || max) {
        for (int i = 0; i < n; i++) {
          double v = column[i];
          if (v == v) {
            if (count[i]++ == 0 || (min ? v < acc[i] : v > acc[i])) {
              acc[i] = v;
            }
          }
        }
      } else {
        for (int i = 0; i < n; i++) {
          double v = column[i];
          if (v == v) {
            acc[i] += v;
            count[i]++;
          }
        }
      }
    }
    double rows = columns.size();
    double[] out = new double[length];
    Arrays.fill(out, Double.NaN);
    boolean average = func.equals("average") || func.equals("avg");
    boolean counting = func.equals("count");
    for (int i = 0; i < length; i++) {
      int c = count[i];
      if (c == 0 || c / rows < xFilesFactor) {
        continue;
      }
      out[i] = counting ? c : average ? acc[i] / c : acc[i];
    }
    return out;
  }
}
