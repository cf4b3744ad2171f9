package io.plumbago.statsd;

/**
 * Where a {@link StatsdServer} hands the DogStatsD events it receives (the program can store them as Graphite
 * events). Called on a receiving thread with the aggregator's lock held: implementations must be quick and must not
 * block (queue the event and return).
 */
@FunctionalInterface
public interface EventSink {
  /** Ignores every event (they are still counted). */
  EventSink NONE = event -> { };

  /** Takes one event. */
  void event(StatsdEvent event);
}
