package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.util.List;

/**
 * graphite-web's {@code format=rickshaw}: {@code [{"target": name, "datapoints": [{"x": seconds, "y": value}]}]}, None
 * as {@code null}, infinities as Python's json module writes them ({@code Infinity}).
 */
public final class RickshawFormat {
  private RickshawFormat() {}

  /** The rickshaw body. */
  public static String write(List<Series> series) {
    StringBuilder out = new StringBuilder(4096).append('[');
    for (int k = 0; k < series.size(); k++) {
      Series s = series.get(k);
      if (k > 0) {
        out.append(", ");
      }
      out.append("{\"target\": ");
      JsonFormat.string(out, s.name());
      out.append(", \"datapoints\": [");
      double[] values = s.iterated();
      long count = s.end() <= s.start() ? 0 : Math.min(values.length, (s.end() - s.start() + s.step() - 1) / s.step());
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append("{\"x\": ").append(s.start() + i * s.step()).append(", \"y\": ");
        double v = values[i];
        if (Double.isNaN(v)) {
          out.append("null");
        } else {
          PythonFloats.append(out, v, s.integral());
        }
        out.append('}');
      }
      out.append("]}");
    }
    return out.append(']').toString();
  }
}
