package io.plumbago.statsd.aggregate;

import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.regex.Pattern;

/** The timer statistics of {@code process_metrics.js}, in Etsy's emission order. */
final class TimerStats {
  private static final Pattern PERCENT_SUFFIX = Pattern.compile("_(top)?\\d+$");

  private TimerStats() {}

  static Map<String, Double> compute(double[] values, double count, double interval, List<Double> thresholds,
      List<Double> bins, List<String> calculated) {
    Map<String, Double> out = compute(values, count, interval, thresholds, bins);
    if (!calculated.isEmpty()) {
      // Etsy's filter_timer_metrics: count_90 and upper_top10 are asked for as count_percent and upper_percent.
      out.keySet().removeIf(stat -> {
        int dot = stat.indexOf('.');
        String top = dot < 0 ? stat : stat.substring(0, dot);
        return !calculated.contains(PERCENT_SUFFIX.matcher(top).replaceFirst("_percent"));
      });
    }
    return out;
  }

  private static Map<String, Double> compute(double[] values, double count, double interval,
      List<Double> thresholds, List<Double> bins) {
    Map<String, Double> out = new LinkedHashMap<>();
    int n = values.length;
    if (n == 0) {
      out.put("count_ps", count / interval);
      out.put("count", count);
      return out;
    }
    double[] cumulative = new double[n];
    double[] cumulativeSquares = new double[n];
    for (int i = 0; i < n; i++) {
      cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + values[i];
      cumulativeSquares[i] = (i == 0 ? 0 : cumulativeSquares[i - 1]) + values[i] * values[i];
    }
    double sum = cumulative[n - 1];
    double sumSquares = cumulativeSquares[n - 1];
    double mean = sum / n;
    for (double pct : thresholds) {
      String suffix = thresholdName(pct);
      double boundary;
      double pctSum;
      double pctSquares;
      int k;
      if (n > 1) {
        k = (int) Math.round(Math.abs(pct) / 100 * n);
        if (k == 0) {
          continue;
        }
        if (pct > 0) {
          boundary = values[k - 1];
          pctSum = cumulative[k - 1];
          pctSquares = cumulativeSquares[k - 1];
        } else {
          boundary = values[n - k];
          pctSum = sum - (n - k > 0 ? cumulative[n - k - 1] : 0);
          pctSquares = sumSquares - (n - k > 0 ? cumulativeSquares[n - k - 1] : 0);
        }
      } else {
        k = 1;
        boundary = values[0];
        pctSum = values[0];
        pctSquares = values[0] * values[0];
      }
      out.put("count_" + suffix, (double) k);
      out.put("mean_" + suffix, pctSum / k);
      out.put((pct > 0 ? "upper_" : "lower_") + suffix, boundary);
      out.put("sum_" + suffix, pctSum);
      out.put("sum_squares_" + suffix, pctSquares);
    }
    double variance = 0;
    for (double v : values) {
      variance += (v - mean) * (v - mean);
    }
    out.put("std", Math.sqrt(variance / n));
    out.put("upper", values[n - 1]);
    out.put("lower", values[0]);
    out.put("count", count);
    out.put("count_ps", count / interval);
    out.put("sum", sum);
    out.put("sum_squares", sumSquares);
    out.put("mean", mean);
    out.put("median", n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
    // Etsy's bins: values below each upper bound not counted by an earlier bin; 'inf' takes the rest.
    int v = 0;
    for (double bin : bins) {
      int freq = 0;
      while (v < n && (bin == Double.POSITIVE_INFINITY || values[v] < bin)) {
        freq++;
        v++;
      }
      out.put("histogram.bin_" + binName(bin), (double) freq);
    }
    return out;
  }

  /** {@code String(bin).replace('.', '_')}: 100, 7_5, inf. */
  static String binName(double bin) {
    if (bin == Double.POSITIVE_INFINITY) {
      return "inf";
    }
    String text = bin == Math.rint(bin) ? Long.toString((long) bin) : Double.toString(bin);
    return replaceFirst(text, '.', '_');
  }

  /** {@code String(pct).replace('.', '_').replace('-', 'top')}: 90, 99_9, top10. */
  static String thresholdName(double pct) {
    String text = pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
    return replaceFirst(text, '.', '_').replaceFirst("-", "top");
  }

  static String replaceFirst(String s, char from, char to) {
    int i = s.indexOf(from);
    return i < 0 ? s : s.substring(0, i) + to + s.substring(i + 1);
  }
}
