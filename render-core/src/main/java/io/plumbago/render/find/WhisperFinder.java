package io.plumbago.render.find;

import io.plumbago.render.CacheOverlay;
import io.plumbago.render.RenderException;
import io.plumbago.render.TimeSeries;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.WhisperFormatException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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

  /** The metric names {@code pattern} matches, sorted; a plain name matches itself when its file exists. */
  public List<String> find(String pattern) {
    try {
      if (pattern.indexOf(';') >= 0 || !isGlob(pattern)) {
        return database.exists(pattern) ? List.of(pattern) : List.of();
      }
      String[] elements = pattern.split("\\.", -1);
      for (String element : elements) {
        if (element.isEmpty() || element.equals("..") || element.indexOf('/') >= 0 || element.indexOf('\\') >= 0) {
          throw new RenderException(400, "Invalid path expression: empty, '..', '/' or '\\' element");
        }
      }
      List<String> found = new ArrayList<>();
      walk(database.root(), "", elements, 0, found);
      found.sort(null);
      return found;
    } catch (WhisperFormatException e) {
      throw new RenderException(400, e.getMessage());
    } catch (IOException e) {
      throw new RenderException(500, "could not list the whisper tree: " + e.getMessage());
    }
  }

  private void walk(Path dir, String prefix, String[] elements, int depth, List<String> found) throws IOException {
    String element = elements[depth];
    boolean leaf = depth == elements.length - 1;
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + element + (leaf ? ".wsp" : ""));
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        Path name = entry.getFileName();
        if (!matcher.matches(name)) {
          continue;
        }
        if (leaf && Files.isRegularFile(entry)) {
          String file = name.toString();
          found.add(prefix + file.substring(0, file.length() - 4));
        } else if (!leaf && Files.isDirectory(entry)) {
          walk(entry, prefix + name + ".", elements, depth + 1, found);
        }
      }
    }
  }

  private static boolean isGlob(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  /**
   * The series of {@code metric} over {@code (from, until]} as whisper returns it, with cached points put in their
   * step (a later cached point in the same step wins); null when no file holds it.
   */
  public TimeSeries fetch(String metric, long fromSeconds, long untilSeconds, long nowSeconds) {
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
    return new TimeSeries(metric, start, result.untilSeconds(), step, values);
  }
}
