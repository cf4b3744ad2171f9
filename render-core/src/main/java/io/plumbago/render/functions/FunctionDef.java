package io.plumbago.render.functions;

import java.util.List;
import java.util.Objects;

/**
 * One render function: its name, graphite-web's group for it, a one-paragraph description in our words, its
 * parameters (what {@code /functions} lists and how call arguments bind), and its body.
 */
public record FunctionDef(String name, String group, String description, List<Param> params, RenderFunction body) {
  /** A definition; copies {@code params}. */
  public FunctionDef {
    Objects.requireNonNull(name);
    Objects.requireNonNull(group);
    Objects.requireNonNull(description);
    Objects.requireNonNull(body);
    params = List.copyOf(params);
  }

  /** The index of parameter {@code paramName}, or -1. */
  public int indexOf(String paramName) {
    for (int i = 0; i < params.size(); i++) {
      if (params.get(i).name().equals(paramName)) {
        return i;
      }
    }
    return -1;
  }
}
