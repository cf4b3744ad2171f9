package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.List;

/** graphite-web's Special functions here: change detection, the consolidation function, and a constant line. */
final class Special {
  private Special() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("changed", "Special", "1 where a value differs from the last value before it, else 0 (also for nulls).",
        Special::changed, Param.required("seriesList", SERIES_LIST));
    r.add("consolidateBy", "Special", "Sets how points are merged when a series has more points than can be shown "
        + "(maxDataPoints): sum, average, min, max, first or last.",
        c -> consolidateBy(c.seriesList(0), c.string(1)),
        Param.required("seriesList", SERIES_LIST), Param.required("consolidationFunc", STRING)
            .options("sum", "average", "avg", "avg_zero", "min", "max", "first", "last"));
    r.add("cumulative", "Special", "consolidateBy(seriesList, 'sum'): merged points add up.",
        c -> consolidateBy(c.seriesList(0), "sum"), Param.required("seriesList", SERIES_LIST));
    r.add("constantLine", "Special", "A horizontal line at the given value across the request's window.",
        Special::constantLine, Param.required("value", FLOAT));
  }

  private static List<Series> changed(Invocation c) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] in = s.values();
      double[] v = new double[in.length];
      double previous = Double.NaN;
      for (int i = 0; i < in.length; i++) {
        if (Double.isNaN(previous)) {
          previous = in[i];
          v[i] = 0;
        } else if (!Double.isNaN(in[i]) && previous != in[i]) {
          previous = in[i];
          v[i] = 1;
        } else {
          v[i] = 0;
        }
      }
      String name = "changed(" + s.name() + ")";
      out.add(s.toBuilder().name(name).pathExpression(name).values(v).integral(true).build());
    }
    return out;
  }

  /** An unknown function is kept (graphite-web only logs it) and fails when points are merged. */
  private static List<Series> consolidateBy(List<Series> series, String function) {
    List<Series> out = new ArrayList<>();
    for (Series s : series) {
      String name = "consolidateBy(" + s.name() + ",\"" + function + "\")";
      out.add(s.toBuilder().consolidationFunc(function).name(name).pathExpression(name)
          .tag("consolidateBy", function).build());
    }
    return out;
  }

  private static List<Series> constantLine(Invocation c) {
    Object value = c.value(0);
    double v = c.number(0);
    RequestContext ctx = c.context();
    long start = ctx.startSeconds();
    long end = ctx.endSeconds();
    long step = (long) ((end - start) / 2.0);
    if (step <= 0) {
      throw c.error("constantLine needs a window of at least 2 seconds");
    }
    String name = Values.str(value);
    return List.of(Series.builder(name, start, end, step, new double[] {v, v, v})
        .pathExpression("constantLine(" + name + ")").xFilesFactor(ctx.xFilesFactor())
        .integral(value instanceof Long).build());
  }
}
