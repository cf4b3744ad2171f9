package io.plumbago.render.find;

import io.plumbago.render.CacheOverlay;
import io.plumbago.render.RenderException;
import io.plumbago.render.eval.Series;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.MetricNode;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.WhisperFormatException;
import io.plumbago.whisper.WhisperInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds metrics under a whisper tree by graphite path expression ({@code *}, {@code ?}, {@code [a-z]},
 * {@code {a,b}} within a path element) and reads their series, with points still in the cache merged over what the
 * file holds, as graphite-web merges CarbonLink results. Internal to render-core.
 */
public final class WhisperFinder {
  private final WhisperDatabase database;
  private final CacheOverlay overlay;

  /** A finder over {@code database}, merging {@code overlay}. */
  public WhisperFinder(WhisperDatabase database, CacheOverlay overlay) {
    this.database = database;
    this.overlay = overlay;
  }

  /** The branches and leaves {@code pattern} matches, as graphite-web's finder lists them. */
  public List<MetricNode> nodes(String pattern) {
    try {
      return database.find(pattern);
    } catch (WhisperFormatException e) {
      throw new RenderException(400, e.getMessage());
    } catch (IOException e) {
      throw new RenderException(500, "could not list the whisper tree: " + e.getMessage());
    }
  }

  /**
   * The time span graphite-web reports for a leaf's data, {@code [start, end]} in seconds: from {@code nowSeconds}
   * less the file's longest retention to its last modification (never before the start); null when no file holds it.
   */
  public double[] interval(String metric, double nowSeconds) {
    try {
      WhisperInfo info = database.info(metric);
      if (info == null) {
        return null;
      }
      double start = nowSeconds - info.maxRetentionSeconds();
      double modified = Files.getLastModifiedTime(database.pathFor(metric)).toMillis() / 1000.0;
      return new double[] {start, Math.max(modified, start)};
    } catch (WhisperFormatException e) {
      throw new RenderException(500, e.getMessage());
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      throw new RenderException(500, "could not read " + metric + ": " + e.getMessage());
    }
  }

  /** The metric names (leaves) {@code pattern} matches, sorted. */
  public List<String> find(String pattern) {
    List<String> leaves = new ArrayList<>();
    for (MetricNode node : nodes(pattern)) {
      if (node.leaf()) {
        leaves.add(node.path());
      }
    }
    return leaves;
  }

  /**
   * The series of {@code metric} over {@code (from, until]} as whisper returns it, with cached points put in their
   * step (a later cached point in the same step wins), carrying {@code pathExpression} and {@code xFilesFactor};
   * null when no file holds it.
   */
  public Series fetch(String metric, long fromSeconds, long untilSeconds, long nowSeconds, String pathExpression,
      double xFilesFactor) {
    FetchResult result;
    try {
      result = database.fetch(metric, fromSeconds, untilSeconds, nowSeconds);
    } catch (WhisperFormatException e) {
      throw new RenderException(500, e.getMessage());
    } catch (IOException e) {
      throw new RenderException(500, "could not read " + metric + ": " + e.getMessage());
    }
    if (result == null) {
      return null;
    }
    double[] values = result.values();
    long start = result.fromSeconds();
    long step = result.stepSeconds();
    overlay.forEachPoint(metric, (timestamp, value) -> {
      long bucket = timestamp - Math.floorMod(timestamp, step);
      long index = (bucket - start) / step;
      if (bucket >= start && index < values.length) {
        values[(int) index] = value;
      }
    });
    return Series.builder(metric, start, result.untilSeconds(), step, values).pathExpression(pathExpression)
        .xFilesFactor(xFilesFactor).build();
  }
}
