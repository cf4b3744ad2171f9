package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.util.List;
import java.util.Map;

/**
 * graphite-web 1.1's {@code format=json}: a list of {@code {"target", "tags", "datapoints": [[value, timestamp]]}}
 * with None as {@code null}. Internal to render-core.
 */
public final class JsonFormat {
  private JsonFormat() {}

  /**
   * graphite-web's {@code renderViewJson} body: {@code maxDataPoints} (0 for none) consolidates each series as
   * graphite-web does (including its start nudge), {@code noNullPoints} drops None points and series left empty.
   */
  public static String write(List<Series> series, int maxDataPoints, boolean noNullPoints) {
    StringBuilder out = new StringBuilder(256);
    out.append('[');
    boolean any = false;
    for (Series s : series) {
      any |= s.length() > 0;
    }
    if (!any) {
      return "[]";
    }
    long startTime = Long.MAX_VALUE;
    long endTime = Long.MIN_VALUE;
    for (Series s : series) {
      startTime = Math.min(startTime, s.start());
      endTime = Math.max(endTime, s.end());
    }
    long timeRange = endTime - startTime;
    boolean first = true;
    for (Series t : series) {
      Series s = maxDataPoints > 0 ? MaxDataPoints.consolidate(t, maxDataPoints, timeRange) : t;
      double[] values = s.iterated();
      long stride = s.step() * s.valuesPerPoint();
      long count = Math.min(values.length, s.end() < s.start() ? 0 : (s.end() - s.start()) / stride + 1);
      if (noNullPoints) {
        boolean has = false;
        for (int i = 0; i < count && !has; i++) {
          has = !Double.isNaN(values[i]);
        }
        if (!has) {
          continue;
        }
      }
      if (!first) {
        out.append(", ");
      }
      first = false;
      out.append("{\"target\": ");
      string(out, s.name());
      out.append(", \"tags\": {");
      boolean firstTag = true;
      for (Map.Entry<String, String> tag : s.tags().entrySet()) {
        if (!firstTag) {
          out.append(", ");
        }
        firstTag = false;
        string(out, tag.getKey());
        out.append(": ");
        string(out, tag.getValue());
      }
      out.append("}, \"datapoints\": [");
      boolean firstPoint = true;
      for (int i = 0; i < count; i++) {
        double v = values[i];
        if (noNullPoints && Double.isNaN(v)) {
          continue;
        }
        if (!firstPoint) {
          out.append(", ");
        }
        firstPoint = false;
        out.append('[');
        value(out, v, s.integral());
        out.append(", ").append(s.start() + i * stride).append(']');
      }
      out.append("]}");
    }
    return out.append(']').toString();
  }

  /** One value as graphite-web's JSON has it: null, an int for counts, Python's float repr, ±1e9999 for infinity. */
  static void value(StringBuilder out, double v, boolean integral) {
    if (Double.isNaN(v)) {
      out.append("null");
    } else if (Double.isInfinite(v)) {
      out.append(v > 0 ? "1e9999" : "-1e9999");
    } else {
      PythonFloats.append(out, v, integral);
    }
  }

  /** A JSON string literal as Python's json module writes it (non-ASCII escaped). */
  public static void string(StringBuilder out, String s) {
    string(out, s, true);
  }

  /** A JSON string literal as Python's json module writes it, with {@code ensure_ascii} or without. */
  public static void string(StringBuilder out, String s, boolean ensureAscii) {
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
          if (c < 0x20 || ensureAscii && c > 0x7e) {
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
