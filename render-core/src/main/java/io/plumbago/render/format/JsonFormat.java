package io.plumbago.render.format;

import io.plumbago.render.TimeSeries;
import java.util.List;

/**
 * graphite-web 1.1's {@code format=json}: a list of {@code {"target", "tags", "datapoints": [[value, timestamp]]}}
 * with None as {@code null}, optionally wrapped in a JSONP callback. Internal to render-core.
 */
public final class JsonFormat {
  private JsonFormat() {}

  /** The JSON body for {@code series}. */
  public static String write(List<TimeSeries> series) {
    return write(series, s -> false);
  }

  /**
   * The JSON body for {@code series}, writing the values of those {@code integral} accepts as Python ints ({@code 1},
   * not {@code 1.0}), as graphite-web does for counts such as {@code events()}.
   */
  public static String write(List<TimeSeries> series, java.util.function.Predicate<TimeSeries> integral) {
    StringBuilder out = new StringBuilder(256);
    out.append('[');
    for (int s = 0; s < series.size(); s++) {
      TimeSeries t = series.get(s);
      boolean ints = integral.test(t);
      if (s > 0) {
        out.append(", ");
      }
      out.append("{\"target\": ");
      string(out, t.name());
      out.append(", \"tags\": {\"name\": ");
      string(out, t.name());
      out.append("}, \"datapoints\": [");
      for (int i = 0; i < t.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        out.append('[');
        double v = t.valueAt(i);
        out.append(Double.isNaN(v) ? "null" : ints ? Long.toString((long) v) : PythonFloats.repr(v));
        out.append(", ").append(t.timestampAt(i)).append(']');
      }
      out.append("]}");
    }
    return out.append(']').toString();
  }

  /** A JSON string literal as Python's json module writes it (non-ASCII escaped). */
  public static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
