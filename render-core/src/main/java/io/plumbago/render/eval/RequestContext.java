package io.plumbago.render.eval;

import io.plumbago.render.EventSource;
import java.time.ZoneId;
import java.util.Map;

/**
 * What one render request asks for, as graphite-web's {@code requestContext}: the window {@code (startSeconds,
 * endSeconds]} and {@code nowSeconds} in seconds since the epoch, the default xFilesFactor, the time zone, and template
 * values given on the request ({@code template[name]=value}), where {@code events()} reads, and whether
 * only this node's own series are wanted ({@code local=1}, as cluster peers ask each other), and the running
 * totals {@code stacked()} keeps across the request's targets (graphite-web's {@code totalStack}), by stack name.
 */
public record RequestContext(long startSeconds, long endSeconds, long nowSeconds, double xFilesFactor, ZoneId zone,
    Map<String, String> templates, EventSource events, boolean localOnly, Map<String, double[]> stacks) {
  /** A context; copies {@code templates}; {@code stacks} is the request's own, shared by its copies. */
  public RequestContext {
    templates = Map.copyOf(templates);
  }

  /** A context with a fresh, empty set of stacks. */
  public RequestContext(long startSeconds, long endSeconds, long nowSeconds, double xFilesFactor, ZoneId zone,
      Map<String, String> templates, EventSource events, boolean localOnly) {
    this(startSeconds, endSeconds, nowSeconds, xFilesFactor, zone, templates, events, localOnly,
        new java.util.HashMap<>());
  }

  /** This context over another window (graphite-web's {@code requestContext.copy()} with new times). */
  public RequestContext withWindow(long newStartSeconds, long newEndSeconds) {
    return new RequestContext(newStartSeconds, newEndSeconds, nowSeconds, xFilesFactor, zone, templates, events, localOnly,
        stacks);
  }
}
