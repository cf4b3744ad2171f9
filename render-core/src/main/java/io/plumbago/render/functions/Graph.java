package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.INTEGER;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.List;

/**
 * graphite-web's Graph functions: drawing options for the PNG renderer. Plumbago draws no images, so they keep the
 * data and set only what graphite-web's data formats show (a name, a tag) so dashboards that use them still work.
 */
final class Graph {
  private Graph() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("stacked", "Graph", "Stacks the series on each other and on those stacked before in the same request under "
        + "the same stack name: each value is the running total.", Graph::stacked,
        Param.required("seriesList", SERIES_LIST), Param.optional("stack", STRING, null));
    r.add("drawAsInfinite", "Graph", "Draws a vertical line up to the top where a value is above zero.",
        c -> marked(c.seriesList(0), "drawAsInfinite", "1", "drawAsInfinite(%s)"),
        Param.required("seriesList", SERIES_LIST));
    r.add("secondYAxis", "Graph", "Draws the series against the right-hand Y axis.",
        c -> marked(c.seriesList(0), "secondYAxis", "1", "secondYAxis(%s)"),
        Param.required("seriesList", SERIES_LIST));
    r.add("dashed", "Graph", "Draws the series as a dashed line (segments 5 long unless given).",
        c -> marked(c.seriesList(0), "dashed", Values.str(c.has(1) ? c.value(1) : (Object) 5L),
            "dashed(%s, " + Names.g(c.number(1, 5)) + ")"),
        Param.required("seriesList", SERIES_LIST), Param.optional("dashLength", INTEGER, 5L));
    r.add("color", "Graph", "Draws the series in the given color.", c -> c.seriesList(0),
        Param.required("seriesList", SERIES_LIST), Param.required("theColor", STRING));
    r.add("alpha", "Graph", "Draws the series with the given opacity, 0 to 1.", c -> c.seriesList(0),
        Param.required("seriesList", SERIES_LIST), Param.required("alpha", FLOAT));
    r.add("lineWidth", "Graph", "Draws the series with the given line width.", c -> c.seriesList(0),
        Param.required("seriesList", SERIES_LIST), Param.required("width", FLOAT));
  }

  /** Each series renamed (its path expression kept, as graphite-web changes only the name) with one tag set. */
  private static List<Series> marked(List<Series> series, String tag, String tagValue, String nameFormat) {
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      out.add(s.withName(nameFormat.replace("%s", s.name())).withTag(tag, tagValue));
    }
    return out;
  }

  /**
   * graphite-web's {@code stacked}: adds each series' values into the request's running total of that stack (None
   * leaves the total and gives None) and answers the totals; the default stack also renames and tags.
   */
  private static List<Series> stacked(Invocation c) {
    String stack = c.string(1, "__DEFAULT__");
    java.util.Map<String, double[]> stacks = c.context().stacks();
    double[] total = stacks.getOrDefault(stack, new double[0]);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      if (total.length < s.length()) {
        total = java.util.Arrays.copyOf(total, s.length());
      }
      double[] values = new double[s.length()];
      for (int i = 0; i < values.length; i++) {
        double v = s.get(i);
        if (Double.isNaN(v)) {
          values[i] = Double.NaN;
        } else {
          total[i] += v;
          values[i] = total[i];
        }
      }
      Series base = stack.equals("__DEFAULT__") ? s.withTag("stacked", stack) : s;
      String name = stack.equals("__DEFAULT__") ? "stacked(" + s.name() + ")" : s.name();
      out.add(base.toBuilder().name(name).pathExpression(name).values(values).build());
    }
    stacks.put(stack, total);
    return out;
  }
}
