package io.plumbago.render.functions;

import java.util.Arrays;

/**
 * The arithmetic of graphite-web's {@code movingWindow}: for each point {@code i >= w}, the aggregate of the non-None
 * values among the {@code w} before it, None unless enough are non-None for the xFilesFactor. Results equal what
 * graphite-web computes to the last bit: min, max, range, count and last slide in O(n) (monotonic queues, counters),
 * the median keeps the window sorted (binary search, array shifts), and the summing functions sum each window left to
 * right as Python's {@code sum} does, since a running sum rounds differently. No allocation per point.
 */
final class MovingWindow {
  private MovingWindow() {}

  /** The moving {@code func} over {@code values} with a window of {@code w} points. */
  static double[] apply(double[] values, long w, String func, double xFilesFactor) {
    int n = values.length;
    if (w <= 0 || w > n) {
      return pythonSlices(values, w, AggFuncs.get(func, func), xFilesFactor);
    }
    int window = (int) w;
    double[] out = new double[n - window];
    switch (func) {
      case "min", "max", "range", "rangeOf" -> extremes(values, window, func, xFilesFactor, out);
      case "count", "last", "current" -> counted(values, window, func, xFilesFactor, out);
      case "median" -> median(values, window, xFilesFactor, out);
      default -> summed(values, window, AggFuncs.get(func, func), xFilesFactor, out);
    }
    return out;
  }

  /**
   * Any window, including the odd ones (0, negative, longer than the series), with Python's slice {@code v[i-w:i]}
   * for {@code i} in {@code range(w, n)}.
   */
  private static double[] pythonSlices(double[] values, long w, AggFuncs.AggFunc f, double xFilesFactor) {
    int n = values.length;
    long length = Math.max(0, n - w);
    double[] out = new double[(int) length];
    for (long i = w; i < n; i++) {
      int lo = sliceIndex(i - w, n);
      int hi = sliceIndex(i, n);
      double[] nonNull = lo < hi ? AggFuncs.nonNull(Arrays.copyOfRange(values, lo, hi)) : new double[0];
      out[(int) (i - w)] = nonNull.length > 0 && AggFuncs.xff(nonNull.length, (int) w, xFilesFactor)
          ? f.apply(nonNull) : Double.NaN;
    }
    return out;
  }

  private static int sliceIndex(long i, int n) {
    if (i < 0) {
      i += n;
    }
    return (int) Math.max(0, Math.min(n, i));
  }

  private static boolean enough(int nonNull, int w, double xFilesFactor) {
    return nonNull > 0 && AggFuncs.xff(nonNull, w, xFilesFactor);
  }

  /** min, max and range with monotonic queues of indexes; the earliest of equal values wins, as Python's min does. */
  private static void extremes(double[] v, int w, String func, double xff, double[] out) {
    int n = v.length;
    int[] minQ = new int[n];
    int[] maxQ = new int[n];
    int minHead = 0;
    int minTail = 0;
    int maxHead = 0;
    int maxTail = 0;
    int nonNull = 0;
    for (int j = 0; j < n - 1; j++) {
      double x = v[j];
      if (!Double.isNaN(x)) {
        nonNull++;
        while (minTail > minHead && v[minQ[minTail - 1]] > x) {
          minTail--;
        }
        minQ[minTail++] = j;
        while (maxTail > maxHead && v[maxQ[maxTail - 1]] < x) {
          maxTail--;
        }
        maxQ[maxTail++] = j;
      }
      int leaving = j - w;
      if (leaving >= 0 && !Double.isNaN(v[leaving])) {
        nonNull--;
        if (minQ[minHead] == leaving) {
          minHead++;
        }
        if (maxQ[maxHead] == leaving) {
          maxHead++;
        }
      }
      if (j >= w - 1) {
        double value = Double.NaN;
        if (enough(nonNull, w, xff)) {
          double min = v[minQ[minHead]];
          double max = v[maxQ[maxHead]];
          value = switch (func) {
            case "min" -> min;
            case "max" -> max;
            default -> max - min;
          };
        }
        out[j + 1 - w] = value;
      }
    }
  }

  /** count and last with a counter and the index of the latest non-None value. */
  private static void counted(double[] v, int w, String func, double xff, double[] out) {
    int nonNull = 0;
    int latest = -1;
    for (int j = 0; j < v.length - 1; j++) {
      if (!Double.isNaN(v[j])) {
        nonNull++;
        latest = j;
      }
      int leaving = j - w;
      if (leaving >= 0 && !Double.isNaN(v[leaving])) {
        nonNull--;
      }
      if (j >= w - 1) {
        double value = Double.NaN;
        if (enough(nonNull, w, xff)) {
          value = func.equals("count") ? nonNull : v[latest];
        }
        out[j + 1 - w] = value;
      }
    }
  }

  /** The median of the non-None values, kept sorted as the window slides. */
  private static void median(double[] v, int w, double xff, double[] out) {
    double[] sorted = new double[w + 1];
    int size = 0;
    for (int j = 0; j < v.length - 1; j++) {
      double x = v[j];
      if (!Double.isNaN(x)) {
        int at = Arrays.binarySearch(sorted, 0, size, x);
        if (at < 0) {
          at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = x;
        size++;
      }
      int leaving = j - w;
      if (leaving >= 0 && !Double.isNaN(v[leaving])) {
        int at = Arrays.binarySearch(sorted, 0, size, v[leaving]);
        System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
        size--;
      }
      if (j >= w - 1) {
        double value = Double.NaN;
        if (enough(size, w, xff)) {
          int mid = size / 2;
          value = size % 2 == 0 ? (sorted[mid - 1] + sorted[mid]) / 2 : sorted[mid];
        }
        out[j + 1 - w] = value;
      }
    }
  }

  /** The summing functions, each window summed afresh in order (graphite-web's exact rounding). */
  private static void summed(double[] v, int w, AggFuncs.AggFunc f, double xff, double[] out) {
    double[] window = new double[w];
    double[][] bySize = new double[w + 1][];
    for (int i = w; i < v.length; i++) {
      int k = 0;
      for (int j = i - w; j < i; j++) {
        if (!Double.isNaN(v[j])) {
          window[k++] = v[j];
        }
      }
      if (!enough(k, w, xff)) {
        out[i - w] = Double.NaN;
        continue;
      }
      // the aggregation functions take a whole array; one reusable array per possible count of non-None values
      double[] exact = bySize[k];
      if (exact == null) {
        exact = new double[k];
        bySize[k] = exact;
      }
      System.arraycopy(window, 0, exact, 0, k);
      out[i - w] = f.apply(exact);
    }
  }
}
