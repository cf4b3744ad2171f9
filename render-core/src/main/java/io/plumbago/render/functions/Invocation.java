package io.plumbago.render.functions;

import io.plumbago.render.RenderException;
import io.plumbago.render.Target;
import io.plumbago.render.eval.Evaluator;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One call of a render function with its arguments bound to the parameters as graphite-web binds them (positional
 * first, then keywords by name, extra positional values to a trailing repeating parameter), already evaluated: series
 * lists as {@code List<Series>}, integers as {@code Long}, floats as {@code Double}, strings, booleans, and null for
 * None or an absent argument. The typed accessors coerce as graphite-web's functions do and answer 400 otherwise.
 */
public final class Invocation {
  private final FunctionDef def;
  private final Object[] values;
  private final Target[] raws;
  private final List<Object> rest;
  private final RequestContext context;
  private final Evaluator evaluator;

  Invocation(FunctionDef def, Object[] values, Target[] raws, List<Object> rest, RequestContext context,
      Evaluator evaluator) {
    this.def = def;
    this.values = values;
    this.raws = raws;
    this.rest = rest;
    this.context = context;
    this.evaluator = evaluator;
  }

  /** The function's name. */
  public String function() {
    return def.name();
  }

  /** The request being answered. */
  public RequestContext context() {
    return context;
  }

  /** Evaluates {@code target} again under another context (for functions that fetch more, like movingAverage). */
  public List<Series> evaluate(Target target, RequestContext other) {
    return evaluator.evaluateSeries(target, other);
  }

  /**
   * Calls the function {@code name} with already evaluated positional arguments, as graphite-web's functions call one
   * another by name (groupByNodes' callback, reduceSeries); the callee sees no unevaluated arguments.
   */
  public Object call(String name, List<Object> args) {
    List<Target> noRaws = Collections.nCopies(args.size(), null);
    return evaluator.functions().invoke(name, args, noRaws, Map.of(), Map.of(), context, evaluator);
  }

  /** Whether a function called {@code name} exists (graphite-web's {@code name in SeriesFunctions}). */
  public boolean hasFunction(String name) {
    return evaluator.functions().get(name) != null;
  }

  /**
   * The first argument evaluated again over {@code (startSeconds, endSeconds]}, for functions that need data from
   * outside the request's window (a moving window's bootstrap, timeShift, summarize's alignment).
   */
  public List<Series> refetchFirst(long startSeconds, long endSeconds) {
    return evaluator.evaluateSeries(raws[0], context.withWindow(startSeconds, endSeconds));
  }

  /** The unevaluated argument bound to parameter {@code i}, or null. */
  public Target raw(int i) {
    return i < raws.length ? raws[i] : null;
  }

  /** Whether parameter {@code i} was given a value other than None. */
  public boolean has(int i) {
    return i < values.length && values[i] != null;
  }

  /** The value bound to parameter {@code i}, or null. */
  public Object value(int i) {
    return i < values.length ? values[i] : null;
  }

  /** All values of the trailing repeating parameter (from parameter {@code i} on), in order. */
  public List<Object> rest(int i) {
    List<Object> out = new ArrayList<>();
    if (i < values.length && values[i] != null) {
      out.add(values[i]);
    }
    out.addAll(rest);
    return out;
  }

  /** Parameter {@code i} as a series list (a required one: 400 when absent). */
  public List<Series> seriesList(int i) {
    Object v = value(i);
    if (v instanceof List<?> l) {
      return asSeries(l);
    }
    throw bad(i, v, "a series list");
  }

  /** Every value of the repeating series-list parameter {@code i}, concatenated in order. */
  public List<Series> seriesLists(int i) {
    List<Series> out = new ArrayList<>();
    for (Object v : rest(i)) {
      if (!(v instanceof List<?> l)) {
        throw bad(i, v, "a series list");
      }
      out.addAll(asSeries(l));
    }
    return out;
  }

  /** Every value of the repeating series-list parameter {@code i}, one list per argument. */
  public List<List<Series>> seriesListsSeparately(int i) {
    List<List<Series>> out = new ArrayList<>();
    for (Object v : rest(i)) {
      if (!(v instanceof List<?> l)) {
        throw bad(i, v, "a series list");
      }
      out.add(asSeries(l));
    }
    return out;
  }

  /** Parameter {@code i} as a number, or {@code otherwise} when absent or None. */
  public double number(int i, double otherwise) {
    Object v = value(i);
    if (v == null) {
      return otherwise;
    }
    return toNumber(i, v);
  }

  /** Parameter {@code i} as a number; 400 when absent. */
  public double number(int i) {
    Object v = value(i);
    if (v == null) {
      throw missing(i);
    }
    return toNumber(i, v);
  }

  /** Parameter {@code i} as an int, or {@code otherwise} when absent or None. */
  public int integer(int i, int otherwise) {
    Object v = value(i);
    if (v == null) {
      return otherwise;
    }
    return toInt(i, v);
  }

  /** Parameter {@code i} as an int; 400 when absent. */
  public int integer(int i) {
    Object v = value(i);
    if (v == null) {
      throw missing(i);
    }
    return toInt(i, v);
  }

  /** Parameter {@code i} as a string, or {@code otherwise} when absent or None. */
  public String string(int i, String otherwise) {
    Object v = value(i);
    if (v == null) {
      return otherwise;
    }
    if (v instanceof String s) {
      return s;
    }
    throw bad(i, v, "a string");
  }

  /** Parameter {@code i} as a string; 400 when absent. */
  public String string(int i) {
    String s = string(i, null);
    if (s == null) {
      throw missing(i);
    }
    return s;
  }

  /** Parameter {@code i} as a boolean (Python truthiness for numbers), or {@code otherwise} when absent. */
  public boolean bool(int i, boolean otherwise) {
    Object v = value(i);
    if (v == null) {
      return otherwise;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (v instanceof String s) {
      if (s.equalsIgnoreCase("true")) {
        return true;
      }
      if (s.equalsIgnoreCase("false")) {
        return false;
      }
    }
    throw bad(i, v, "a boolean");
  }

  /** A 400 for this call with graphite-web's wording. */
  public RenderException error(String message) {
    return new RenderException(400, message);
  }

  private double toNumber(int i, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw bad(i, v, "a number");
  }

  private int toInt(int i, Object v) {
    if (v instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return (int) (long) l;
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
      return (int) (double) d;
    }
    if (v instanceof Boolean b) {
      return b ? 1 : 0;
    }
    throw bad(i, v, "an integer");
  }

  @SuppressWarnings("unchecked")
  private static List<Series> asSeries(List<?> l) {
    return (List<Series>) l;
  }

  private String paramName(int i) {
    return i < def.params().size() ? def.params().get(i).name() : "#" + i;
  }

  private RenderException missing(int i) {
    return new RenderException(400, "Missing required parameter \"" + paramName(i) + "\" for function \""
        + def.name() + "\"");
  }

  private RenderException bad(int i, Object v, String what) {
    if (v == null) {
      return missing(i);
    }
    return new RenderException(400, "Invalid value for parameter \"" + paramName(i) + "\" of function \""
        + def.name() + "\": expected " + what + ", got " + Values.describe(v));
  }
}
