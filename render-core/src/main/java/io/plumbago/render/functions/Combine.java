package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.SERIES_LISTS;

import io.plumbago.render.eval.Series;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** graphite-web's Combine functions: series merged point by point. */
final class Combine {
  private Combine() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("aggregate", "Combine", "Aggregates the series point by point with the named function (average, "
        + "avg_zero, median, sum, min, max, diff, stddev, count, range, multiply, last or an alias).",
        c -> aggregate(c, c.seriesList(0), c.string(1), c.has(2) ? c.number(2) : null),
        Param.required("seriesList", SERIES_LIST), Param.required("func", AGG_FUNC).options((Object[]) AggFuncs.NAMES),
        Param.optional("xFilesFactor", FLOAT, null));
    shortcut(r, "sumSeries", "sum", "Adds the series together point by point.");
    shortcut(r, "sum", "sum", "Adds the series together point by point (short for sumSeries).");
    shortcut(r, "averageSeries", "average", "Averages the series point by point.");
    shortcut(r, "avg", "average", "Averages the series point by point (short for averageSeries).");
    shortcut(r, "minSeries", "min", "The lowest value of the series at each point.");
    shortcut(r, "maxSeries", "max", "The highest value of the series at each point.");
    shortcut(r, "diffSeries", "diff", "Subtracts the other series from the first, point by point.");
    shortcut(r, "stddevSeries", "stddev", "The standard deviation of the series at each point.");
    shortcut(r, "rangeOfSeries", "rangeOf", "The highest minus the lowest value of the series at each point.");
    shortcut(r, "multiplySeries", "multiply", "Multiplies the series point by point.");
  }

  private static void shortcut(FunctionRegistry.Builder r, String name, String func, String description) {
    r.add(name, "Combine", description, c -> aggregate(c, c.seriesLists(0), func, null),
        Param.multiple("seriesLists", SERIES_LISTS, true));
  }

  /** graphite-web's {@code aggregate}: one series named {@code <func>Series(<paths>)}, or none for no input. */
  static List<Series> aggregate(Invocation c, List<Series> series, String rawFunc, Double xFilesFactor) {
    String func = rawFunc.endsWith("Series") ? rawFunc.substring(0, rawFunc.length() - 6) : rawFunc;
    AggFuncs.AggFunc f = AggFuncs.get(func, rawFunc);
    Normalized n = Normalized.of(series);
    if (n == null) {
      return List.of();
    }
    double xff = xFilesFactor != null ? xFilesFactor : c.context().xFilesFactor();
    String name = func + "Series(" + Names.pathExpressions(n.series()) + ")";
    int length = n.length();
    double[] out = new double[length];
    double[] row = new double[n.series().size()];
    for (int i = 0; i < length; i++) {
      n.row(i, row);
      out[i] = AggFuncs.xff(row, xff) ? f.apply(row) : Double.NaN;
    }
    Map<String, String> tags = new LinkedHashMap<>(n.series().get(0).tags());
    for (Series s : n.series()) {
      tags.entrySet().removeIf(e -> !e.getValue().equals(s.tags().get(e.getKey())));
    }
    tags.putIfAbsent("name", name);
    tags.put("aggregatedBy", func);
    return List.of(Series.builder(name, n.start(), n.end(), n.step(), out).tags(tags).xFilesFactor(xff)
        .integral(func.equals("count")).build());
  }
}
