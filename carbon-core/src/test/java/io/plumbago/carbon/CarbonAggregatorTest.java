package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CarbonAggregatorTest {
  private final List<String> out = new ArrayList<>();
  private final PointSink sink = (m, t, v) -> out.add(m + " " + v + " " + t);
  private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong(1000);

  @Test
  void emitsEachActiveIntervalAtItsFrequencyAndCorrectsLatePoints() {
    CarbonAggregator aggregator = new CarbonAggregator(List.of(
        AggregationRule.parse("<env>.all.requests (60) = sum <env>.<host>.requests")), sink, false, now::get);
    aggregator.accept("prod.web01.requests", 1000, 1);
    aggregator.accept("prod.web02.requests", 1010, 2);
    aggregator.accept("prod.web01.requests", 1070, 5); // the next interval
    aggregator.tick(1030);
    assertEquals(List.of(), out, "a minute has not passed since the buffer began");
    aggregator.tick(1060);
    assertEquals(List.of("prod.all.requests 3.0 960", "prod.all.requests 5.0 1020"), out);
    out.clear();
    aggregator.tick(1120);
    assertEquals(List.of(), out, "nothing new: inactive intervals are not re-sent");
    aggregator.accept("prod.web03.requests", 1005, 10); // late, into the first interval
    aggregator.tick(1180);
    assertEquals(List.of("prod.all.requests 13.0 960"), out, "the corrected aggregate over old and new values");
    aggregator.tick(1500);
    assertEquals(0, aggregator.bufferCount(), "intervals older than five frequencies are dropped");
  }

  @Test
  void forwardsInputsUnlessTheyNameTheirOwnAggregate() {
    CarbonAggregator aggregator = new CarbonAggregator(List.of(
        AggregationRule.parse("cpu.<h> (10) = max cpu.<h>")), sink, true, now::get);
    aggregator.accept("cpu.a", 100, 1);
    aggregator.accept("mem.a", 100, 2);
    assertEquals(List.of("mem.a 2.0 100"), out, "cpu.a is its own output, so only the aggregate goes on");
    out.clear();
    aggregator.tick(1010);
    assertEquals(List.of("cpu.a 1.0 100"), out);
  }
}
