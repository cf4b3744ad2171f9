package io.plumbago.render.eval;

import java.util.List;

/**
 * Where path expressions get their series: the whisper files, the cache overlay, remote nodes. Implementations are
 * thread-safe.
 */
@FunctionalInterface
public interface SeriesSource {
  /**
   * The series whose names {@code pathExpression} matches over {@code context}'s window, sorted by name, each with
   * {@code pathExpression} and the context's xFilesFactor; empty when nothing matches.
   */
  List<Series> fetch(String pathExpression, RequestContext context);
}
