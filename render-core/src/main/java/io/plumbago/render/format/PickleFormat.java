package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * graphite-web's {@code format=pickle}: a pickled list of dicts ({@code name, start, end, step, values,
 * pathExpression, valuesPerPoint, consolidationFunc, xFilesFactor}), as graphite-web's remote finder reads it.
 */
public final class PickleFormat {
  private PickleFormat() {}

  /** The pickle body. */
  public static byte[] write(List<Series> series) {
    List<Object> infos = new ArrayList<>(series.size());
    for (Series s : series) {
      Map<String, Object> info = new LinkedHashMap<>();
      info.put("name", s.name());
      info.put("start", s.start());
      info.put("end", s.end());
      info.put("step", s.step());
      double[] values = s.iterated();
      List<Object> list = new ArrayList<>(values.length);
      for (double v : values) {
        if (Double.isNaN(v)) {
          list.add(null);
        } else if (PythonFloats.isInt(v, s.integral())) {
          list.add((long) v);
        } else {
          list.add(v);
        }
      }
      info.put("values", list);
      info.put("pathExpression", s.pathExpression());
      info.put("valuesPerPoint", (long) s.valuesPerPoint());
      info.put("consolidationFunc", s.consolidationFunc());
      info.put("xFilesFactor", s.xFilesFactor());
      infos.add(info);
    }
    return Pickler.dumps(infos);
  }
}
