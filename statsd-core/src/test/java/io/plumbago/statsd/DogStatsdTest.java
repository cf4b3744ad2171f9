package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.plumbago.statsd.aggregate.Aggregator;
import io.plumbago.statsd.aggregate.DogStatsdLines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DogStatsdTest {
  @Test
  void eventsAreParsedWithByteLengthsAndEveryField() {
    StatsdEvent e = DogStatsdLines.event(
        "_e{9,12}:Déploy 1|line\\nsecond|d:1700000000|h:web01|k:deploy|p:low|s:jenkins|t:success|#env:prod,web");
    assertEquals(new StatsdEvent("Déploy 1", "line\nsecond", 1_700_000_000L, "web01", "deploy", "low", "jenkins",
        "success", List.of("env:prod", "web")), e);
    assertEquals(new StatsdEvent("t", "", -1, null, null, null, null, null, List.of()), DogStatsdLines.event("_e{1,0}:t|"));
  }

  @Test
  void malformedEventsAreRefused() {
    assertNull(DogStatsdLines.event("_e{5,4}:title|tex"));
    assertNull(DogStatsdLines.event("_e{x,4}:title|text"));
    assertNull(DogStatsdLines.event("_e{5,4}:title|text|z:what"));
    assertNull(DogStatsdLines.event("_e{0,4}:|text"));
    assertNull(DogStatsdLines.event("_e{5,4}:title|text|d:soon"));
    assertNull(DogStatsdLines.event("_e{2147483647,2147483647}:title|text"));
    assertNull(DogStatsdLines.event("_e{5,-1}:title|text"));
  }

  @Test
  void eventsAndServiceChecksAreCountedNotFlushedAndMalformedOnesAreBadLines() {
    List<StatsdEvent> received = new ArrayList<>();
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults(), received::add, 0);
    aggregator.handlePacket("_e{6,4}:deploy|v1.2|#app:web\n_sc|db.up|0|h:db01|m:fine\n_sc|x|7\n_e{9,9}:broken\nc:1|c");
    assertEquals(1, received.size());
    assertEquals("deploy", received.get(0).title());
    long[] totals = aggregator.totals();
    assertEquals(5, totals[1], "lines");
    assertEquals(2, totals[2], "bad lines: the service check with status 7 and the broken event");
    assertEquals(1, totals[3], "events");
    assertEquals(1, totals[4], "service checks");
    List<String> flushed = new ArrayList<>();
    aggregator.flush(10, (m, t, v) -> flushed.add(m));
    assertEquals(List.of(), flushed.stream().filter(m -> m.contains("deploy") || m.contains("db")).toList());
  }
}
