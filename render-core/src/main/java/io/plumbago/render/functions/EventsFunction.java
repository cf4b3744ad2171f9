package io.plumbago.render.functions;

import io.plumbago.render.EventSource;
import io.plumbago.render.RenderException;
import io.plumbago.render.eval.RequestContext;
import io.plumbago.render.eval.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * graphite-web's {@code events(tag, ...)} (group Special): one series named {@code events("a", "b")} from the
 * request's {@code from} to {@code until} at a 1-second step, holding at each second the number of events with all
 * the tags (any events for the single tag {@code "*"}; none without tags), None elsewhere. Usually drawn with
 * {@code drawAsInfinite}.
 */
final class EventsFunction {
  /** The longest window, in seconds (= points at the 1-second step), this function fills. */
  static final long MAX_POINTS = 10_000_000;

  private EventsFunction() {}

  static void register(FunctionRegistry.Builder r) {
    r.add("events", "Special", "Draws the Graphite events carrying all the given tags (any event for \"*\"): a "
        + "1-second series counting events per second, None elsewhere.", c -> {
          List<String> tags = new ArrayList<>();
          for (Object tag : c.rest(0)) {
            if (!(tag instanceof String s)) {
              throw c.error("events() takes tags as quoted strings, got: " + Values.repr(tag));
            }
            tags.add(s.replaceAll("\\\\(.)", "$1"));
          }
          return List.of(series(tags, c.context()));
        }, Param.multiple("tags", ParamType.STRING, true));
  }

  static Series series(List<String> tags, RequestContext context) {
    long from = context.startSeconds();
    long until = context.endSeconds();
    String name = "events(\"" + String.join("\", \"", tags) + "\")";
    long points = until - from;
    if (points > MAX_POINTS) {
      throw new RenderException(400, "events() draws one point per second: the range is over " + MAX_POINTS
          + " seconds");
    }
    double[] counts = new double[(int) Math.max(points, 0)];
    Arrays.fill(counts, Double.NaN);
    EventSource source = context.events();
    if (!tags.isEmpty() && points > 0) {
      List<String> filter = tags.equals(List.of("*")) ? null : tags;
      source.forEachEvent(filter, from, until, when -> {
        long offset = (long) Math.floor(when) - from;
        // an event at exactly `until` falls outside the window (graphite-web fails on it with an IndexError)
        if (offset >= 0 && offset < counts.length) {
          counts[(int) offset] = Double.isNaN(counts[(int) offset]) ? 1 : counts[(int) offset] + 1;
        }
      });
    }
    return Series.builder(name, from, until, 1, counts).integral(true).build();
  }
}
