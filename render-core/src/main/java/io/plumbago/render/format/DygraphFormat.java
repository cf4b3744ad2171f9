package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.util.List;

/**
 * graphite-web's {@code format=dygraph}: {@code {"labels" : ["Time", names...], "data" : [[ms, v1, v2...], ...]}},
 * one row per step of the first series (timestamps in milliseconds), None as {@code null}, infinities as
 * {@code Infinity}; {@code {}} without series.
 */
public final class DygraphFormat {
  private DygraphFormat() {}

  /** The dygraph body; a series longer or shorter than the first is a 400 (graphite-web fails on it). */
  public static String write(List<Series> series) {
    if (series.isEmpty()) {
      return "{}";
    }
    Series first = series.get(0);
    long rows = first.end() <= first.start() ? 0 : (first.end() - first.start() + first.step() - 1) / first.step();
    StringBuilder out = new StringBuilder(4096).append("{\"labels\" : [\"Time\"");
    double[][] values = new double[series.size()][];
    for (int k = 0; k < values.length; k++) {
      Series s = series.get(k);
      values[k] = s.iterated();
      if (values[k].length != rows) {
        throw new io.plumbago.render.RenderException(400, "dygraph needs series of one length; " + s.name()
            + " has " + values[k].length + " points, not " + rows);
      }
      out.append(", ");
      JsonFormat.string(out, s.name());
    }
    out.append("], \"data\" : [");
    for (int i = 0; i < rows; i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('[').append(first.start() + i * first.step()).append("000");
      for (int k = 0; k < values.length; k++) {
        out.append(", ");
        double x = values[k][i];
        if (Double.isNaN(x)) {
          out.append("null");
        } else {
          PythonFloats.append(out, x, series.get(k).integral());
        }
      }
      out.append(']');
    }
    return out.append("]}").toString();
  }
}
