package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.NODE_OR_TAG;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;
import static io.plumbago.render.functions.ParamType.STRING;

import io.plumbago.render.eval.Series;
import io.plumbago.render.format.PythonFloats;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * graphite-web's Alias functions: series renamed. Each keeps the series' path expression and tags, as graphite-web's
 * {@code series.name = ...} does.
 */
final class Aliases {
  private static final PythonRegex AFTER_COMMA = PythonRegex.compile(",.*$");
  private static final String[][] SI = {{"P", "1e15"}, {"T", "1e12"}, {"G", "1e9"}, {"M", "1e6"}, {"k", "1e3"}};
  private static final String[][] BINARY = {{"Pi", "1125899906842624"}, {"Ti", "1099511627776"},
      {"Gi", "1073741824"}, {"Mi", "1048576"}, {"Ki", "1024"}};

  private Aliases() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("alias", "Alias", "Names every series with the given string.", c -> {
      String name = c.string(1);
      List<Series> out = new ArrayList<>();
      for (Series s : c.seriesList(0)) {
        out.add(s.withName(name));
      }
      return out;
    }, Param.required("seriesList", SERIES_LIST), Param.required("newName", STRING));
    r.add("aliasByNode", "Alias", "Names each series by the given nodes of its path (0-based, negative from the "
        + "end) or by tag values, joined with dots.", Aliases::byNode,
        Param.required("seriesList", SERIES_LIST), Param.multiple("nodes", NODE_OR_TAG, true));
    r.add("aliasByTags", "Alias", "Names each series by the given tag values or path nodes, joined with dots "
        + "(the same as aliasByNode).", Aliases::byNode,
        Param.required("seriesList", SERIES_LIST), Param.multiple("tags", NODE_OR_TAG, true));
    r.add("aliasByMetric", "Alias", "Names each series by the last node of its metric path.", c -> {
      List<Series> out = new ArrayList<>();
      for (Series s : c.seriesList(0)) {
        out.add(s.withName(lastNode(s.name())));
      }
      return out;
    }, Param.required("seriesList", SERIES_LIST));
    r.add("aliasSub", "Alias", "Renames each series by a regular expression search and replace (Python syntax, "
        + "\\1 for a group).", c -> {
          PythonRegex regex = PythonRegex.compile(c.string(1));
          String replace = c.string(2);
          List<Series> out = new ArrayList<>();
          for (Series s : c.seriesList(0)) {
            out.add(s.withName(regex.sub(replace, s.name())));
          }
          return out;
        }, Param.required("seriesList", SERIES_LIST), Param.required("search", STRING),
        Param.required("replace", STRING));
    List<Object> legendOptions = new ArrayList<>();
    for (String f : AggFuncs.NAMES) {
      legendOptions.add(f);
    }
    for (String f : AggFuncs.NAMES) {
      legendOptions.add(f + "Series");
    }
    legendOptions.add("si");
    legendOptions.add("binary");
    r.add("legendValue", "Alias", "Appends aggregates of each series (last, avg, total, min, max...) to its name; a "
        + "last argument 'si' or 'binary' formats them with unit prefixes in columns.", Aliases::legendValue,
        Param.required("seriesList", SERIES_LIST),
        Param.multiple("valuesTypes", STRING, false).options(legendOptions.toArray()));
  }

  private static List<Series> byNode(Invocation c) {
    List<Object> nodes = c.rest(1);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      out.add(s.withName(Names.aggKey(s, nodes)));
    }
    return out;
  }

  /**
   * graphite-web's {@code substr(name, -1)}: the text between the last '(' and the first ')', its last dot-separated
   * node, cut at the first comma.
   */
  static String lastNode(String name) {
    int left = name.lastIndexOf('(') + 1;
    int right = name.indexOf(')');
    if (right < 0) {
      right = name.length();
    }
    String clean = right > left ? name.substring(left, right) : "";
    String last = clean.substring(clean.lastIndexOf('.') + 1);
    return AFTER_COMMA.sub("", last);
  }

  private static List<Series> legendValue(Invocation c) {
    List<Series> series = new ArrayList<>(c.seriesList(0));
    List<Object> types = c.rest(1);
    if (types.isEmpty()) {
      throw c.error("legendValue needs at least one value type");
    }
    String system = null;
    Object lastType = types.get(types.size() - 1);
    if ("si".equals(lastType) || "binary".equals(lastType)) {
      system = (String) lastType;
      types = types.subList(0, types.size() - 1);
    }
    for (Object type : types) {
      String valueType = Values.str(type);
      for (int i = 0; i < series.size(); i++) {
        Series s = series.get(i);
        String value = aggregateText(s, valueType);
        String name;
        if (system == null) {
          name = s.name() + " (" + valueType + ": " + value + ")";
        } else {
          String formatted = value;
          if (!value.equals("(?)") && !value.equals("None")) {
            double v = aggregate(s, valueType);
            Object[] units = formatUnits(v, system);
            formatted = fixed2((Double) units[0]) + units[1];
          }
          name = padRight(s.name(), 20) + padRight(valueType, 5) + padRight(formatted, 10);
        }
        series.set(i, s.withName(name));
      }
    }
    return series;
  }

  private static double aggregate(Series s, String func) {
    return AggFuncs.get(func, func).apply(s.values());
  }

  /** Python's {@code str()} of graphite-web's aggregate, "(?)" for an unknown function, "None" for no value. */
  private static String aggregateText(Series s, String func) {
    if (!List.of(AggFuncs.NAMES).contains(func)) {
      return "(?)";
    }
    double v = aggregate(s, func);
    if (Double.isNaN(v)) {
      return "None";
    }
    boolean integer = func.equals("count") || s.integral() && switch (func) {
      case "sum", "total", "min", "max", "last", "current", "diff" -> true;
      case "median" -> ((int) AggFuncs.count(s.values())) % 2 == 1;
      default -> false;
    };
    if (integer) {
      return new BigDecimal(v).toBigInteger().toString();
    }
    return pyStr(v);
  }

  /** Python's {@code str(float)}. */
  static String pyStr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    return PythonFloats.repr(v);
  }

  /** graphite-web's {@code format_units(v, system=...)}: the value scaled to the largest prefix it reaches. */
  static Object[] formatUnits(double v, String system) {
    for (String[] unit : system.equals("binary") ? BINARY : SI) {
      double size = Double.parseDouble(unit[1]);
      if (Math.abs(v) >= size) {
        double v2 = v / size;
        if (v2 - Math.floor(v2) < 0.00000000001 && v > 1) {
          v2 = Math.floor(v2);
        }
        return new Object[] {v2, unit[0]};
      }
    }
    if (v - Math.floor(v) < 0.00000000001 && v > 1) {
      v = Math.floor(v);
    }
    return new Object[] {v, ""};
  }

  /** Python's {@code "%.2f" % v}: the exact binary value rounded half to even. */
  static String fixed2(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    String text = new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    boolean negative = v < 0 || v == 0 && 1 / v < 0;
    return negative && !text.startsWith("-") ? "-" + text : text;
  }

  /** Python's {@code "%-Ns" % text}, counting code points. */
  private static String padRight(String text, int width) {
    int length = text.codePointCount(0, text.length());
    return length >= width ? text : text + " ".repeat(width - length);
  }
}
