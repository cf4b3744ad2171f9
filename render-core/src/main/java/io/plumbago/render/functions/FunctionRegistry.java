package io.plumbago.render.functions;

import io.plumbago.render.RenderException;
import io.plumbago.render.Target;
import io.plumbago.render.eval.Evaluator;
import io.plumbago.render.eval.RequestContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The render functions by name, feeding both the evaluator and {@code /functions}. Immutable once built; {@link
 * #standard()} holds every function Plumbago implements.
 */
public final class FunctionRegistry {
  private final Map<String, FunctionDef> functions;

  private FunctionRegistry(Map<String, FunctionDef> functions) {
    this.functions = Collections.unmodifiableMap(new TreeMap<>(functions));
  }

  /** Every function Plumbago implements. */
  public static FunctionRegistry standard() {
    Builder b = new Builder();
    Combine.register(b);
    Transform.register(b);
    TransformTime.register(b);
    Special.register(b);
    Graph.register(b);
    Aliases.register(b);
    Filters.register(b);
    Sorting.register(b);
    Calculate.register(b);
    Summarize.register(b);
    HoltWinters.register(b);
    EventsFunction.register(b);
    return b.build();
  }

  /** The function called {@code name}, or null. */
  public FunctionDef get(String name) {
    return functions.get(name);
  }

  /** Every function, sorted by name. */
  public Map<String, FunctionDef> all() {
    return functions;
  }

  /**
   * Binds evaluated arguments to {@code name}'s parameters as graphite-web's {@code validateParams} does and runs it.
   *
   * @throws RenderException 400 for an unknown function, too many arguments, or an unexpected keyword
   */
  public Object invoke(String name, List<Object> args, List<Target> rawArgs, Map<String, Object> kwargs,
      Map<String, Target> rawKwargs, RequestContext context, Evaluator evaluator) {
    FunctionDef def = functions.get(name);
    if (def == null) {
      throw new RenderException(400, "Received request for unknown function: " + name);
    }
    List<Param> params = def.params();
    int n = params.size();
    Object[] values = new Object[n];
    Target[] raws = new Target[n];
    List<Object> rest = new ArrayList<>();
    boolean lastMultiple = n > 0 && params.get(n - 1).multiple();
    if (args.size() + kwargs.size() > n && !lastMultiple) {
      throw new RenderException(400, "Too many parameters specified for function \"" + name + "\"");
    }
    for (int i = 0; i < args.size(); i++) {
      if (i < n) {
        values[i] = args.get(i);
        raws[i] = rawArgs.get(i);
      } else if (lastMultiple) {
        rest.add(args.get(i));
      } else {
        throw new RenderException(400, "Too many parameters specified for function \"" + name + "\"");
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (Map.Entry<String, Object> kw : kwargs.entrySet()) {
      int i = def.indexOf(kw.getKey());
      if (i < 0 || i < args.size()) {
        unexpected.add(kw.getKey());
        continue;
      }
      values[i] = kw.getValue();
      raws[i] = rawKwargs.get(kw.getKey());
    }
    if (!unexpected.isEmpty()) {
      throw new RenderException(400, "Unexpected key word arguments: " + String.join(", ", unexpected));
    }
    for (int i = args.size(); i < n; i++) {
      if (params.get(i).required() && values[i] == null && !params.get(i).multiple()) {
        throw new RenderException(400, "Missing required parameter \"" + params.get(i).name()
            + "\" for function \"" + name + "\"");
      }
    }
    for (int i = 0; i < n; i++) {
      values[i] = coerce(params.get(i).type(), values[i]);
    }
    rest.replaceAll(v -> coerce(params.get(n - 1).type(), v));
    return def.body().apply(new Invocation(def, values, raws, rest, context, evaluator));
  }

  /** graphite-web's validators return the value converted: a float parameter given 2 holds 2.0. */
  private static Object coerce(ParamType type, Object value) {
    if (type == ParamType.FLOAT && value instanceof Long l) {
      return (double) l;
    }
    if (type == ParamType.BOOLEAN && value instanceof Long l && (l == 0 || l == 1)) {
      return l == 1;
    }
    return value;
  }

  /** Collects definitions. */
  public static final class Builder {
    private final Map<String, FunctionDef> functions = new LinkedHashMap<>();

    /** Adds a function; a name may be added once. */
    public Builder add(String name, String group, String description, RenderFunction body, Param... params) {
      if (functions.putIfAbsent(name, new FunctionDef(name, group, description, List.of(params), body)) != null) {
        throw new IllegalStateException("two definitions of " + name);
      }
      return this;
    }

    public FunctionRegistry build() {
      return new FunctionRegistry(functions);
    }
  }
}
