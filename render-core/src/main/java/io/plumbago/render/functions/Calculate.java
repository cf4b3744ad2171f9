package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.BOOLEAN;
import static io.plumbago.render.functions.ParamType.DATE;
import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.INTEGER;
import static io.plumbago.render.functions.ParamType.INT_OR_INTERVAL;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.TimeParser;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** graphite-web's Calculate functions: values computed from a window of each series, or from all of it. */
final class Calculate {
  private Calculate() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("movingWindow", "Calculate", "Applies an aggregation function to the window of points (a count, or a time "
        + "interval like '5min') before each point.",
        c -> movingWindow(c, c.string(2, "average"), c.has(3) ? c.number(3) : null),
        Param.required("seriesList", SERIES_LIST), Param.required("windowSize", INT_OR_INTERVAL).suggestions(Param.WINDOW_SUGGESTIONS),
        Param.optional("func", AGG_FUNC, "average").options((Object[]) AggFuncs.NAMES),
        Param.optional("xFilesFactor", FLOAT, null));
    moving(r, "movingAverage", "average", "The average of the window of points before each point.");
    moving(r, "movingSum", "sum", "The sum of the window of points before each point.");
    moving(r, "movingMin", "min", "The lowest value in the window of points before each point.");
    moving(r, "movingMax", "max", "The highest value in the window of points before each point.");
    moving(r, "movingMedian", "median", "The median of the window of points before each point.");
    r.add("exponentialMovingAverage", "Calculate", "An exponential moving average with the constant 2 / (window + "
        + "1), seeded with the plain average of the window before the first point.",
        Calculate::exponentialMovingAverage,
        Param.required("seriesList", SERIES_LIST), Param.required("windowSize", INT_OR_INTERVAL).suggestions(Param.WINDOW_SUGGESTIONS));
    r.add("stdev", "Calculate", "The standard deviation of the last N points at each point, skipped where more than "
        + "windowTolerance of the window is None.", Calculate::stdev,
        Param.required("seriesList", SERIES_LIST), Param.required("points", INTEGER),
        Param.optional("windowTolerance", FLOAT, 0.1));
    r.add("nPercentile", "Calculate", "A flat line at the n-th percentile of each series' values.",
        Calculate::nPercentile, Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT));
    r.add("aggregateLine", "Calculate", "A flat line at the aggregate (average by default) of each series; with "
        + "keepStep it keeps the series' own time range and step.", Calculate::aggregateLine,
        Param.required("seriesList", SERIES_LIST),
        Param.optional("func", AGG_FUNC, "average").options((Object[]) AggFuncs.NAMES),
        Param.optional("keepStep", BOOLEAN, false));
    r.add("linearRegression", "Calculate", "The least-squares line through each series' points between "
        + "startSourceAt and endSourceAt (the request's window by default), drawn over the request's window.",
        Calculate::linearRegression, Param.required("seriesList", SERIES_LIST), Param.optional("startSourceAt", DATE,
            null), Param.optional("endSourceAt", DATE, null));
  }

  private static void moving(FunctionRegistry.Builder r, String name, String func, String description) {
    r.add(name, "Calculate", description + " The window is a number of points or a time interval like '5min'.",
        c -> movingWindow(c, func, c.has(2) ? c.number(2) : null),
        Param.required("seriesList", SERIES_LIST), Param.required("windowSize", INT_OR_INTERVAL).suggestions(Param.WINDOW_SUGGESTIONS),
        Param.optional("xFilesFactor", FLOAT, null));
  }

  /** graphite-web's check of an aggFunc parameter against its options (aliases included, no "Series" suffix). */
  static void checkAggFunc(Invocation c, String func) {
    for (String name : AggFuncs.NAMES) {
      if (func.equals(name)) {
        return;
      }
    }
    throw c.error("Invalid option specified for function \"" + c.function() + "\" parameter \"func\": "
        + Values.repr(func));
  }

  /** The window of {@code windowSize} (a Long point count or an interval String) in seconds before the request. */
  private static long previewSeconds(Invocation c, List<Series> input) {
    Object windowSize = c.value(1);
    if (windowSize instanceof String interval) {
      return Math.abs(Intervals.seconds(interval));
    }
    long maxStep = 0;
    for (Series s : input) {
      maxStep = Math.max(maxStep, s.step());
    }
    return maxStep * c.integer(1);
  }

  /**
   * graphite-web's {@code movingWindow}: fetches the first argument again from {@code window} earlier so the first
   * points have a full window, then aggregates the {@code windowPoints} values before each point.
   */
  static List<Series> movingWindow(Invocation c, String func, Double xFilesFactor) {
    checkAggFunc(c, func);
    List<Series> input = c.seriesList(0);
    if (input.isEmpty()) {
      return List.of();
    }
    Object windowSize = c.value(1);
    boolean interval = windowSize instanceof String;
    long previewSeconds = previewSeconds(c, input);
    AggFuncs.get(func, func);
    List<Series> preview = c.refetchFirst(c.context().startSeconds() - previewSeconds, c.context().endSeconds());
    String tagName = "moving" + Character.toUpperCase(func.charAt(0)) + func.substring(1);
    List<Series> out = new ArrayList<>(preview.size());
    for (Series s : preview) {
      String name;
      long windowPoints;
      if (interval) {
        name = tagName + "(" + s.name() + ",\"" + windowSize + "\")";
        windowPoints = Math.floorDiv(previewSeconds, s.step());
      } else {
        name = tagName + "(" + s.name() + "," + Values.str(windowSize) + ")";
        windowPoints = c.integer(1);
      }
      double xff = xFilesFactor != null ? xFilesFactor : s.xFilesFactor();
      double[] result = MovingWindow.apply(s.values(), windowPoints, func, xff);
      out.add(s.toBuilder().name(name).pathExpression(name).start(s.start() + previewSeconds).values(result)
          .integral(func.equals("count")).tag(tagName, Values.str(windowSize)).build());
    }
    return out;
  }

  /** graphite-web's {@code exponentialMovingAverage}, rounding every value to six decimals as it does. */
  private static List<Series> exponentialMovingAverage(Invocation c) {
    List<Series> input = c.seriesList(0);
    if (input.isEmpty()) {
      return List.of();
    }
    Object windowSize = c.value(1);
    boolean interval = windowSize instanceof String;
    long previewSeconds = previewSeconds(c, input);
    // graphite-web derives the constant from the window in seconds when the window is an interval
    double constant = 2.0 / ((interval ? previewSeconds : c.integer(1)) + 1);
    List<Series> out = new ArrayList<>();
    for (Series s : c.refetchFirst(c.context().startSeconds() - previewSeconds, c.context().endSeconds())) {
      String name;
      long windowPoints;
      if (interval) {
        name = "exponentialMovingAverage(" + s.name() + ",\"" + windowSize + "\")";
        windowPoints = Math.floorDiv(previewSeconds, s.step());
      } else {
        name = "exponentialMovingAverage(" + s.name() + "," + Values.str(windowSize) + ")";
        windowPoints = c.integer(1);
      }
      double[] v = s.values();
      int n = v.length;
      if (windowPoints < 0 || windowPoints > Integer.MAX_VALUE) {
        throw c.error("exponentialMovingAverage: the window must not be negative");
      }
      int w = (int) Math.min(windowPoints, n);
      double ema = AggFuncs.avg(Arrays.copyOf(v, w));
      if (Double.isNaN(ema)) {
        ema = 0;
      }
      double[] result = new double[1 + Math.max(0, n - (int) windowPoints)];
      result[0] = Transform.pythonRound(ema, 6);
      for (int i = (int) windowPoints, j = 1; i < n; i++, j++) {
        if (Double.isNaN(v[i])) {
          result[j] = Double.NaN;
        } else {
          ema = constant * v[i] + (1 - constant) * ema;
          result[j] = Transform.pythonRound(ema, 6);
        }
      }
      out.add(s.toBuilder().name(name).pathExpression(name).start(s.start() + previewSeconds).values(result)
          .tag("exponentialMovingAverage", Values.str(windowSize)).build());
    }
    return out;
  }

  /**
   * graphite-web's {@code stdev}: running sums of the values and their squares over the last {@code points} points,
   * kept exactly as graphite-web keeps them (adding and subtracting), so the results agree to the last bit.
   */
  private static List<Series> stdev(Invocation c) {
    int points = c.integer(1);
    double tolerance = c.number(2, 0.1);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      String name = "stdev(" + s.name() + "," + points + ")";
      double[] v = s.values();
      double[] result = new double[v.length];
      int valid = 0;
      double sum = 0;
      double squares = 0;
      for (int i = 0; i < v.length; i++) {
        double dropped = Double.NaN;
        if (i >= points) {
          int d = i - points;
          if (d >= v.length) {
            throw c.error("stdev: points must not be negative");
          }
          dropped = v[d];
        }
        double value = v[i];
        if (!Double.isNaN(dropped)) {
          valid--;
        }
        if (!Double.isNaN(value)) {
          valid++;
        }
        if (!Double.isNaN(dropped)) {
          sum -= dropped;
          squares -= dropped * dropped;
        }
        if (!Double.isNaN(value)) {
          sum += value;
          squares += value * value;
        }
        if (valid > 0 && (double) valid / points >= tolerance) {
          result[i] = Math.sqrt(valid * squares - sum * sum) / valid;
        } else {
          result[i] = Double.NaN;
        }
      }
      out.add(s.toBuilder().name(name).pathExpression(name).values(result)
          .tag("stdev", Integer.toString(points)).build());
    }
    return out;
  }

  /** graphite-web's {@code nPercentile}: the nearest-rank percentile of the non-None values, repeated. */
  private static List<Series> nPercentile(Invocation c) {
    double n = c.number(1);
    if (n == 0) {
      throw c.error("The requested percent is required to be greater than 0");
    }
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] sorted = AggFuncs.nonNull(s.values());
      if (sorted.length == 0) {
        continue;
      }
      Arrays.sort(sorted);
      double percentile = AggFuncs.percentile(sorted, n, false);
      if (Double.isNaN(percentile)) {
        throw c.error("nPercentile: percentile out of range: " + Values.str(n));
      }
      String name = "nPercentile(" + s.name() + ", " + Names.g(n) + ")";
      int count = (int) ((double) (s.end() - s.start()) / s.step());
      double[] values = new double[Math.max(0, count)];
      Arrays.fill(values, percentile);
      out.add(s.toBuilder().name(name).pathExpression(name).values(values)
          .tag("nPercentile", Values.str(n)).build());
    }
    return out;
  }

  /** graphite-web's {@code aggregateLine}: a constantLine at the aggregate, or the aggregate at every point. */
  private static List<Series> aggregateLine(Invocation c) {
    String func = c.string(1, "average");
    checkAggFunc(c, func);
    boolean keepStep = c.bool(2, false);
    List<Series> input = c.seriesList(0);
    AggFuncs.AggFunc f = input.isEmpty() ? null : AggFuncs.get(func, func);
    boolean count = func.equals("count");
    RequestContext ctx = c.context();
    List<Series> out = new ArrayList<>();
    for (Series s : input) {
      double value = f.apply(s.values());
      String text = Double.isNaN(value) ? "None" : count ? Long.toString((long) value) : Values.str(value);
      String name = "aggregateLine(" + s.name() + ", " + (Double.isNaN(value) ? "None" : Names.g(value)) + ")";
      if (keepStep) {
        double[] values = new double[s.length()];
        Arrays.fill(values, value);
        out.add(s.toBuilder().name(name).pathExpression(name).values(values).integral(count).build());
      } else {
        long start = ctx.startSeconds();
        long end = ctx.endSeconds();
        long step = (long) ((end - start) / 2.0);
        out.add(Series.builder(text, start, end, step, new double[] {value, value, value})
            .xFilesFactor(ctx.xFilesFactor()).integral(count).build()
            .toBuilder().name(name).pathExpression(name).build());
      }
    }
    return out;
  }

  /**
   * graphite-web's {@code linearRegression}: a least-squares fit over the first argument fetched again for the source
   * window, drawn over each series of the request's window.
   */
  private static List<Series> linearRegression(Invocation c) {
    RequestContext ctx = c.context();
    long sourceStart = c.has(1) ? TimeParser.parse(c.string(1), ctx.nowSeconds()) : ctx.startSeconds();
    long sourceEnd = c.has(2) ? TimeParser.parse(c.string(2), ctx.nowSeconds()) : ctx.endSeconds();
    List<Series> input = c.seriesList(0);
    List<Series> sources = c.refetchFirst(sourceStart, sourceEnd);
    // graphite-web names the window with time.mktime of the wall time: the request's zone read as the server's (UTC)
    String window = wallSeconds(ctx, sourceStart, c.has(1)) + ", " + wallSeconds(ctx, sourceEnd, c.has(2));
    List<Series> out = new ArrayList<>();
    for (int k = 0; k < Math.min(input.size(), sources.size()); k++) {
      Series s = input.get(k);
      double[] fit = fit(sources.get(k));
      if (fit == null) {
        continue;
      }
      String name = "linearRegression(" + s.name() + ", " + window + ")";
      double[] values = new double[s.length()];
      for (int i = 0; i < values.length; i++) {
        values[i] = fit[1] + (s.start() + (long) i * s.step()) * fit[0];
      }
      out.add(s.toBuilder().name(name).pathExpression(name).values(values)
          .tag("linearRegressions", window).build());
    }
    return out;
  }

  /** graphite-web's {@code _linearRegressionAnalysis}: {factor, offset}, or null when every x is the same. */
  private static double[] fit(Series source) {
    double[] v = source.values();
    long n = 0;
    long sumI = 0;
    double sumV = 0;
    long sumII = 0;
    double sumIV = 0;
    for (int i = 0; i < v.length; i++) {
      if (!Double.isNaN(v[i])) {
        n++;
        sumI += i;
        sumV += v[i];
        sumII += (long) i * i;
        sumIV += i * v[i];
      }
    }
    double denominator = (double) (n * sumII - sumI * sumI);
    if (denominator == 0) {
      return null;
    }
    double factor = (n * sumIV - sumI * sumV) / denominator / source.step();
    double offset = (sumII * sumV - sumIV * sumI) / denominator - factor * source.start();
    return new double[] {factor, offset};
  }

  private static long wallSeconds(RequestContext ctx, long epochSeconds, boolean given) {
    if (given) {
      return epochSeconds;
    }
    return epochSeconds + ctx.zone().getRules().getOffset(Instant.ofEpochSecond(epochSeconds)).getTotalSeconds();
  }
}
