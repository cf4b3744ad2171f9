package io.plumbago.render.functions;

import io.plumbago.render.format.PythonFloats;
import java.util.List;

/** How argument values print in messages, series names and {@code /functions}, as Python would print them. */
public final class Values {
  private Values() {}

  /** Python's {@code str()} of an argument value, as graphite-web puts numbers into series names. */
  public static String str(Object v) {
    if (v == null) {
      return "None";
    }
    if (v instanceof Double d) {
      return PythonFloats.repr(d);
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    return v.toString();
  }

  /** Python's {@code repr()} of an argument value (strings single-quoted). */
  public static String repr(Object v) {
    if (v instanceof String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
    return str(v);
  }

  static String describe(Object v) {
    if (v instanceof List<?> l) {
      return "a series list of " + l.size();
    }
    return repr(v);
  }
}
