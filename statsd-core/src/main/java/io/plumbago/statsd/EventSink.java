package io.plumbago.statsd;

/**
 * Where a {@link StatsdServer} hands the DogStatsD events it receives (the program can store them as Graphite
 * events). Called on the receiving threads, concurrently: implementations must be thread-safe, quick, and must not
 * block (queue the event and return).
 */
@FunctionalInterface
public interface EventSink {
  /** Ignores every event (they are still counted). */
  EventSink NONE = event -> { };

  /** Takes one event. */
  void event(StatsdEvent event);
}
