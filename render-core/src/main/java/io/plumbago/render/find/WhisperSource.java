package io.plumbago.render.find;

import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import io.plumbago.render.eval.SeriesSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Path expressions answered from a whisper tree and the cache overlay, as graphite-web's {@code fetchData}: one
 * series per matching leaf, named by its path, carrying the expression and the request's xFilesFactor, sorted by
 * name.
 */
public final class WhisperSource implements SeriesSource {
  private final WhisperFinder finder;

  /** A source reading through {@code finder}. */
  public WhisperSource(WhisperFinder finder) {
    this.finder = finder;
  }

  @Override
  public List<Series> fetch(String pathExpression, RequestContext context) {
    List<String> leaves = finder.find(pathExpression);
    List<Series> out = new ArrayList<>(leaves.size());
    for (String metric : leaves) {
      Series s = finder.fetch(metric, context.startSeconds(), context.endSeconds(), context.nowSeconds(),
          pathExpression, context.xFilesFactor());
      if (s != null) {
        out.add(s);
      }
    }
    out.sort((a, b) -> a.name().compareTo(b.name()));
    return out;
  }
}
