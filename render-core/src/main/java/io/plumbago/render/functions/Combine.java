package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.BOOLEAN;
import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.NODE;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * graphite-web's Combine functions that merge series point by point: aggregate and its shortcuts, the wildcard and
 * pairwise ({@code ...SeriesLists}) forms, countSeries, group, percentileOfSeries, divideSeries. asPercent and
 * weightedAverage live in {@link CombinePercent}, the node-grouping functions in {@link Grouping}.
 */
final class Combine {
  private Combine() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("aggregate", "Combine", "Aggregates the series point by point with the named function (average, "
        + "avg_zero, median, sum, min, max, diff, stddev, count, range, multiply, last or an alias).",
        c -> aggregate(c, c.seriesList(0), c.string(1), c.has(2) ? c.number(2) : null),
        Param.required("seriesList", SERIES_LIST), aggFuncParam("func"), Param.optional("xFilesFactor", FLOAT, null));
    shortcut(r, "sumSeries", "sum", "Adds the series together point by point.");
    shortcut(r, "sum", "sum", "Adds the series together point by point (short for sumSeries).");
    shortcut(r, "averageSeries", "average", "Averages the series point by point.");
    shortcut(r, "avg", "average", "Averages the series point by point (short for averageSeries).");
    shortcut(r, "minSeries", "min", "The lowest value of the series at each point.");
    shortcut(r, "maxSeries", "max", "The highest value of the series at each point.");
    shortcut(r, "diffSeries", "diff", "Subtracts the other series from the first, point by point.");
    shortcut(r, "stddevSeries", "stddev", "The standard deviation of the series at each point.");
    shortcut(r, "rangeOfSeries", "rangeOf", "The highest minus the lowest value of the series at each point.");
    r.add("multiplySeries", "Combine", "Multiplies the series point by point; a single series comes back unchanged.",
        c -> {
          List<List<Series>> lists = c.seriesListsSeparately(0);
          if (lists.size() == 1 && lists.get(0).size() == 1) {
            return lists.get(0);
          }
          return aggregate(c, c.seriesLists(0), "multiply", null);
        }, Param.multiple("seriesLists", SERIES_LIST, true));

    r.add("aggregateWithWildcards", "Combine", "Groups the series by their names with the given node positions "
        + "left out, and aggregates each group with the named function.",
        c -> withWildcards(c, c.string(1), c.rest(2)),
        Param.required("seriesList", SERIES_LIST), aggFuncParam("func"), Param.multiple("position", NODE, false));
    wildcards(r, "sumSeriesWithWildcards", "sum", "Adds up the series that share a name once the given node "
        + "positions are left out.");
    wildcards(r, "averageSeriesWithWildcards", "average", "Averages the series that share a name once the given "
        + "node positions are left out.");
    wildcards(r, "multiplySeriesWithWildcards", "multiply", "Multiplies the series that share a name once the given "
        + "node positions are left out.");

    r.add("aggregateSeriesLists", "Combine", "Aggregates the two lists pairwise with the named function: the first "
        + "series of each, then the second of each, and so on. The lists must be the same length.",
        c -> seriesLists(c, c.string(2), c.has(3) ? c.number(3) : null),
        Param.required("seriesListFirstPos", SERIES_LIST), Param.required("seriesListSecondPos", SERIES_LIST),
        aggFuncParam("func"), Param.optional("xFilesFactor", FLOAT, null));
    pairwise(r, "sumSeriesLists", "sum", "Adds the two lists pairwise (first to first, second to second, ...).");
    pairwise(r, "diffSeriesLists", "diff", "Subtracts the second list from the first, pairwise.");
    pairwise(r, "multiplySeriesLists", "multiply", "Multiplies the two lists pairwise.");

    r.add("divideSeries", "Combine", "Divides every series of the first list by the single series of the second.",
        Combine::divideSeries, Param.required("dividendSeriesList", SERIES_LIST),
        Param.required("divisorSeries", SERIES_LIST));
    r.add("divideSeriesLists", "Combine", "Divides the first list by the second, pairwise. The lists must be the "
        + "same length.", Combine::divideSeriesLists, Param.required("dividendSeriesList", SERIES_LIST),
        Param.required("divisorSeriesList", SERIES_LIST));

    r.add("countSeries", "Combine", "A line at the number of series given.", Combine::countSeries,
        Param.multiple("seriesLists", SERIES_LIST, false));
    r.add("group", "Combine", "Joins several series lists into one.", c -> c.seriesLists(0),
        Param.multiple("seriesLists", SERIES_LIST, false));
    r.add("percentileOfSeries", "Combine", "The n-th percentile of the series' values at each point; an actual "
        + "value unless interpolate is true.", Combine::percentileOfSeries,
        Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT),
        Param.optional("interpolate", BOOLEAN, false));
    r.add("isNonNull", "Transform", "1 where a series has a value, 0 where it has none.", Combine::isNonNull,
        Param.required("seriesList", SERIES_LIST));

    CombinePercent.register(r);
    Grouping.register(r);
  }

  private static Param aggFuncParam(String name) {
    return Param.required(name, AGG_FUNC).options((Object[]) AggFuncs.NAMES);
  }

  private static void shortcut(FunctionRegistry.Builder r, String name, String func, String description) {
    r.add(name, "Combine", description, c -> aggregate(c, c.seriesLists(0), func, null),
        Param.multiple("seriesLists", SERIES_LIST, true));
  }

  private static void wildcards(FunctionRegistry.Builder r, String name, String func, String description) {
    r.add(name, "Combine", description, c -> withWildcards(c, func, c.rest(1)),
        Param.required("seriesList", SERIES_LIST), Param.multiple("position", NODE, false));
  }

  private static void pairwise(FunctionRegistry.Builder r, String name, String func, String description) {
    r.add(name, "Combine", description + " The lists must be the same length.",
        c -> seriesLists(c, func, null),
        Param.required("seriesListFirstPos", SERIES_LIST), Param.required("seriesListSecondPos", SERIES_LIST));
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
    double[] out;
    if (ColumnAggregation.supports(func)) {
      out = ColumnAggregation.aggregate(n.values(), length, func, xff);
    } else {
      out = new double[length];
      double[] row = new double[n.series().size()];
      for (int i = 0; i < length; i++) {
        n.row(i, row);
        out[i] = AggFuncs.xff(row, xff) ? f.apply(row) : Double.NaN;
      }
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

  /**
   * graphite-web's {@code aggregateWithWildcards}: groups by the name's nodes other than {@code positions} (in order
   * of first appearance), aggregates each group and names the result by that key (its path expression stays the
   * aggregate's).
   */
  private static List<Series> withWildcards(Invocation c, String func, List<Object> positions) {
    Map<String, List<Series>> groups = new LinkedHashMap<>();
    for (Series s : c.seriesList(0)) {
      String[] nodes = s.name().split("\\.", -1);
      List<String> kept = new ArrayList<>(nodes.length);
      for (int i = 0; i < nodes.length; i++) {
        if (!contains(positions, i)) {
          kept.add(nodes[i]);
        }
      }
      groups.computeIfAbsent(String.join(".", kept), k -> new ArrayList<>()).add(s);
    }
    List<Series> out = new ArrayList<>(groups.size());
    for (Map.Entry<String, List<Series>> g : groups.entrySet()) {
      out.add(aggregate(c, g.getValue(), func, null).get(0).withName(g.getKey()));
    }
    return out;
  }

  /** Python's {@code i in positions}: numbers compare by value, anything else never equals an index. */
  private static boolean contains(List<Object> positions, int i) {
    for (Object p : positions) {
      if (p instanceof Number n && n.doubleValue() == i) {
        return true;
      }
    }
    return false;
  }

  /**
   * graphite-web's {@code aggregateSeriesLists}: {@code aggregate} over each pair, renamed {@code
   * <func>Series(<first name>,<second name>)} (the path expression keeps the aggregate's).
   */
  private static List<Series> seriesLists(Invocation c, String func, Double xFilesFactor) {
    List<Series> first = c.seriesList(0);
    List<Series> second = c.seriesList(1);
    if (first.size() != second.size()) {
      throw c.error("seriesListFirstPos and seriesListSecondPos argument must have equal length");
    }
    List<Series> out = new ArrayList<>(first.size());
    for (int i = 0; i < first.size(); i++) {
      Series a = first.get(i);
      Series b = second.get(i);
      List<Series> aggregated = aggregate(c, List.of(a, b), func, xFilesFactor);
      if (aggregated.isEmpty()) {
        continue;
      }
      Series result = aggregated.get(0);
      String name = result.name();
      out.add(result.withName(name.substring(0, name.indexOf("Series(")) + "Series(" + a.name() + "," + b.name()
          + ")"));
    }
    return out;
  }

  private static List<Series> divideSeries(Invocation c) {
    List<Series> dividends = c.seriesList(0);
    List<Series> divisors = c.seriesList(1);
    if (divisors.isEmpty()) {
      List<Series> out = new ArrayList<>(dividends.size());
      for (Series s : dividends) {
        String name = "divideSeries(" + s.name() + ",MISSING)";
        double[] none = new double[s.length()];
        Arrays.fill(none, Double.NaN);
        out.add(s.toBuilder().name(name).pathExpression(name).values(none).build());
      }
      return out;
    }
    if (divisors.size() > 1) {
      throw c.error("divideSeries second argument must reference exactly 1 series (got " + divisors.size() + ")");
    }
    List<Series> out = new ArrayList<>(dividends.size());
    for (Series s : dividends) {
      out.add(divide(c, s, divisors.get(0)));
    }
    return out;
  }

  private static List<Series> divideSeriesLists(Invocation c) {
    List<Series> dividends = c.seriesList(0);
    List<Series> divisors = c.seriesList(1);
    if (dividends.size() != divisors.size()) {
      throw c.error("dividendSeriesList and divisorSeriesList argument must have equal length");
    }
    List<Series> out = new ArrayList<>(dividends.size());
    for (int i = 0; i < dividends.size(); i++) {
      out.add(divide(c, dividends.get(i), divisors.get(i)));
    }
    return out;
  }

  /** One quotient as graphite-web's divideSeries builds it: both brought to their lcm step, None for x/0. */
  private static Series divide(Invocation c, Series dividend, Series divisor) {
    Normalized n = Normalized.of(List.of(dividend, divisor));
    double[] out = new double[n.length()];
    double[] row = new double[2];
    for (int i = 0; i < out.length; i++) {
      n.row(i, row);
      out[i] = safeDiv(row[0], row[1]);
    }
    return Series.builder("divideSeries(" + dividend.name() + "," + divisor.name() + ")", n.start(), n.end(),
        n.step(), out).xFilesFactor(c.context().xFilesFactor()).build();
  }

  /** graphite-web's {@code safeDiv}: None when either is None or the divisor is 0. */
  static double safeDiv(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
      return Double.NaN;
    }
    return a / b;
  }

  /**
   * graphite-web's {@code countSeries}: a line at the number of series (as ints) over their normalized window; with
   * no argument at all, a three-point line at 0 across the request.
   */
  private static List<Series> countSeries(Invocation c) {
    List<Object> args = c.rest(0);
    double xff = c.context().xFilesFactor();
    if (args.isEmpty()) {
      long start = c.context().startSeconds();
      long end = c.context().endSeconds();
      long step = (end - start) / 2;
      return List.of(Series.builder("0", start, end, Math.max(1, step), new double[3]).pathExpression("countSeries()")
          .xFilesFactor(xff).integral(true).build());
    }
    Normalized n = Normalized.of(c.seriesLists(0));
    if (n == null) {
      return List.of();
    }
    String name = "countSeries(" + Names.pathExpressions(n.series()) + ")";
    double[] out = new double[n.length()];
    Arrays.fill(out, n.series().size());
    return List.of(Series.builder(name, n.start(), n.end(), n.step(), out).xFilesFactor(xff).integral(true).build());
  }

  private static List<Series> percentileOfSeries(Invocation c) {
    double percent = c.number(1);
    boolean interpolate = c.bool(2, false);
    if (percent <= 0) {
      throw c.error("The requested percent is required to be greater than 0");
    }
    List<Series> series = c.seriesList(0);
    if (series.isEmpty()) {
      return List.of();
    }
    String name = "percentileOfSeries(" + series.get(0).pathExpression() + "," + Names.g(percent) + ")";
    Normalized n = Normalized.of(series);
    double[] out = new double[n.length()];
    double[] row = new double[n.series().size()];
    for (int i = 0; i < out.length; i++) {
      n.row(i, row);
      out[i] = percentile(c, row, percent, interpolate);
    }
    return List.of(Series.builder(name, n.start(), n.end(), n.step(), out).xFilesFactor(c.context().xFilesFactor())
        .build());
  }

  /** graphite-web's {@code _getPercentile} (the NIST rank method), None for no values. */
  static double percentile(Invocation c, double[] row, double n, boolean interpolate) {
    double[] sorted = AggFuncs.nonNull(row);
    if (sorted.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(sorted);
    double p = AggFuncs.percentile(sorted, n, interpolate);
    if (Double.isNaN(p)) {
      throw c.error("percentile " + Values.str(n) + " is out of range for " + sorted.length + " values");
    }
    return p;
  }

  /**
   * graphite-web's {@code isNonNull}: 1 or 0 (ints) for each value as iterated; it replaces the raw values with those
   * and keeps the series' valuesPerPoint, so a consolidated series is consolidated again on output.
   */
  private static List<Series> isNonNull(Invocation c) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] it = s.iterated();
      double[] v = new double[it.length];
      for (int i = 0; i < it.length; i++) {
        v[i] = Double.isNaN(it[i]) ? 0 : 1;
      }
      String name = "isNonNull(" + s.name() + ")";
      out.add(s.toBuilder().name(name).pathExpression(name).values(v).integral(true).tag("isNonNull",
          "1").build());
    }
    return out;
  }
}
