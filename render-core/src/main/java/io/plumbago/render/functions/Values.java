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

  /** Python's {@code repr()} of an argument value. */
  public static String repr(Object v) {
    return v instanceof String s ? repr(s) : str(v);
  }

  /** Python's {@code repr()} of a string: quoted, with backslash escapes for what is not printable. */
  public static String repr(String s) {
    char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder().append(quote);
    s.codePoints().forEach(cp -> {
      if (cp == quote || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (cp == '\t') {
        out.append("\\t");
      } else if (cp < 0x20 || cp == 0x7f) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp < 0x7f || printable(cp)) {
        out.appendCodePoint(cp);
      } else if (cp <= 0xff) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp <= 0xffff) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(String.format("\\U%08x", cp));
      }
    });
    return out.append(quote).toString();
  }

  private static boolean printable(int cp) {
    int type = Character.getType(cp);
    return type != Character.CONTROL && type != Character.FORMAT && type != Character.SURROGATE
        && type != Character.PRIVATE_USE && type != Character.UNASSIGNED && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR && (type != Character.SPACE_SEPARATOR || cp == ' ');
  }

  static String describe(Object v) {
    if (v instanceof List<?> l) {
      return "a series list of " + l.size();
    }
    return repr(v);
  }
}
