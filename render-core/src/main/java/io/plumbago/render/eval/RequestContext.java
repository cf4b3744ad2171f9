package io.plumbago.render.eval;

import io.plumbago.render.EventSource;
import java.time.ZoneId;
import java.util.Map;

/**
 * What one render request asks for, as graphite-web's {@code requestContext}: the window {@code (startSeconds,
 * endSeconds]} and {@code nowSeconds} in seconds since the epoch, the default xFilesFactor, the time zone, and template
 * values given on the request ({@code template[name]=value}), where {@code events()} reads, and whether
 * only this node's own series are wanted ({@code local=1}, as cluster peers ask each other).
 */
public record RequestContext(long startSeconds, long endSeconds, long nowSeconds, double xFilesFactor, ZoneId zone,
    Map<String, String> templates, EventSource events, boolean localOnly) {
  /** A context; copies {@code templates}. */
  public RequestContext {
    templates = Map.copyOf(templates);
  }

  /** This context over another window (graphite-web's {@code requestContext.copy()} with new times). */
  public RequestContext withWindow(long newStartSeconds, long newEndSeconds) {
    return new RequestContext(newStartSeconds, newEndSeconds, nowSeconds, xFilesFactor, zone, templates, events, localOnly);
  }
}
