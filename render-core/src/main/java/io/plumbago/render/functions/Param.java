package io.plumbago.render.functions;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a render function as graphite-web's {@code /functions} describes it: name, type, whether it is
 * required, its default (null for none), whether it repeats ({@code *args}), the values it allows (empty for
 * any), and the values Grafana's editor suggests.
 */
public record Param(String name, ParamType type, boolean required, Object defaultValue, boolean multiple,
    List<Object> options, List<Object> suggestions) {
  /** A parameter; copies {@code options} and {@code suggestions}. */
  public Param {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    options = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(options)); // None may be one
    suggestions = List.copyOf(suggestions);
  }

  /** A parameter without suggestions. */
  public Param(String name, ParamType type, boolean required, Object defaultValue, boolean multiple,
      List<Object> options) {
    this(name, type, required, defaultValue, multiple, options, List.of());
  }

  /** What graphite-web suggests for a moving window: points or intervals. */
  public static final Object[] WINDOW_SUGGESTIONS = {5L, 7L, 10L, "1min", "5min", "10min", "30min", "1hour"};

  /** A required parameter. */
  public static Param required(String name, ParamType type) {
    return new Param(name, type, true, null, false, List.of());
  }

  /** An optional parameter with a default (null: Python's None). */
  public static Param optional(String name, ParamType type, Object defaultValue) {
    return new Param(name, type, false, defaultValue, false, List.of());
  }

  /** A repeating parameter ({@code *name}); at least one value when {@code required}. */
  public static Param multiple(String name, ParamType type, boolean required) {
    return new Param(name, type, required, null, true, List.of());
  }

  /** This parameter restricted to {@code allowed}. */
  public Param options(Object... allowed) {
    return new Param(name, type, required, defaultValue, multiple, java.util.Arrays.asList(allowed), suggestions);
  }

  /** This parameter with values Grafana's editor offers (graphite-web's {@code suggestions}), in order. */
  public Param suggestions(Object... offered) {
    return new Param(name, type, required, defaultValue, multiple, options, List.of(offered));
  }
}
