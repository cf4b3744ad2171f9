package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_FUNC;
import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.INTEGER;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.RenderException;
import io.plumbago.render.Target;
import io.plumbago.render.TargetParser;
import io.plumbago.render.TargetSyntaxException;
import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * graphite-web's Filter Series functions (whole series kept or dropped) and Filter Data functions (points set to None).
 * Rankings sort stably as Python does, ties keeping their input order, with a series without a value ranked as
 * {@code -inf}.
 */
final class Filters {
  /** graphite-web's {@code operatorFuncs}, sorted as {@code /functions} lists them. */
  private static final Object[] OPERATORS = {"!=", "<", "<=", "=", ">", ">="};

  private Filters() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("filterSeries", "Filter Series", "Keeps the series whose aggregate (average, max, last...) compares to the "
        + "threshold as the operator (=, !=, >, >=, <, <=) says.",
        c -> filter(c.seriesList(0), c.string(1), c.string(2), c.number(3)),
        Param.required("seriesList", SERIES_LIST), Param.required("func", AGG_FUNC).options((Object[]) AggFuncs.NAMES),
        Param.required("operator", STRING).options(OPERATORS), Param.required("threshold", FLOAT));
    threshold(r, "maximumAbove", "max", ">", "Keeps the series whose highest value is above n.");
    threshold(r, "minimumAbove", "min", ">", "Keeps the series whose lowest value is above n.");
    threshold(r, "maximumBelow", "max", "<=", "Keeps the series whose highest value is n or below.");
    threshold(r, "minimumBelow", "min", "<=", "Keeps the series whose lowest value is n or below.");
    threshold(r, "currentAbove", "last", ">", "Keeps the series whose last value is above n.");
    threshold(r, "currentBelow", "last", "<=", "Keeps the series whose last value is n or below.");
    threshold(r, "averageAbove", "average", ">", "Keeps the series whose average is above n.");
    threshold(r, "averageBelow", "average", "<=", "Keeps the series whose average is n or below.");

    r.add("highest", "Filter Series", "The n series with the highest aggregate (average by default).",
        c -> rank(c.seriesList(0), c.integer(1), c.string(2, "average"), true),
        Param.required("seriesList", SERIES_LIST), Param.required("n", INTEGER),
        Param.optional("func", AGG_FUNC, "average").options((Object[]) AggFuncs.NAMES));
    r.add("lowest", "Filter Series", "The n series with the lowest aggregate (average by default).",
        c -> rank(c.seriesList(0), c.integer(1), c.string(2, "average"), false),
        Param.required("seriesList", SERIES_LIST), Param.required("n", INTEGER),
        Param.optional("func", AGG_FUNC, "average").options((Object[]) AggFuncs.NAMES));
    ranking(r, "highestCurrent", "current", true, "The n series with the highest last value.");
    ranking(r, "highestMax", "max", true, "The n series with the highest maximum.");
    ranking(r, "highestAverage", "average", true, "The n series with the highest average.");
    ranking(r, "lowestCurrent", "current", false, "The n series with the lowest last value.");
    ranking(r, "lowestAverage", "average", false, "The n series with the lowest average.");

    r.add("limit", "Filter Series", "The first n series.", c -> head(c.seriesList(0), c.integer(1)),
        Param.required("seriesList", SERIES_LIST), Param.required("n", INTEGER));
    r.add("exclude", "Filter Series", "Drops the series whose name matches the regular expression.",
        c -> grep(c.seriesList(0), c.string(1), false),
        Param.required("seriesList", SERIES_LIST), Param.required("pattern", STRING));
    r.add("grep", "Filter Series", "Keeps the series whose name matches the regular expression.",
        c -> grep(c.seriesList(0), c.string(1), true),
        Param.required("seriesList", SERIES_LIST), Param.required("pattern", STRING));
    r.add("removeEmptySeries", "Filter Series", "Drops the series with no values, or with a smaller share of "
        + "non-None values than xFilesFactor.", c -> {
          double xff = c.number(1, 0);
          List<Series> out = new ArrayList<>();
          for (Series s : c.seriesList(0)) {
            if (AggFuncs.xff(s.values(), xff)) {
              out.add(s);
            }
          }
          return out;
        }, Param.required("seriesList", SERIES_LIST), Param.optional("xFilesFactor", FLOAT, null));
    r.add("unique", "Filter Series", "The series of all the lists, each name once (the first one seen).", c -> {
      Set<String> seen = new HashSet<>();
      List<Series> out = new ArrayList<>();
      for (Series s : c.seriesLists(0)) {
        if (seen.add(s.name())) {
          out.add(s);
        }
      }
      return out;
    }, Param.multiple("seriesLists", SERIES_LIST, true));
    r.add("mostDeviant", "Filter Series", "The n series with the largest standard deviation.", c -> {
      List<Series> kept = new ArrayList<>();
      List<Double> sigmas = new ArrayList<>();
      for (Series s : c.seriesList(0)) {
        double mean = AggFuncs.avg(s.values());
        if (Double.isNaN(mean)) {
          continue;
        }
        double squares = 0;
        for (double v : s.values()) {
          if (!Double.isNaN(v)) {
            squares += (v - mean) * (v - mean);
          }
        }
        kept.add(s);
        sigmas.add(squares / AggFuncs.count(s.values()));
      }
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        order.add(i);
      }
      order.sort(Comparator.<Integer, Double>comparing(sigmas::get, Filters::pythonCompare).reversed());
      List<Series> sorted = new ArrayList<>();
      for (int i : order) {
        sorted.add(kept.get(i));
      }
      return head(sorted, c.integer(1));
    }, Param.required("seriesList", SERIES_LIST), Param.required("n", INTEGER));
    r.add("useSeriesAbove", "Filter Series", "For each series whose maximum is above the value, draws the series "
        + "named by a regular expression search and replace on its name.", Filters::useSeriesAbove,
        Param.required("seriesList", SERIES_LIST), Param.required("value", FLOAT),
        Param.required("search", STRING), Param.required("replace", STRING));

    r.add("removeAboveValue", "Filter Data", "Sets the values above n to None.",
        c -> removeValue(c, "removeAboveValue", true),
        Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT));
    r.add("removeBelowValue", "Filter Data", "Sets the values below n to None.",
        c -> removeValue(c, "removeBelowValue", false),
        Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT));
    r.add("removeAbovePercentile", "Filter Data", "Sets the values above the series' nth percentile to None.",
        c -> removePercentile(c, "removeAbovePercentile", true),
        Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT));
    r.add("removeBelowPercentile", "Filter Data", "Sets the values below the series' nth percentile to None.",
        c -> removePercentile(c, "removeBelowPercentile", false),
        Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT));
  }

  private static void threshold(FunctionRegistry.Builder r, String name, String func, String operator,
      String description) {
    r.add(name, "Filter Series", description, c -> filter(c.seriesList(0), func, operator, c.number(1)),
        Param.required("seriesList", SERIES_LIST), Param.required("n", FLOAT));
  }

  private static void ranking(FunctionRegistry.Builder r, String name, String func, boolean highest,
      String description) {
    r.add(name, "Filter Series", description, c -> rank(c.seriesList(0), c.integer(1), func, highest),
        Param.required("seriesList", SERIES_LIST), Param.required("n", INTEGER));
  }

  /** graphite-web's {@code filterSeries}: None passes {@code !=}, {@code <} and {@code <=} and fails the others. */
  static List<Series> filter(List<Series> series, String func, String operator, double threshold) {
    AggFuncs.AggFunc f = AggFuncs.get(func, func);
    if (!Arrays.asList(OPERATORS).contains(operator)) {
      throw new RenderException(400, "Unsupported operator: " + operator);
    }
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      double v = f.apply(s.values());
      boolean none = Double.isNaN(v);
      boolean keep = switch (operator) {
        case "=" -> !none && v == threshold;
        case "!=" -> none || v != threshold;
        case ">" -> !none && v > threshold;
        case ">=" -> !none && v >= threshold;
        case "<" -> none || v < threshold;
        default -> none || v <= threshold;
      };
      if (keep) {
        out.add(s);
      }
    }
    return out;
  }

  /** graphite-web's {@code highest} / {@code lowest}: a stable sort by the aggregate, then {@code [:n]}. */
  static List<Series> rank(List<Series> series, int n, String func, boolean highest) {
    AggFuncs.AggFunc f = AggFuncs.get(func, func);
    List<Series> sorted = sortBy(series, s -> f.apply(s.values()), highest);
    return head(sorted, n);
  }

  /**
   * Python's {@code list.sort(key=keyFunc(f), reverse=...)}: stable in both directions, None (NaN) ranked as -inf,
   * keys compared with {@code <} so -0.0 ties 0.0.
   */
  static List<Series> sortBy(List<Series> series, ToDoubleFunction<Series> key, boolean reverse) {
    int n = series.size();
    double[] keys = new double[n];
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double k = key.applyAsDouble(series.get(i));
      keys[i] = Double.isNaN(k) ? Double.NEGATIVE_INFINITY : k;
      order.add(i);
    }
    Comparator<Integer> byKey = (a, b) -> pythonCompare(keys[a], keys[b]);
    order.sort(reverse ? byKey.reversed() : byKey);
    List<Series> out = new ArrayList<>(n);
    for (int i : order) {
      out.add(series.get(i));
    }
    return out;
  }

  static int pythonCompare(double a, double b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Python's {@code list[:n]}: a negative n drops that many from the end. */
  static <T> List<T> head(List<T> list, int n) {
    int end = n < 0 ? Math.max(0, list.size() + n) : Math.min(n, list.size());
    return new ArrayList<>(list.subList(0, end));
  }

  private static List<Series> grep(List<Series> series, String pattern, boolean keepMatches) {
    PythonRegex regex = PythonRegex.compile(pattern);
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      if (regex.search(s.name()) == keepMatches) {
        out.add(s);
      }
    }
    return out;
  }

  /**
   * graphite-web's {@code useSeriesAbove}: evaluates {@code group(<new names>)} for the series whose maximum is above
   * the value. graphite-web fails with a TypeError on a series holding None; here None values are skipped.
   */
  private static List<Series> useSeriesAbove(Invocation c) {
    double value = c.number(1);
    PythonRegex regex = PythonRegex.compile(c.string(2));
    String replace = c.string(3);
    List<String> names = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      String name = regex.sub(replace, s.name());
      double max = AggFuncs.max(s.values());
      if (!Double.isNaN(max) && max > value) {
        names.add(name);
      }
    }
    if (names.isEmpty()) {
      return List.of();
    }
    Target group;
    try {
      group = TargetParser.parse("group(" + String.join(",", names) + ")");
    } catch (TargetSyntaxException e) {
      throw c.error("useSeriesAbove: cannot parse the new targets " + String.join(",", names));
    }
    List<Target> targets = group instanceof Target.Call call && call.function().equals("group") && call.kwargs()
        .isEmpty() ? call.args() : List.of(group);
    List<Series> out = new ArrayList<>();
    for (Target t : targets) {
      for (Series s : c.evaluate(t, c.context())) {
        if (s.length() > 0) {
          out.add(s);
        }
      }
    }
    return out;
  }

  private static List<Series> removeValue(Invocation c, String function, boolean above) {
    double n = c.number(1);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      String name = function + "(" + s.name() + ", " + Names.g(n) + ")";
      out.add(remove(s, name, n, above));
    }
    return out;
  }

  /** The series renamed (path expression too) with the values above (or below, or None) the limit set to None. */
  private static Series remove(Series s, String name, double limit, boolean above) {
    double[] v = s.values().clone();
    for (int i = 0; i < v.length; i++) {
      if (above ? v[i] > limit : Double.isNaN(v[i]) || v[i] < limit) {
        v[i] = Double.NaN;
      }
    }
    return s.toBuilder().name(name).pathExpression(name).values(v).integral(s.integral()).build();
  }

  /**
   * graphite-web's {@code removeAbovePercentile} / {@code removeBelowPercentile}: the percentile comes from
   * {@code nPercentile}, which also tags the series {@code nPercentile} (it shares the tags dict with its copy); a
   * series without values, or whose percentile rank falls outside its values, is renamed and left as it is.
   */
  private static List<Series> removePercentile(Invocation c, String function, boolean above) {
    double n = c.number(1);
    if (n == 0) {
      throw c.error("The requested percent is required to be greater than 0");
    }
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      String name = function + "(" + s.name() + ", " + Names.g(n) + ")";
      Series renamed = s.toBuilder().name(name).pathExpression(name).build();
      double[] sorted = AggFuncs.nonNull(s.values());
      Arrays.sort(sorted);
      double percentile = sorted.length == 0 ? Double.NaN : AggFuncs.percentile(sorted, n, false);
      long pointCount = (long) ((double) (s.end() - s.start()) / s.step());
      if (Double.isNaN(percentile)) { // graphite-web's lookup fails and it keeps the series
        out.add(renamed);
        continue;
      }
      Series tagged = renamed.withTag("nPercentile", Values.str(c.value(1)));
      out.add(pointCount <= 0 ? tagged : remove(tagged, name, percentile, above));
    }
    return out;
  }

}
