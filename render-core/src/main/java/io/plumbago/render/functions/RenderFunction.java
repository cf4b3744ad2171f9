package io.plumbago.render.functions;

/**
 * The body of a render function: takes the bound arguments and returns a {@code List<Series>} (or, for the few that
 * graphite-web allows as arguments, a scalar). Throws {@link io.plumbago.render.RenderException} for bad input.
 */
@FunctionalInterface
public interface RenderFunction {
  /** Evaluates one call. */
  Object apply(Invocation call);
}
