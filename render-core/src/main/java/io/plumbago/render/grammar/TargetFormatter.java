package io.plumbago.render.grammar;

import io.plumbago.render.Target;
import java.util.List;

/** Writes a {@link Target} in graphite syntax, in the shortest form the parser reads back. Internal to render-core. */
public final class TargetFormatter {
  private TargetFormatter() {}

  /** {@code target} as graphite syntax. */
  public static String format(Target target) {
    StringBuilder out = new StringBuilder();
    write(target, out);
    return out.toString();
  }

  private static void write(Target target, StringBuilder out) {
    if (target instanceof Target.Path) {
      writePath(((Target.Path) target).text(), out);
    } else if (target instanceof Target.Call) {
      Target.Call call = (Target.Call) target;
      out.append(call.function());
      writeArguments(call.args(), call.kwargs(), out.append('('));
      out.append(')');
    } else if (target instanceof Target.Template) {
      Target.Template template = (Target.Template) target;
      write(template.inner(), out.append("template("));
      if (!template.args().isEmpty() || !template.kwargs().isEmpty()) {
        writeArguments(template.args(), template.kwargs(), out.append(','));
      }
      out.append(')');
    } else if (target instanceof Target.StringLiteral) {
      String value = ((Target.StringLiteral) target).value();
      char quote = Syntax.isQuotable(value, '"') ? '"' : '\'';
      out.append(quote).append(value).append(quote);
    } else if (target instanceof Target.IntLiteral) {
      out.append(((Target.IntLiteral) target).value());
    } else if (target instanceof Target.FloatLiteral) {
      double value = ((Target.FloatLiteral) target).value();
      // Double.toString spells 1.0E10 and 1.0E-5, which the grammar reads as scientific; infinity needs an overflow.
      out.append(Double.isInfinite(value) ? (value > 0 ? "1e999" : "-1e999") : Double.toString(value));
    } else if (target instanceof Target.BooleanLiteral) {
      out.append(((Target.BooleanLiteral) target).value());
    } else if (target instanceof Target.NoneLiteral) {
      out.append("None");
    } else {
      out.append("inf");
    }
  }

  private static void writeArguments(List<Target> args, List<Target.Keyword> kwargs, StringBuilder out) {
    String separator = "";
    for (Target arg : args) {
      write(arg, out.append(separator));
      separator = ",";
    }
    for (Target.Keyword kwarg : kwargs) {
      write(kwarg.value(), out.append(separator).append(kwarg.name()).append('='));
      separator = ",";
    }
  }

  /**
   * Escapes what must be escaped: symbols outside a well-formed {@code {a,b}} group; a dot that cannot separate two
   * path elements (first, last, or before another dot) or that would make a number of {@code 1.5}; and an {@code =}
   * that would make a keyword argument of {@code name=rest}.
   */
  private static void writePath(String text, StringBuilder out) {
    int n = text.length();
    int numberDot = numberDot(text);
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '=' && i > 0 && Syntax.isIdentifier(text.substring(0, i))) {
        out.append("\\=");
        i++;
        continue;
      }
      if (i == numberDot) {
        out.append("\\.");
        i++;
        continue;
      }
      int close = c == '{' ? braceGroupEnd(text, i) : -1;
      if (close > 0) {
        out.append('{');
        for (int j = i + 1; j < close; j++) {
          char inner = text.charAt(j);
          if (inner == ',') {
            out.append(',');
          } else {
            writePathChar(inner, out);
          }
        }
        out.append('}');
        i = close + 1;
        continue;
      }
      if (c == '.' && i > 0 && i + 1 < n && text.charAt(i + 1) != '.') {
        out.append('.');
      } else {
        writePathChar(c, out);
      }
      i++;
    }
  }

  private static void writePathChar(char c, StringBuilder out) {
    if (Syntax.isMetricChar(c)) {
      out.append(c);
    } else {
      out.append('\\').append(c);
    }
  }

  /** The index of the dot of a text starting {@code -?\\d+\\.\\d}, which would read as a number, or -1. */
  private static int numberDot(String text) {
    int i = text.startsWith("-") ? 1 : 0;
    int digits = i;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    boolean number = i > digits && i + 1 < text.length() && text.charAt(i) == '.'
        && text.charAt(i + 1) >= '0' && text.charAt(i + 1) <= '9';
    return number ? i : -1;
  }

  /** The index of the '}' closing a group of non-empty alternatives opened at {@code open}, or -1. */
  private static int braceGroupEnd(String text, int open) {
    int run = 0;
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '}' || c == ',') {
        if (run == 0) {
          return -1;
        }
        if (c == '}') {
          return i;
        }
        run = 0;
      } else if (c == '{' || c == '.') {
        return -1;
      } else {
        run++;
      }
    }
    return -1;
  }
}
