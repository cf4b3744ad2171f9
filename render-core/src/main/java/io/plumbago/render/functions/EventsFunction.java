package io.plumbago.render.functions;

import io.plumbago.render.EventSource;
import io.plumbago.render.RenderException;
import io.plumbago.render.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * graphite-web's {@code events(tag, ...)} (group Special): one series named {@code events("a", "b")} from the
 * request's {@code from} to {@code until} at a 1-second step, holding at each second the number of events with all
 * the tags (any events for the single tag {@code "*"}; none without tags), None elsewhere. Usually drawn with
 * {@code drawAsInfinite}. Until the target grammar lands, this parses only a whole-target call with string arguments.
 * Internal to render-core.
 */
public final class EventsFunction {
  /** The longest window, in seconds (= points at the 1-second step), this function fills. */
  static final long MAX_POINTS = 10_000_000;
  private static final Pattern CALL = Pattern.compile("events\\s*\\((.*)\\)", Pattern.DOTALL);
  private static final Pattern ARGUMENT = Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)')\\s*");

  private EventsFunction() {}

  /** Whether {@code target} is a call of {@code events}. */
  public static boolean isCall(String target) {
    return CALL.matcher(target.strip()).matches();
  }

  /**
   * The counts series for {@code target} ({@link #isCall} must hold) over {@code [fromSeconds, untilSeconds)}.
   *
   * @throws RenderException 400 when an argument is not a string or the window is too long
   */
  public static TimeSeries evaluate(String target, long fromSeconds, long untilSeconds, EventSource source) {
    Matcher call = CALL.matcher(target.strip());
    if (!call.matches()) {
      throw new RenderException(400, "not an events() call: " + target);
    }
    List<String> tags = arguments(call.group(1));
    String name = "events(\"" + String.join("\", \"", tags) + "\")";
    long points = untilSeconds - fromSeconds;
    if (points > MAX_POINTS) {
      throw new RenderException(400, "events() draws one point per second: the range is over " + MAX_POINTS
          + " seconds");
    }
    double[] counts = new double[(int) Math.max(points, 0)];
    Arrays.fill(counts, Double.NaN);
    if (!tags.isEmpty() && points > 0) {
      List<String> filter = tags.equals(List.of("*")) ? null : tags;
      source.forEachEvent(filter, fromSeconds, untilSeconds, when -> {
        long offset = (long) Math.floor(when) - fromSeconds;
        // an event at exactly `until` falls outside the window (graphite-web fails on it with an IndexError)
        if (offset >= 0 && offset < counts.length) {
          counts[(int) offset] = Double.isNaN(counts[(int) offset]) ? 1 : counts[(int) offset] + 1;
        }
      });
    }
    return new TimeSeries(name, fromSeconds, untilSeconds, 1, counts);
  }

  private static List<String> arguments(String text) {
    List<String> out = new ArrayList<>();
    if (text.isBlank()) {
      return out;
    }
    for (String piece : splitOutsideQuotes(text)) {
      Matcher m = ARGUMENT.matcher(piece);
      if (!m.matches()) {
        throw new RenderException(400, "events() takes tags as quoted strings, got: " + piece.strip());
      }
      String quoted = m.group(1) != null ? m.group(1) : m.group(2);
      out.add(quoted.replaceAll("\\\\(.)", "$1"));
    }
    return out;
  }

  private static List<String> splitOutsideQuotes(String text) {
    List<String> pieces = new ArrayList<>();
    char quote = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ',') {
        pieces.add(text.substring(start, i));
        start = i + 1;
      }
    }
    pieces.add(text.substring(start));
    return pieces;
  }
}
