package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.ANY;
import static io.plumbago.render.functions.ParamType.NODE_OR_TAG;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * graphite-web's asPercent and weightedAverage. asPercent follows graphite-web closely, including how its in-place
 * consolidation carries over: normalizing a series sets the valuesPerPoint it is read with from then on, and a
 * series without a total takes the window of whichever pair was normalized last.
 */
final class CombinePercent {
  private CombinePercent() {}

  static void register(FunctionRegistry.Builder r) {
    for (String name : new String[] {"asPercent", "pct"}) {
      r.add(name, "Combine", "Each series as a percentage of a total: the sum of the series (no total), a number, "
          + "one series, a list matched by name, or with nodes the group totals matched by those nodes or tags.",
          CombinePercent::asPercent, Param.required("seriesList", SERIES_LIST), Param.optional("total", ANY, null),
          Param.multiple("nodes", NODE_OR_TAG, false));
    }
    r.add("weightedAverage", "Combine", "The average of the first list weighted by the second, pairs matched by the "
        + "given nodes or tags.", CombinePercent::weightedAverage,
        Param.required("seriesListAvg", SERIES_LIST), Param.required("seriesListWeight", SERIES_LIST),
        Param.multiple("nodes", NODE_OR_TAG, false));
  }

  /** A series whose valuesPerPoint changes as graphite-web's {@code normalize()} consolidates it in place. */
  private static final class Live {
    Series series;

    Live(Series series) {
      this.series = series;
    }

    double[] values() {
      return series.iterated();
    }
  }

  /** The window a normalize() call computed. */
  private record Window(long start, long end, long step) {}

  private static List<Live> live(List<Series> series) {
    List<Live> out = new ArrayList<>(series.size());
    for (Series s : series) {
      out.add(new Live(s));
    }
    return out;
  }

  /** graphite-web's {@code normalize()} applied to live series: sets each one's valuesPerPoint, returns the window. */
  private static Window normalize(List<Live> series) {
    long step = series.get(0).series.step();
    for (Live l : series) {
      step = Normalized.lcm(step, l.series.step());
    }
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (Live l : series) {
      Series s = l.series;
      int perPoint = (int) (step / s.step());
      if (s.valuesPerPoint() != perPoint) {
        l.series = s.toBuilder().valuesPerPoint(perPoint).build();
      }
      start = Math.min(start, s.start());
      end = Math.max(end, s.end());
    }
    end -= (end - start) % step;
    return new Window(start, end, step);
  }

  private static double percent(double value, double total) {
    double q = Combine.safeDiv(value, total);
    return Double.isNaN(q) ? Double.NaN : q * 100.0;
  }

  /** Python's {@code [f(a, b) for a, b in zip_longest(x, y)]} with NaN for the missing side. */
  private static double[] percents(double[] values, double[] totals) {
    double[] out = new double[Math.max(values.length, totals.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = percent(i < values.length ? values[i] : Double.NaN, i < totals.length ? totals[i] : Double.NaN);
    }
    return out;
  }

  /** {@code safeSum} of each zip_longest row of the live series' values. */
  private static double[] sums(List<Live> series) {
    List<double[]> values = new ArrayList<>(series.size());
    int length = 0;
    for (Live l : series) {
      double[] v = l.values();
      values.add(v);
      length = Math.max(length, v.length);
    }
    double[] out = new double[length];
    double[] row = new double[series.size()];
    for (int i = 0; i < length; i++) {
      for (int s = 0; s < row.length; s++) {
        double[] v = values.get(s);
        row[s] = i < v.length ? v[i] : Double.NaN;
      }
      out[i] = AggFuncs.sum(row);
    }
    return out;
  }

  private static List<Series> series(List<Live> live) {
    List<Series> out = new ArrayList<>(live.size());
    for (Live l : live) {
      out.add(l.series);
    }
    return out;
  }

  private static Series result(String name, Window w, double[] values, double xff) {
    return Series.builder(name, w.start(), w.end(), w.step(), values).xFilesFactor(xff).build();
  }

  private static List<Series> asPercent(Invocation c) {
    List<Live> input = live(c.seriesList(0));
    Object total = c.value(1);
    List<Object> nodes = c.rest(2);
    if (input.isEmpty()) {
      return List.of(); // graphite-web's NormalizeEmptyResultError
    }
    normalize(input);
    double xff = c.context().xFilesFactor();
    if (!nodes.isEmpty()) {
      return byNodes(c, input, total, nodes, xff);
    }
    double[] totalValues;
    String totalText;
    List<Live> totals = null;
    if (total == null) {
      totalValues = sums(input);
      totalText = "sumSeries(" + Names.pathExpressions(series(input)) + ")";
    } else if (total instanceof List<?>) {
      totals = live(c.seriesList(1));
      if (totals.size() != 1 && totals.size() != input.size()) {
        throw c.error("asPercent second argument must be missing, a single digit, reference exactly 1 series or "
            + "reference the same number of series as the first argument");
      }
      totalValues = null;
      totalText = null;
      if (totals.size() == 1) {
        List<Live> both = new ArrayList<>(input);
        both.addAll(totals);
        normalize(both);
        totalValues = totals.get(0).values();
        totalText = totals.get(0).series.name();
      }
    } else {
      double number;
      if (total instanceof Number n) {
        number = n.doubleValue();
      } else if (total instanceof Boolean b) {
        number = b ? 1 : 0;
      } else {
        throw c.error("asPercent total must be a number or a series list, got " + Values.repr(total));
      }
      totalValues = new double[input.get(0).series.length()]; // the raw length, as graphite-web's len() gives
      Arrays.fill(totalValues, number);
      totalText = Values.str(total);
    }
    List<Series> out = new ArrayList<>();
    if (totals != null && totals.size() == input.size()) {
      List<Live> a = new ArrayList<>(input);
      List<Live> b = new ArrayList<>(totals);
      Comparator<Live> byName = Comparator.comparing(l -> l.series.name());
      a.sort(byName);
      b.sort(byName);
      for (int i = 0; i < a.size(); i++) {
        Live s1 = a.get(i);
        Live s2 = b.get(i);
        String name = "asPercent(" + s1.series.name() + "," + s2.series.name() + ")";
        Window w = normalize(List.of(s1, s2));
        out.add(result(name, w, percents(s1.values(), s2.values()), xff));
      }
      return out;
    }
    for (Live l : input) {
      Series s = l.series;
      String name = "asPercent(" + s.name() + "," + (totalText.isEmpty() ? s.pathExpression() : totalText) + ")";
      out.add(result(name, new Window(s.start(), s.end(), s.step()), percents(l.values(), totalValues), xff));
    }
    return out;
  }

  /** asPercent with nodes: series and totals grouped by key, each series over its group's total. */
  private static List<Series> byNodes(Invocation c, List<Live> input, Object total, List<Object> nodes, double xff) {
    List<String> keys = new ArrayList<>();
    Map<String, List<Live>> groups = new LinkedHashMap<>();
    for (Live l : input) {
      String key = Names.aggKey(l.series, nodes);
      if (!groups.containsKey(key)) {
        keys.add(key);
      }
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
    }
    Window last = null;
    Map<String, Live> totals = new LinkedHashMap<>();
    Map<String, List<Live>> totalGroups;
    if (total == null) {
      totalGroups = groups;
    } else if (total instanceof List<?>) {
      totalGroups = new LinkedHashMap<>();
      for (Live l : live(c.seriesList(1))) {
        String key = Names.aggKey(l.series, nodes);
        if (!totalGroups.containsKey(key) && !keys.contains(key)) {
          keys.add(key);
        }
        totalGroups.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
      }
    } else {
      throw c.error("total must be None or a seriesList");
    }
    for (Map.Entry<String, List<Live>> g : totalGroups.entrySet()) {
      List<Live> group = g.getValue();
      if (group.size() == 1) {
        totals.put(g.getKey(), group.get(0));
        continue;
      }
      String name = "sumSeries(" + Names.pathExpressions(series(group)) + ")";
      last = normalize(group);
      totals.put(g.getKey(), new Live(result(name, last, sums(group), xff)));
    }
    List<Series> out = new ArrayList<>();
    for (String key : keys) {
      List<Live> group = groups.get(key);
      if (group == null) {
        Live s2 = totals.get(key);
        double[] none = nones(s2.values().length);
        out.add(result("asPercent(MISSING," + s2.series.name() + ")", orOwn(last, s2.series), none, xff));
        continue;
      }
      for (Live s1 : group) {
        Live s2 = totals.get(key);
        if (s2 == null) {
          double[] none = nones(s1.values().length);
          out.add(result("asPercent(" + s1.series.name() + ",MISSING)", orOwn(last, s1.series), none, xff));
          continue;
        }
        String name = "asPercent(" + s1.series.name() + "," + s2.series.name() + ")";
        last = normalize(List.of(s1, s2));
        out.add(result(name, last, percents(s1.values(), s2.values()), xff));
      }
    }
    return out;
  }

  /**
   * The window graphite-web would use for a series without its counterpart: the last normalized one. When nothing was
   * normalized yet graphite-web fails (an unbound variable, a 500); the series' own window is used instead.
   */
  private static Window orOwn(Window last, Series s) {
    return last != null ? last : new Window(s.start(), s.end(), s.step());
  }

  private static double[] nones(int n) {
    double[] v = new double[n];
    Arrays.fill(v, Double.NaN);
    return v;
  }

  /**
   * graphite-web's {@code weightedAverage}: pairs the lists by key (the last of each wins), multiplies each pair
   * point by point, and divides the sum of the products by the sum of all the weights.
   */
  private static List<Series> weightedAverage(Invocation c) {
    List<Series> averages = c.seriesList(0);
    List<Series> weights = c.seriesList(1);
    List<Object> nodes = c.rest(2);
    if (averages.size() != weights.size()) {
      throw c.error("weightedAverage must receive the same number of series for seriesListAvg and seriesListWeight "
          + "but received respectively " + averages.size() + " and " + weights.size());
    }
    Map<String, Series[]> byKey = new LinkedHashMap<>();
    for (int i = 0; i < averages.size(); i++) {
      byKey.computeIfAbsent(Names.aggKey(averages.get(i), nodes), k -> new Series[2])[0] = averages.get(i);
      byKey.computeIfAbsent(Names.aggKey(weights.get(i), nodes), k -> new Series[2])[1] = weights.get(i);
    }
    double xff = c.context().xFilesFactor();
    List<Series> products = new ArrayList<>();
    for (Series[] pair : byKey.values()) {
      Series avg = pair[0];
      Series weight = pair[1];
      if (avg == null || weight == null) {
        continue;
      }
      double[] a = avg.iterated();
      double[] w = weight.iterated();
      double[] product = new double[Math.max(a.length, w.length)];
      for (int i = 0; i < product.length; i++) {
        double x = i < a.length ? a[i] : Double.NaN;
        double y = i < w.length ? w[i] : Double.NaN;
        product[i] = x * y; // NaN when either is None, as safeMul
      }
      products.add(Series.builder("product(" + weight.name() + "," + avg.name() + ")", avg.start(), avg.end(),
          avg.step(), product).xFilesFactor(xff).build());
    }
    if (products.isEmpty()) {
      return List.of();
    }
    Series sumProducts = Combine.aggregate(c, products, "sum", null).get(0);
    Series sumWeights = Combine.aggregate(c, weights, "sum", null).get(0);
    double[] p = sumProducts.iterated();
    double[] w = sumWeights.iterated();
    double[] out = new double[Math.max(p.length, w.length)];
    for (int i = 0; i < out.length; i++) {
      out[i] = Combine.safeDiv(i < p.length ? p[i] : Double.NaN, i < w.length ? w[i] : Double.NaN);
    }
    List<String> nodeText = new ArrayList<>();
    for (Object n : nodes) {
      nodeText.add(Values.str(n));
    }
    String name = "weightedAverage(" + String.join(",", sortedPaths(averages)) + ", "
        + String.join(",", sortedPaths(weights)) + ", " + String.join(",", nodeText) + ")";
    return List.of(Series.builder(name, sumProducts.start(), sumProducts.end(), sumProducts.step(), out)
        .xFilesFactor(xff).build());
  }

  private static TreeSet<String> sortedPaths(List<Series> series) {
    TreeSet<String> paths = new TreeSet<>();
    for (Series s : series) {
      paths.add(s.pathExpression());
    }
    return paths;
  }
}
