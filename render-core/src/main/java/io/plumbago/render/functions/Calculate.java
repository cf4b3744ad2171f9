package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.INT_OR_INTERVAL;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** graphite-web's Calculate functions: values computed from a window of each series. */
final class Calculate {
  private Calculate() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("movingWindow", "Calculate", "Applies an aggregation function to the window of points (a count, or a time "
        + "interval like '5min') before each point.",
        c -> movingWindow(c, c.string(2, "average"), c.has(3) ? c.number(3) : null),
        Param.required("seriesList", SERIES_LIST), Param.required("windowSize", INT_OR_INTERVAL),
        Param.optional("func", AGG_FUNC, "average").options((Object[]) AggFuncs.NAMES),
        Param.optional("xFilesFactor", FLOAT, null));
    moving(r, "movingAverage", "average", "The average of the window of points before each point.");
    moving(r, "movingSum", "sum", "The sum of the window of points before each point.");
    moving(r, "movingMin", "min", "The lowest value in the window of points before each point.");
    moving(r, "movingMax", "max", "The highest value in the window of points before each point.");
    moving(r, "movingMedian", "median", "The median of the window of points before each point.");
  }

  private static void moving(FunctionRegistry.Builder r, String name, String func, String description) {
    r.add(name, "Calculate", description + " The window is a number of points or a time interval like '5min'.",
        c -> movingWindow(c, func, c.has(2) ? c.number(2) : null),
        Param.required("seriesList", SERIES_LIST), Param.required("windowSize", INT_OR_INTERVAL),
        Param.optional("xFilesFactor", FLOAT, null));
  }

  /**
   * graphite-web's {@code movingWindow}: fetches the first argument again from {@code window} earlier so the first
   * points have a full window, then aggregates the {@code windowPoints} values before each point.
   */
  static List<Series> movingWindow(Invocation c, String func, Double xFilesFactor) {
    List<Series> input = c.seriesList(0);
    if (input.isEmpty()) {
      return List.of();
    }
    Object windowSize = c.value(1);
    boolean interval = windowSize instanceof String;
    long previewSeconds;
    if (interval) {
      previewSeconds = Math.abs(Intervals.seconds((String) windowSize));
    } else {
      long maxStep = 0;
      for (Series s : input) {
        maxStep = Math.max(maxStep, s.step());
      }
      previewSeconds = maxStep * c.integer(1);
    }
    AggFuncs.AggFunc f = AggFuncs.get(func, func);
    RequestContext ctx = c.context();
    List<Series> preview = c.evaluate(c.raw(0), ctx.withWindow(ctx.startSeconds() - previewSeconds,
        ctx.endSeconds()));
    String tagName = "moving" + Character.toUpperCase(func.charAt(0)) + func.substring(1);
    List<Series> out = new ArrayList<>(preview.size());
    for (Series s : preview) {
      String name;
      int windowPoints;
      if (interval) {
        name = tagName + "(" + s.name() + ",\"" + windowSize + "\")";
        windowPoints = (int) (previewSeconds / s.step());
      } else {
        name = tagName + "(" + s.name() + "," + Values.str(windowSize) + ")";
        windowPoints = c.integer(1);
      }
      double xff = xFilesFactor != null ? xFilesFactor : s.xFilesFactor();
      double[] v = s.values();
      double[] result = new double[Math.max(0, v.length - windowPoints)];
      for (int i = windowPoints; i < v.length; i++) {
        double[] window = AggFuncs.nonNull(Arrays.copyOfRange(v, i - windowPoints, i));
        result[i - windowPoints] = window.length > 0 && AggFuncs.xff(window.length, windowPoints, xff)
            ? f.apply(window) : Double.NaN;
      }
      out.add(s.toBuilder().name(name).start(s.start() + previewSeconds).values(result).build()
          .withTag(tagName, Values.str(windowSize)));
    }
    return out;
  }
}
