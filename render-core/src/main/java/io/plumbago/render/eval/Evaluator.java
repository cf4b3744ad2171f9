package io.plumbago.render.eval;

import io.plumbago.render.RenderException;
import io.plumbago.render.Target;
import io.plumbago.render.format.PythonFloats;
import io.plumbago.render.functions.FunctionRegistry;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Evaluates parsed targets as graphite-web's {@code evaluateTokens}: paths fetch from the {@link SeriesSource} (with
 * {@code template()} values substituted), calls run through the {@link FunctionRegistry}, literals become values.
 * Thread-safe; one instance serves every request.
 */
public final class Evaluator {
  private static final Pattern NUMERIC = Pattern.compile("-?[\\d.]+");
  private final FunctionRegistry functions;
  private final SeriesSource source;

  /** An evaluator calling {@code functions} and fetching from {@code source}. */
  public Evaluator(FunctionRegistry functions, SeriesSource source) {
    this.functions = functions;
    this.source = source;
  }

  /** The function registry in use. */
  public FunctionRegistry functions() {
    return functions;
  }

  /**
   * The series {@code target} yields; a target that evaluates to a scalar is a 400.
   *
   * @throws RenderException 400 for bad input
   */
  public List<Series> evaluateSeries(Target target, RequestContext context) {
    Object result = evaluate(target, context, Map.of());
    if (result instanceof List<?> list) {
      @SuppressWarnings("unchecked")
      List<Series> series = (List<Series>) list;
      return series;
    }
    if (result instanceof Series one) {
      return List.of(one);
    }
    throw new RenderException(400, "target is not a series expression: " + target.format());
  }

  private Object evaluate(Target target, RequestContext context, Map<String, Object> replacements) {
    if (target instanceof Target.Path path) {
      return path(path.text(), context, replacements);
    }
    if (target instanceof Target.Call call) {
      if (call.function().equals("seriesByTag")) {
        return List.of(); // no tag database: graphite-web's local tag db finds nothing for untagged whisper files
      }
      if (call.function().equals("template")) {
        throw new RenderException(400, "invalid template() syntax, only string/numeric arguments are allowed");
      }
      List<Object> args = new ArrayList<>(call.args().size());
      for (Target arg : call.args()) {
        args.add(evaluate(arg, context, replacements));
      }
      Map<String, Object> kwargs = new LinkedHashMap<>();
      Map<String, Target> rawKwargs = new LinkedHashMap<>();
      for (Target.Keyword kw : call.kwargs()) {
        kwargs.put(kw.name(), evaluate(kw.value(), context, replacements));
        rawKwargs.put(kw.name(), kw.value());
      }
      return functions.invoke(call.function(), args, call.args(), kwargs, rawKwargs, context, this);
    }
    if (target instanceof Target.Template template) {
      Map<String, Object> values = new LinkedHashMap<>();
      for (Target.Keyword kw : template.kwargs()) {
        values.put(kw.name(), scalar(kw.value()));
      }
      for (int i = 0; i < template.args().size(); i++) {
        values.put(Integer.toString(i + 1), scalar(template.args().get(i)));
      }
      values.putAll(context.templates());
      return evaluate(template.inner(), context, values);
    }
    return scalar(target);
  }

  private Object path(String expression, RequestContext context, Map<String, Object> replacements) {
    for (Map.Entry<String, Object> r : replacements.entrySet()) {
      String token = "$" + r.getKey();
      Object value = r.getValue();
      if (expression.equals(token)) {
        if (!(value instanceof String s)) {
          return value;
        }
        return NUMERIC.matcher(s).matches() ? pythonFloat(s) : s;
      }
      expression = expression.replace(token, value instanceof Double d ? PythonFloats.repr(d) : String.valueOf(value));
    }
    return source.fetch(expression, context);
  }

  private static Object pythonFloat(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw new RenderException(400, "could not convert string to float: '" + s + "'");
    }
  }

  /** A literal's value: Long or Double for numbers, String, Boolean, null for None, +inf. */
  static Object scalar(Target target) {
    if (target instanceof Target.IntLiteral i) {
      BigInteger v = i.value();
      return v.bitLength() < 64 ? (Object) v.longValue() : (Object) v.doubleValue();
    }
    if (target instanceof Target.FloatLiteral f) {
      return f.value();
    }
    if (target instanceof Target.StringLiteral s) {
      return s.value();
    }
    if (target instanceof Target.BooleanLiteral b) {
      return b.value();
    }
    if (target instanceof Target.NoneLiteral) {
      return null;
    }
    if (target instanceof Target.InfinityLiteral) {
      return Double.POSITIVE_INFINITY;
    }
    throw new RenderException(400, "unknown token in target evaluator");
  }
}
