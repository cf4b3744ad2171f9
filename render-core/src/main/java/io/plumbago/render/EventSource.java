package io.plumbago.render;

import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Where render's {@code events(...)} function reads Graphite events (the program plugs events-core's store in here).
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface EventSource {
  /** No events store: {@code events(...)} draws nothing. */
  EventSource NONE = (tags, fromSeconds, untilSeconds, consumer) -> { };

  /**
   * Hands the time (seconds since the epoch) of every event with {@code fromSeconds <= when <= untilSeconds} to
   * {@code whenSeconds}, oldest first. {@code tags} null means every event; otherwise only events carrying all of the
   * tags that any stored event carries (graphite-web's default {@code with_all}), and none when no tag is known.
   */
  void forEachEvent(List<String> tags, long fromSeconds, long untilSeconds, DoubleConsumer whenSeconds);
}
