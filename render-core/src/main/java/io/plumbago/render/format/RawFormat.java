package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.util.List;

/** graphite-web's {@code format=raw}: a {@code name,start,end,step|v1,v2,...} line per series, None as {@code None}. */
public final class RawFormat {
  private RawFormat() {}

  /** The raw body. */
  public static String write(List<Series> series) {
    StringBuilder out = new StringBuilder(4096);
    for (Series s : series) {
      out.append(s.name()).append(',').append(s.start()).append(',').append(s.end()).append(',').append(s.step())
          .append('|');
      double[] values = s.iterated();
      for (int i = 0; i < values.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        double v = values[i];
        out.append(Double.isNaN(v) ? "None" : repr(v, s.integral()));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** Python's {@code repr} of a value: an int for counts, else the float repr with {@code inf}/{@code -inf}. */
  static String repr(double v, boolean integral) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (PythonFloats.isInt(v, integral)) {
      return Long.toString((long) v);
    }
    return PythonFloats.repr(v);
  }
}
