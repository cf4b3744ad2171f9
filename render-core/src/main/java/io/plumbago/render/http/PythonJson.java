package io.plumbago.render.http;

import io.plumbago.render.format.JsonFormat;
import io.plumbago.render.format.PythonFloats;
import java.util.List;
import java.util.Map;

/**
 * Python's {@code json.dumps} for the trees the metrics API answers (maps in insertion order, lists, strings,
 * booleans, integers, floats): {@code ", "} and {@code ": "} between items, or {@code indent=2}.
 */
final class PythonJson {
  private PythonJson() {}

  /** {@code data} as {@code json.dumps(data, ensure_ascii=ensureAscii, indent=2 if pretty else None)} writes it. */
  static String dumps(Object data, boolean ensureAscii, boolean pretty) {
    StringBuilder out = new StringBuilder();
    write(out, data, ensureAscii, pretty ? 0 : -1);
    return out.toString();
  }

  private static void write(StringBuilder out, Object value, boolean ensureAscii, int level) {
    if (value instanceof String s) {
      string(out, s, ensureAscii);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Double d) {
      out.append(PythonFloats.repr(d));
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      if (map.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        separate(out, first, level);
        first = false;
        string(out, (String) e.getKey(), ensureAscii);
        out.append(": ");
        write(out, e.getValue(), ensureAscii, level < 0 ? level : level + 1);
      }
      close(out, level, '}');
    } else if (value instanceof List<?> list) {
      if (list.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append('[');
      boolean first = true;
      for (Object item : list) {
        separate(out, first, level);
        first = false;
        write(out, item, ensureAscii, level < 0 ? level : level + 1);
      }
      close(out, level, ']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value);
    }
  }

  private static void separate(StringBuilder out, boolean first, int level) {
    if (level < 0) {
      out.append(first ? "" : ", ");
    } else {
      out.append(first ? "\n" : ",\n").append("  ".repeat(level + 1));
    }
  }

  private static void close(StringBuilder out, int level, char bracket) {
    if (level >= 0) {
      out.append('\n').append("  ".repeat(level));
    }
    out.append(bracket);
  }

  private static void string(StringBuilder out, String s, boolean ensureAscii) {
    JsonFormat.string(out, s, ensureAscii);
  }

}
