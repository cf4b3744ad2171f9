package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.AGG_OR_SERIES_FUNC;
import static io.plumbago.render.functions.ParamType.NODE;
import static io.plumbago.render.functions.ParamType.NODE_OR_TAG;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.SERIES_LISTS;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.Target;
import io.plumbago.render.TargetParser;
import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * graphite-web's Combine functions that split a list into groups by nodes and combine each group: groupByNode(s),
 * mapSeries and reduceSeries, applyByNode.
 */
final class Grouping {
  /** The callbacks graphite-web's /functions offers: the aggregations and the functions marked as aggregators. */
  private static final Object[] CALLBACKS = {"asPercent", "average", "averageSeries", "averageSeriesWithWildcards",
      "avg", "avg_zero", "count", "countSeries", "current", "diff", "diffSeries", "diffSeriesLists", "last", "max",
      "maxSeries", "median", "min", "minSeries", "multiply", "multiplySeries", "multiplySeriesLists",
      "multiplySeriesWithWildcards", "pct", "powSeries", "range", "rangeOf", "rangeOfSeries", "stddev",
      "stddevSeries", "sum", "sumSeries", "sumSeriesLists", "sumSeriesWithWildcards", "total"};

  private Grouping() {}

  /** What mapSeries yields: series lists, only meaningful as reduceSeries' first argument. */
  record SeriesGroups(List<List<Series>> groups) {
    SeriesGroups {
      groups = List.copyOf(groups);
    }

    @Override
    public String toString() {
      return "a list of " + groups.size() + " series lists";
    }
  }

  static void register(FunctionRegistry.Builder r) {
    r.add("groupByNode", "Combine", "Groups the series by one node of their names (or a tag) and combines each group "
        + "with the callback: an aggregation like 'sum' or a function like 'sumSeries'.",
        c -> groupByNodes(c, c.string(2, "average"), List.of(c.value(1))),
        Param.required("seriesList", SERIES_LIST), Param.required("nodeNum", NODE_OR_TAG),
        Param.optional("callback", AGG_OR_SERIES_FUNC, "average").options(CALLBACKS));
    r.add("groupByNodes", "Combine", "Groups the series by several nodes of their names (or tags) and combines each "
        + "group with the callback: an aggregation like 'sum' or a function like 'sumSeries'.",
        c -> groupByNodes(c, c.string(1), c.rest(2)),
        Param.required("seriesList", SERIES_LIST), Param.required("callback", AGG_OR_SERIES_FUNC).options(CALLBACKS),
        Param.multiple("nodes", NODE_OR_TAG, false));
    for (String name : new String[] {"mapSeries", "map"}) {
      r.add(name, "Combine", "Splits the series into lists that share the given nodes or tags, for reduceSeries.",
          Grouping::mapSeries, Param.required("seriesList", SERIES_LIST),
          Param.multiple("mapNodes", NODE_OR_TAG, true));
    }
    for (String name : new String[] {"reduceSeries", "reduce"}) {
      r.add(name, "Combine", "Calls the named function on each list from mapSeries, its arguments the series whose "
          + "node reduceNode matches each of reduceMatchers in turn, and names the result <prefix>.reduce.<function>.",
          Grouping::reduceSeries, Param.required("seriesLists", SERIES_LISTS),
          Param.required("reduceFunction", STRING), Param.required("reduceNode", NODE),
          Param.multiple("reduceMatchers", STRING, true));
    }
    r.add("applyByNode", "Combine", "For each distinct name prefix up to nodeNum, evaluates the template target with "
        + "'%' replaced by the prefix; newName, if given, names the results the same way.", Grouping::applyByNode,
        Param.required("seriesList", SERIES_LIST), Param.required("nodeNum", NODE),
        Param.required("templateFunction", STRING), Param.optional("newName", STRING, null));
  }

  private static Map<String, List<Series>> byKey(List<Series> series, List<Object> nodes) {
    Map<String, List<Series>> groups = new LinkedHashMap<>();
    for (Series s : series) {
      groups.computeIfAbsent(Names.aggKey(s, nodes), k -> new ArrayList<>()).add(s);
    }
    return groups;
  }

  /**
   * graphite-web's {@code groupByNodes}: a callback that names a function is called with the group as its one
   * argument, any other is an aggregation; the first series it yields is renamed to the group's key.
   */
  private static List<Series> groupByNodes(Invocation c, String callback, List<Object> nodes) {
    List<Series> out = new ArrayList<>();
    for (Map.Entry<String, List<Series>> g : byKey(c.seriesList(0), nodes).entrySet()) {
      List<Series> result = c.hasFunction(callback) ? seriesResult(c, c.call(callback, List.of(g.getValue())),
          callback) : Combine.aggregate(c, g.getValue(), callback, null);
      if (result.isEmpty()) {
        throw c.error(callback + " gave no series for " + g.getKey());
      }
      out.add(result.get(0).withName(g.getKey()));
    }
    return out;
  }

  private static List<Series> seriesResult(Invocation c, Object result, String function) {
    if (result instanceof List<?> l) {
      List<Series> out = new ArrayList<>(l.size());
      for (Object o : l) {
        if (!(o instanceof Series s)) {
          throw c.error(function + " did not give a series list");
        }
        out.add(s);
      }
      return out;
    }
    if (result instanceof Series s) {
      return List.of(s);
    }
    throw c.error(function + " did not give a series list");
  }

  private static SeriesGroups mapSeries(Invocation c) {
    return new SeriesGroups(new ArrayList<>(byKey(c.seriesList(0), c.rest(1)).values()));
  }

  /** graphite-web's {@code reduceSeries}. */
  private static List<Series> reduceSeries(Invocation c) {
    Object first = c.value(0);
    List<List<Series>> lists;
    if (first instanceof SeriesGroups g) {
      lists = g.groups();
    } else if (first instanceof List<?> l && l.isEmpty()) {
      lists = List.of();
    } else {
      throw c.error("Invalid \"seriesLists\" value specified for function \"" + c.function()
          + "\": expected the lists of mapSeries");
    }
    String function = c.string(1);
    int reduceNode = c.integer(2);
    List<Object> matchers = c.rest(3);
    Map<String, Series[]> slots = new LinkedHashMap<>();
    for (List<Series> list : lists) {
      for (Series s : list) {
        String[] nodes = s.name().split("\\.", -1);
        int index = reduceNode < 0 ? nodes.length + reduceNode : reduceNode;
        if (index < 0 || index >= nodes.length) {
          throw c.error("reduceNode " + reduceNode + " is out of range for " + s.name());
        }
        String node = nodes[index];
        int prefixEnd = Math.max(0, Math.min(nodes.length, reduceNode < 0 ? nodes.length + reduceNode : reduceNode));
        String name = String.join(".", Arrays.asList(nodes).subList(0, prefixEnd)) + ".reduce." + function;
        int i = indexOf(matchers, node);
        if (i >= 0) {
          slots.computeIfAbsent(name, k -> new Series[matchers.size()])[i] = s;
        }
      }
    }
    List<Series> out = new ArrayList<>(slots.size());
    for (Map.Entry<String, Series[]> e : slots.entrySet()) {
      List<Object> args = new ArrayList<>();
      for (Series s : e.getValue()) {
        if (s == null) {
          throw c.error("reduceSeries found no series for every matcher under " + e.getKey());
        }
        args.add(List.of(s));
      }
      List<Series> result = seriesResult(c, c.call(function, args), function);
      if (result.isEmpty()) {
        throw c.error(function + " gave no series for " + e.getKey());
      }
      out.add(result.get(0).withName(e.getKey()));
    }
    return out;
  }

  private static int indexOf(List<Object> matchers, String node) {
    for (int i = 0; i < matchers.size(); i++) {
      if (Objects.equals(matchers.get(i), node)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * graphite-web's {@code applyByNode}: evaluates the template once per sorted distinct prefix; each result's path
   * expression becomes the prefix and its start and end those of the last input series (its values stay as they are).
   */
  private static List<Series> applyByNode(Invocation c) {
    List<Series> input = c.seriesList(0);
    int nodeNum = c.integer(1);
    String template = c.string(2);
    String newName = c.string(3, null);
    if (input.isEmpty()) {
      return List.of();
    }
    TreeSet<String> prefixes = new TreeSet<>();
    for (Series s : input) {
      String[] nodes = s.name().split("\\.", -1);
      int end = nodeNum + 1 < 0 ? nodes.length + nodeNum + 1 : nodeNum + 1;
      end = Math.max(0, Math.min(nodes.length, end));
      prefixes.add(String.join(".", Arrays.asList(nodes).subList(0, end)));
    }
    Series last = input.get(input.size() - 1);
    List<Series> out = new ArrayList<>();
    for (String prefix : prefixes) {
      Target target = TargetParser.parse(template.replace("%", prefix));
      for (Series s : c.evaluate(target, c.context())) {
        Series.Builder b = s.toBuilder().pathExpression(prefix).start(last.start()).end(last.end());
        if (newName != null && !newName.isEmpty()) {
          b.name(newName.replace("%", prefix));
        }
        out.add(b.build());
      }
    }
    return out;
  }
}
