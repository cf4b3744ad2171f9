package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.INTEGER;
import static io.plumbago.render.functions.ParamType.INTERVAL;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * graphite-web's Holt-Winters functions (Calculate group): triple exponential smoothing with graphite-web's fixed
 * constants (alpha = gamma = 0.1, beta = 0.0035) over the series fetched again from {@code bootstrapInterval} earlier,
 * the bootstrap cut off the result.
 */
final class HoltWinters {
  private static final double ALPHA = 0.1;
  private static final double GAMMA = 0.1;
  private static final double BETA = 0.0035;

  private HoltWinters() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("holtWintersForecast", "Calculate", "The Holt-Winters forecast of each series, bootstrapped from "
        + "bootstrapInterval of earlier data with a season of seasonality.", HoltWinters::forecast,
        Param.required("seriesList", SERIES_LIST), Param.optional("bootstrapInterval", INTERVAL, "7d").suggestions("7d", "30d"),
        Param.optional("seasonality", INTERVAL, "1d").suggestions("1d", "7d"));
    r.add("holtWintersConfidenceBands", "Calculate", "The Holt-Winters forecast of each series plus and minus delta "
        + "times the forecast deviation: a lower and an upper band.", HoltWinters::bands,
        Param.required("seriesList", SERIES_LIST), Param.optional("delta", INTEGER, 3),
        Param.optional("bootstrapInterval", INTERVAL, "7d").suggestions("7d", "30d"), Param.optional("seasonality", INTERVAL, "1d").suggestions("1d", "7d"));
    r.add("holtWintersAberration", "Calculate", "How far each series lies outside its Holt-Winters confidence bands "
        + "(0 inside them).", HoltWinters::aberration,
        Param.required("seriesList", SERIES_LIST), Param.optional("delta", INTEGER, 3),
        Param.optional("bootstrapInterval", INTERVAL, "7d").suggestions("7d", "30d"), Param.optional("seasonality", INTERVAL, "1d").suggestions("1d", "7d"));
  }

  /** The predictions and deviations of graphite-web's {@code holtWintersAnalysis}; NaN for None. */
  private record Analysis(double[] predictions, double[] deviations) {}

  static Analysis analyse(Invocation c, double[] v, long step, String seasonality) {
    long seasonLength = Math.floorDiv(Intervals.seconds(seasonality), step);
    int n = v.length;
    if (seasonLength <= 1 && n > 0) {
      // graphite-web looks up seasonal values not computed yet and fails
      throw c.error("holtWinters: the seasonality must span more than one point");
    }
    double[] intercepts = new double[n];
    double[] slopes = new double[n];
    double[] seasonals = new double[n];
    double[] predictions = new double[n];
    double[] deviations = new double[n];
    double nextPrediction = Double.NaN;
    for (int i = 0; i < n; i++) {
      double actual = v[i];
      if (Double.isNaN(actual)) {
        intercepts[i] = Double.NaN;
        slopes[i] = 0;
        seasonals[i] = 0;
        predictions[i] = nextPrediction;
        deviations[i] = 0;
        nextPrediction = Double.NaN;
        continue;
      }
      double lastIntercept;
      double lastSlope;
      double prediction;
      if (i == 0) {
        lastIntercept = actual;
        lastSlope = 0;
        prediction = actual;
      } else {
        lastIntercept = intercepts[i - 1];
        lastSlope = slopes[i - 1];
        if (Double.isNaN(lastIntercept)) {
          lastIntercept = actual;
        }
        prediction = nextPrediction;
      }
      double lastSeasonal = back(seasonals, i, seasonLength);
      double nextLastSeasonal = back(seasonals, i + 1, seasonLength);
      double lastSeasonalDeviation = back(deviations, i, seasonLength);
      double intercept = ALPHA * (actual - lastSeasonal) + (1 - ALPHA) * (lastIntercept + lastSlope);
      double slope = BETA * (intercept - lastIntercept) + (1 - BETA) * lastSlope;
      double seasonal = GAMMA * (actual - intercept) + (1 - GAMMA) * lastSeasonal;
      nextPrediction = intercept + slope + nextLastSeasonal;
      double deviation = GAMMA * Math.abs(actual - (Double.isNaN(prediction) ? 0 : prediction))
          + (1 - GAMMA) * lastSeasonalDeviation;
      intercepts[i] = intercept;
      slopes[i] = slope;
      seasonals[i] = seasonal;
      predictions[i] = prediction;
      deviations[i] = deviation;
    }
    return new Analysis(predictions, deviations);
  }

  private static double back(double[] values, int i, long seasonLength) {
    long j = i - seasonLength;
    return j >= 0 ? values[(int) j] : 0;
  }

  /** Python's {@code values[from:]}. */
  private static double[] tail(double[] values, long from) {
    long start = from < 0 ? Math.max(0, values.length + from) : Math.min(values.length, from);
    return Arrays.copyOfRange(values, (int) start, values.length);
  }

  /** The series' tags with more keys set to "1", as graphite-web's analysis leaves them on the shared tags. */
  private static Map<String, String> tags(Series s, String... keys) {
    Map<String, String> tags = new LinkedHashMap<>(s.tags());
    for (String k : keys) {
      tags.put(k, "1");
    }
    return tags;
  }

  private static List<Series> forecast(Invocation c) {
    String seasonality = c.string(2, "1d");
    long previewSeconds = Intervals.seconds(c.string(1, "7d"));
    List<Series> out = new ArrayList<>();
    for (Series s : c.refetchFirst(c.context().startSeconds() - previewSeconds, c.context().endSeconds())) {
      Analysis a = analyse(c, s.values(), s.step(), seasonality);
      String name = "holtWintersForecast(" + s.name() + ")";
      out.add(Series.builder(name, s.start() + previewSeconds, s.end(), s.step(),
          tail(a.predictions, Math.floorDiv(previewSeconds, s.step())))
          .tags(tags(s, "holtWintersForecast", "holtWintersDeviation")).xFilesFactor(s.xFilesFactor()).build());
    }
    return out;
  }

  /** Lower then upper band of each series, in graphite-web's order. */
  private static List<Series> bands(Invocation c) {
    int delta = c.integer(1, 3);
    String seasonality = c.string(3, "1d");
    long previewSeconds = Intervals.seconds(c.string(2, "7d"));
    List<Series> out = new ArrayList<>();
    for (Series s : c.refetchFirst(c.context().startSeconds() - previewSeconds, c.context().endSeconds())) {
      Analysis a = analyse(c, s.values(), s.step(), seasonality);
      long windowPoints = Math.floorDiv(previewSeconds, s.step());
      double[] forecast = tail(a.predictions, windowPoints);
      double[] deviation = tail(a.deviations, windowPoints);
      double[] upper = new double[forecast.length];
      double[] lower = new double[forecast.length];
      for (int i = 0; i < forecast.length; i++) {
        if (Double.isNaN(forecast[i]) || Double.isNaN(deviation[i])) {
          upper[i] = Double.NaN;
          lower[i] = Double.NaN;
        } else {
          double scaled = delta * deviation[i];
          upper[i] = forecast[i] + scaled;
          lower[i] = forecast[i] - scaled;
        }
      }
      Map<String, String> tags = tags(s, "holtWintersForecast", "holtWintersDeviation",
          "holtWintersConfidenceUpper", "holtWintersConfidenceLower");
      long start = s.start() + previewSeconds;
      out.add(Series.builder("holtWintersConfidenceLower(" + s.name() + ")", start, s.end(), s.step(), lower)
          .tags(tags).xFilesFactor(s.xFilesFactor()).pathExpression(s.pathExpression()).build());
      out.add(Series.builder("holtWintersConfidenceUpper(" + s.name() + ")", start, s.end(), s.step(), upper)
          .tags(tags).xFilesFactor(s.xFilesFactor()).pathExpression(s.pathExpression()).build());
    }
    return out;
  }

  private static List<Series> aberration(Invocation c) {
    Map<String, Series> bands = new HashMap<>();
    for (Series b : bands(c)) {
      bands.put(b.name(), b);
    }
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      Series lower = bands.get("holtWintersConfidenceLower(" + s.name() + ")");
      Series upper = bands.get("holtWintersConfidenceUpper(" + s.name() + ")");
      if (lower == null || upper == null) {
        throw c.error("holtWintersAberration: no confidence bands for " + s.name());
      }
      double[] v = s.values();
      double[] result = new double[v.length];
      for (int i = 0; i < v.length; i++) {
        if (Double.isNaN(v[i])) {
          continue;
        }
        if (i >= upper.length() || i >= lower.length()) {
          throw c.error("holtWintersAberration: the confidence bands are shorter than " + s.name());
        }
        double up = upper.get(i);
        double low = lower.get(i);
        if (!Double.isNaN(up) && v[i] > up) {
          result[i] = v[i] - up;
        } else if (!Double.isNaN(low) && v[i] < low) {
          result[i] = v[i] - low;
        }
      }
      String name = "holtWintersAberration(" + s.name() + ")";
      out.add(Series.builder(name, s.start(), s.end(), s.step(), result).tags(tags(s, "holtWintersAberration"))
          .xFilesFactor(s.xFilesFactor()).build());
    }
    return out;
  }
}
