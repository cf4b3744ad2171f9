package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.statsd.aggregate.Aggregator;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded properties of {@code timerSignificantDigits}: bounded timers stay within their documented error. */
class BoundedTimerProperties {
  private static Map<String, Double> flush(StatsdConfig config, String packets) {
    Aggregator aggregator = new Aggregator(config, EventSink.NONE, 0);
    aggregator.handlePacket(packets);
    Map<String, Double> out = new TreeMap<>();
    aggregator.flush(10, (m, t, v) -> {
      if (m.startsWith("stats.timers.")) {
        out.put(m, v);
      }
    });
    return out;
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void everyTimerStatisticIsWithinTheRelativeErrorOfItsDigits(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int digits = 1 + (int) (seed % 4);
    int samples = random.nextInt(1, 20_000);
    StringBuilder packets = new StringBuilder();
    for (int i = 0; i < samples; i++) {
      double value = Math.exp(random.nextDouble(-5, 12)); // 0.007 ms to 160 s
      packets.append("t:").append(value).append(random.nextInt(4) == 0 ? "|ms|@0.5\n" : "|ms\n");
    }
    StatsdConfig exact = StatsdConfig.builder().percentThresholds(java.util.List.of(50.0, 90.0, -10.0)).build();
    Map<String, Double> expected = flush(exact, packets.toString());
    Map<String, Double> bounded = flush(exact.toBuilder().timerSignificantDigits(digits).build(), packets.toString());
    assertEquals(expected.keySet(), bounded.keySet(), "seed " + seed);
    double error = Math.pow(10, -digits);
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      String name = e.getKey();
      double want = e.getValue();
      double got = bounded.get(name);
      if (name.contains("count") || samples <= 1024) {
        assertEquals(want, got, "seed " + seed + ": " + name + " is exact");
      } else if (name.contains("sum_squares")) {
        assertTrue(Math.abs(got - want) <= 2.01 * error * want, "seed " + seed + ": " + name + " " + got + " " + want);
      } else if (!name.endsWith(".std")) {
        assertTrue(Math.abs(got - want) <= error * Math.abs(want), "seed " + seed + ", " + digits + " digits: " + name
            + " = " + got + ", exactly " + want);
      }
    }
  }
}
