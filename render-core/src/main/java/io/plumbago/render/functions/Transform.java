package io.plumbago.render.functions;

import static io.plumbago.render.functions.ParamType.FLOAT;
import static io.plumbago.render.functions.ParamType.INTEGER;
import static io.plumbago.render.functions.ParamType.INT_OR_INF;
import static io.plumbago.render.functions.ParamType.SERIES_LIST;

import io.plumbago.render.eval.Series;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * graphite-web's Transform functions that change each value on its own or fill gaps: scale, offset, powers and
 * logarithms, rounding, normalisation, and null filling. The ones that look along time are in {@link TransformTime}.
 */
final class Transform {
  private Transform() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("scale", "Transform", "Multiplies every value by a constant.",
        c -> withConstant(c, "scale", Names::g, (v, k) -> v * k),
        Param.required("seriesList", SERIES_LIST), Param.required("factor", FLOAT));
    r.add("offset", "Transform", "Adds a constant to every value.",
        c -> withConstant(c, "offset", Names::g, (v, k) -> v + k),
        Param.required("seriesList", SERIES_LIST), Param.required("factor", FLOAT));
    r.add("add", "Transform", "Adds a constant to every value; negative constants subtract.",
        c -> withConstant(c, "add", Transform::pythonD, (v, k) -> v + k),
        Param.required("seriesList", SERIES_LIST), Param.required("constant", FLOAT));
    r.add("pow", "Transform", "Raises every value to the given power.",
        c -> withConstant(c, "pow", Names::g, Transform::safePow),
        Param.required("seriesList", SERIES_LIST), Param.required("factor", FLOAT));
    r.add("squareRoot", "Transform", "The square root of every value; negative values become null.",
        c -> pointwise(c, "squareRoot(%s)", "squareRoot", "1", v -> safePow(v, 0.5)),
        Param.required("seriesList", SERIES_LIST));
    r.add("invert", "Transform", "One divided by every value; zero becomes null.",
        c -> pointwise(c, "invert(%s)", "invert", "1", v -> safePow(v, -1)),
        Param.required("seriesList", SERIES_LIST));
    r.add("absolute", "Transform", "The absolute value of every value.",
        c -> pointwise(c, "absolute(%s)", "absolute", "1", Math::abs),
        Param.required("seriesList", SERIES_LIST));
    r.add("exp", "Transform", "e raised to the power of every value.",
        c -> pointwise(c, "exp(%s)", "exp", "e", Math::exp),
        Param.required("seriesList", SERIES_LIST));
    r.add("scaleToSeconds", "Transform", "Rescales values measured per step to values per the given number of "
        + "seconds, rounded to 6 decimals.", Transform::scaleToSeconds,
        Param.required("seriesList", SERIES_LIST), Param.required("seconds", FLOAT));
    r.add("round", "Transform", "Rounds every value to the given number of decimals (negative rounds to tens, "
        + "hundreds, ...).", Transform::round,
        Param.required("seriesList", SERIES_LIST), Param.optional("precision", INTEGER, 0L));
    r.add("log", "Transform", "The logarithm of every value in the given base (10 by default); values at or below "
        + "zero become null.", Transform::log,
        Param.required("seriesList", SERIES_LIST), Param.optional("base", INTEGER, 10L));
    r.add("offsetToZero", "Transform", "Subtracts each series' lowest value from all its values, so it starts at "
        + "zero.", Transform::offsetToZero, Param.required("seriesList", SERIES_LIST));
    r.add("minMax", "Transform", "Scales each series to between 0 and 1 by its own lowest and highest values.",
        Transform::minMax, Param.required("seriesList", SERIES_LIST));
    r.add("transformNull", "Transform", "Replaces nulls with a default (0 unless given); with referenceSeries, only "
        + "where one of those series has a value.", Transform::transformNull,
        Param.required("seriesList", SERIES_LIST), Param.optional("default", FLOAT, 0L),
        Param.optional("referenceSeries", SERIES_LIST, null));
    r.add("keepLastValue", "Transform", "Fills runs of nulls (up to limit long) with the value before them.",
        c -> fillGaps(c, "keepLastValue", false),
        Param.required("seriesList", SERIES_LIST), Param.optional("limit", INT_OR_INF, Double.POSITIVE_INFINITY));
    r.add("interpolate", "Transform", "Fills runs of nulls (up to limit long) between two values with a straight "
        + "line.", c -> fillGaps(c, "interpolate", true),
        Param.required("seriesList", SERIES_LIST), Param.optional("limit", INT_OR_INF, Double.POSITIVE_INFINITY));
  }

  /**
   * graphite-web's {@code function(series, constant)} transforms: named {@code function(name,shown constant)}, tagged
   * with the constant as given, {@code op(value, constant)} at every value other than None.
   */
  private static List<Series> withConstant(Invocation c, String function,
      java.util.function.DoubleFunction<String> shown, java.util.function.DoubleBinaryOperator op) {
    double k = c.number(1); // read once, not per point
    return pointwise(c, function + "(%s," + shown.apply(k) + ")", function, Values.str(c.value(1)),
        v -> op.applyAsDouble(v, k));
  }

  /**
   * Each series renamed {@code String.format(nameFormat, name)} (path expression too) with one tag set and
   * {@code f} applied to every value other than None. Python errors inside {@code f} (math domain or range) are NaN,
   * which is None here.
   */
  private static List<Series> pointwise(Invocation c, String nameFormat, String tag, String tagValue,
      DoubleUnaryOperator f) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] v = s.values().clone();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          v[i] = f.applyAsDouble(v[i]);
        }
      }
      String name = nameFormat.replace("%s", s.name());
      out.add(s.toBuilder().name(name).pathExpression(name).values(v).tag(tag, tagValue).build());
    }
    return out;
  }

  /** {@code s} named {@code name} (graphite-web sets pathExpression along with the name) with new float values. */
  static Series renamed(Series s, String name, double[] values) {
    return s.toBuilder().name(name).pathExpression(name).values(values).build();
  }

  /** graphite-web's {@code safePow}: Python's math.pow, where a domain or range error is None. */
  static double safePow(double a, double b) {
    double r = Math.pow(a, b);
    if (Double.isInfinite(r) && !Double.isInfinite(a)) {
      return Double.NaN;
    }
    return r;
  }

  /** Python's {@code round(x, ndigits)} of a float: half-even on the exact binary value. */
  static double pythonRound(double x, int ndigits) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    if (ndigits > 323) {
      return x;
    }
    double r = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
    return r == 0 ? Math.copySign(0.0, x) : r;
  }

  /** Python's {@code "%d" % x} of a float: truncated toward zero, every digit. */
  static String pythonD(double x) {
    if (Math.abs(x) < 1e18) {
      return Long.toString((long) x);
    }
    return Double.isFinite(x) ? new BigDecimal(x).toBigInteger().toString() : Values.str(x);
  }

  private static List<Series> scaleToSeconds(Invocation c) {
    double seconds = c.number(1);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double factor = seconds / s.step();
      double[] v = s.values().clone();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          v[i] = pythonRound(v[i] * factor, 6);
        }
      }
      out.add(renamed(s, "scaleToSeconds(" + s.name() + "," + pythonD(seconds) + ")", v)
          .withTag("scaleToSeconds", Values.str(c.value(1))));
    }
    return out;
  }

  private static List<Series> round(Invocation c) {
    boolean given = c.has(1);
    int precision = c.integer(1, 0);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] v = s.values().clone();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          v[i] = pythonRound(v[i], precision);
        }
      }
      String name = given ? "round(" + s.name() + "," + precision + ")" : "round(" + s.name() + ")";
      // round() of a Python int stays an int
      out.add(s.toBuilder().name(name).pathExpression(name).values(v).integral(s.integral())
          .tag("round", Integer.toString(precision)).build());
    }
    return out;
  }

  private static List<Series> log(Invocation c) {
    Object base = c.has(1) ? c.value(1) : (Object) 10L;
    double b = c.number(1, 10);
    double denominator = Math.log(b);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] v = s.values().clone();
      for (int i = 0; i < v.length; i++) {
        if (v[i] > 0 && (b <= 0 || denominator == 0)) {
          // Python raises only when it computes a logarithm
          throw c.error(b <= 0 ? "math domain error" : "float division by zero");
        }
        v[i] = v[i] > 0 ? Math.log(v[i]) / denominator : Double.NaN;
      }
      out.add(renamed(s, "log(" + s.name() + ", " + Values.str(base) + ")", v)
          .withTag("log", Values.str(base)));
    }
    return out;
  }

  private static List<Series> offsetToZero(Invocation c) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double min = Double.NaN;
      for (double x : s.values()) {
        if (!Double.isNaN(x) && !(x >= min)) {
          min = x;
        }
      }
      double[] v = s.values().clone();
      for (int i = 0; i < v.length; i++) {
        v[i] -= min;
      }
      String tag = Double.isNaN(min) ? "None" : s.integral() ? pythonD(min) : Values.str(min);
      out.add(s.toBuilder().name("offsetToZero(" + s.name() + ")").pathExpression("offsetToZero(" + s.name() + ")")
          .values(v).integral(s.integral()).tag("offsetToZero", tag).build());
    }
    return out;
  }

  private static List<Series> minMax(Invocation c) {
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double min = Double.NaN;
      double max = Double.NaN;
      for (double x : s.values()) {
        if (!Double.isNaN(x)) {
          min = Double.isNaN(min) || x < min ? x : min;
          max = Double.isNaN(max) || x > max ? x : max;
        }
      }
      double range = max - min;
      double[] v = s.values().clone();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          v[i] = range == 0 ? 0.0 : (v[i] - min) / range;
        }
      }
      out.add(renamed(s, "minMax(" + s.name() + ")", v));
    }
    return out;
  }

  private static List<Series> transformNull(Invocation c) {
    Object given = c.has(1) ? c.value(1) : (Object) 0L;
    double fill = c.number(1, 0);
    List<Series> reference = c.has(2) ? c.seriesList(2) : List.of();
    double[] defaults = null;
    if (!reference.isEmpty()) {
      int rows = 0;
      for (Series ref : reference) {
        rows = Math.max(rows, ref.length());
      }
      defaults = new double[rows];
      for (int i = 0; i < rows; i++) {
        boolean any = false;
        for (Series ref : reference) {
          any |= i < ref.length() && !Double.isNaN(ref.get(i));
        }
        defaults[i] = any ? fill : Double.NaN;
      }
    }
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] source = s.values();
      double[] v = new double[defaults == null || defaults.length == 0 ? source.length
          : Math.max(source.length, defaults.length)];
      boolean filled = false;
      for (int i = 0; i < v.length; i++) {
        double x = i < source.length ? source[i] : Double.NaN;
        if (Double.isNaN(x)) {
          x = defaults == null || defaults.length == 0 ? fill : i < defaults.length ? defaults[i] : Double.NaN;
          filled |= !Double.isNaN(x);
        }
        v[i] = x;
      }
      String name = "transformNull(" + s.name() + "," + Names.g(fill)
          + (reference.isEmpty() ? ")" : ",referenceSeries)");
      boolean integral = (s.integral() || allNaN(source)) && (!filled || given instanceof Long);
      Series t = s.toBuilder().name(name).pathExpression(name).values(v).integral(integral)
          .tag("transformNull", Values.str(given)).build();
      out.add(reference.isEmpty() ? t : t.withTag("referenceSeries", "1"));
    }
    return out;
  }

  private static boolean allNaN(double[] values) {
    for (double x : values) {
      if (!Double.isNaN(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * keepLastValue and interpolate: runs of at most {@code limit} Nones are filled, with the value before the run or
   * with a line to the value after it. keepLastValue also fills a run at the end; interpolate never fills a run at
   * the start or the end.
   */
  private static List<Series> fillGaps(Invocation c, String function, boolean interpolate) {
    double limit = c.number(1, Double.POSITIVE_INFINITY);
    List<Series> out = new ArrayList<>();
    for (Series s : c.seriesList(0)) {
      double[] v = s.values().clone();
      int nones = 0;
      double last = Double.NaN;
      for (int i = 0; i < v.length; i++) {
        if (interpolate && i == 0) {
          continue;
        }
        double x = v[i];
        if (Double.isNaN(x)) {
          nones++;
          continue;
        }
        if (nones > 0) {
          double before = interpolate ? v[i - nones - 1] : last;
          if (nones <= limit && !Double.isNaN(before)) {
            for (int j = i - nones; j < i; j++) {
              v[j] = interpolate ? before + (j - (i - nones - 1)) * (x - before) / (nones + 1) : before;
            }
          }
        }
        nones = 0;
        last = x;
      }
      if (!interpolate && nones > 0 && nones <= limit && !Double.isNaN(last)) {
        for (int j = v.length - nones; j < v.length; j++) {
          v[j] = last;
        }
      }
      String name = function + "(" + s.name() + ")";
      out.add(s.toBuilder().name(name).pathExpression(name).values(v)
          .integral(s.integral() && !interpolate).build());
    }
    return out;
  }
}
