package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.List;

/** graphite-web's Transform functions: each series changed point by point or over time on its own. */
final class Transform {
  private Transform() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("scale", "Transform", "Multiplies every value by a constant.", c -> {
      double factor = c.number(1);
      List<Series> out = new ArrayList<>();
      for (Series s : c.seriesList(0)) {
        double[] v = s.values().clone();
        for (int i = 0; i < v.length; i++) {
          v[i] = v[i] * factor;
        }
        String name = "scale(" + s.name() + "," + Names.g(factor) + ")";
        out.add(s.toBuilder().name(name).pathExpression(name).values(v).build().withTag("scale",
            Values.str(c.value(1))));
      }
      return out;
    }, Param.required("seriesList", SERIES_LIST), Param.required("factor", FLOAT));
  }
}
