package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.NODE_OR_TAG;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.List;

/** graphite-web's Alias functions: series renamed. */
final class Aliases {
  private Aliases() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("alias", "Alias", "Names every series with the given string.", c -> {
      String name = c.string(1);
      List<Series> out = new ArrayList<>();
      for (Series s : c.seriesList(0)) {
        out.add(s.withName(name));
      }
      return out;
    }, Param.required("seriesList", SERIES_LIST), Param.required("newName", STRING));
    r.add("aliasByNode", "Alias", "Names each series by the given nodes of its path (0-based, negative from the "
        + "end) or by tag values, joined with dots.", c -> {
          List<Object> nodes = c.rest(1);
          List<Series> out = new ArrayList<>();
          for (Series s : c.seriesList(0)) {
            out.add(s.withName(Names.aggKey(s, nodes)));
          }
          return out;
        }, Param.required("seriesList", SERIES_LIST), Param.multiple("nodes", NODE_OR_TAG, true));
  }
}
