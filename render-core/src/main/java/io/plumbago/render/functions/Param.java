package io.plumbago.render.functions;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of a render function as graphite-web's {@code /functions} describes it: name, type, whether it is
 * required, its default (null for none), whether it repeats ({@code *args}), and the values it allows (empty for
 * any).
 */
public record Param(String name, ParamType type, boolean required, Object defaultValue, boolean multiple,
    List<Object> options) {
  /** A parameter; copies {@code options}. */
  public Param {
    Objects.requireNonNull(name);
    Objects.requireNonNull(type);
    options = List.copyOf(options);
  }

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
    return new Param(name, type, required, defaultValue, multiple, List.of(allowed));
  }
}
