package io.plumbago.render.functions;

import io.plumbago.render.Target;
import io.plumbago.render.TargetParser;
import io.plumbago.render.TargetSyntaxException;
import io.plumbago.render.eval.Series;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** How graphite-web builds series names: joined path expressions, nodes of a name, Python's {@code %g}. */
public final class Names {
  private Names() {}

  /** graphite-web's {@code formatPathExpressions}: the distinct path expressions in order, comma-joined. */
  public static String pathExpressions(List<Series> series) {
    Set<String> seen = new LinkedHashSet<>();
    for (Series s : series) {
      seen.add(s.pathExpression());
    }
    return String.join(",", seen);
  }

  /**
   * graphite-web's {@code getNodeOrTag}: node {@code n} (an integer, negative counts from the end) of the name (or of
   * {@code pathExpression} when given) before any {@code ;tags}, or else the tag named {@code n}, or "".
   */
  public static String nodeOrTag(Series series, Object n, String pathExpression) {
    if (n instanceof Long || n instanceof Double d && d == Math.rint(d)) {
      long index = ((Number) n).longValue();
      String text = pathExpression != null ? pathExpression : series.name();
      int semi = text.indexOf(';');
      String[] nodes = (semi < 0 ? text : text.substring(0, semi)).split("\\.", -1);
      long i = index < 0 ? nodes.length + index : index;
      if (i >= 0 && i < nodes.length) {
        return nodes[(int) i];
      }
    }
    return series.tags().getOrDefault(Values.str(n), "");
  }

  /** graphite-web's {@code aggKey}: the chosen nodes or tags joined by dots, from the first path in a function name. */
  public static String aggKey(Series series, List<Object> nodes) {
    String path = null;
    if (series.name().endsWith(")")) {
      path = firstPathExpression(series.name());
    }
    List<String> parts = new ArrayList<>(nodes.size());
    for (Object n : nodes) {
      parts.add(nodeOrTag(series, n, path));
    }
    return String.join(".", parts);
  }

  /** graphite-web's {@code _getFirstPathExpression}: the first path found down the first arguments of calls. */
  public static String firstPathExpression(String name) {
    Target t;
    try {
      t = TargetParser.parse(name);
    } catch (TargetSyntaxException e) {
      return null;
    }
    while (true) {
      if (t instanceof Target.Path p) {
        return p.text();
      }
      if (t instanceof Target.Call c && !c.args().isEmpty()) {
        t = c.args().get(0);
      } else {
        return null;
      }
    }
  }

  /** Python's {@code "%g" % value}. */
  public static String g(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0" : "0";
    }
    BigDecimal rounded = new BigDecimal(value).round(new java.math.MathContext(6));
    int exponent = rounded.precision() - rounded.scale() - 1;
    if (exponent < -4 || exponent >= 6) {
      String mantissa = stripZeros(rounded.movePointLeft(exponent).toPlainString());
      return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
    }
    return stripZeros(rounded.toPlainString());
  }

  private static String stripZeros(String s) {
    if (s.indexOf('.') < 0) {
      return s;
    }
    int end = s.length();
    while (s.charAt(end - 1) == '0') {
      end--;
    }
    if (s.charAt(end - 1) == '.') {
      end--;
    }
    return s.substring(0, end);
  }
}
