package io.plumbago.carbon.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded: the cache's per-metric arrays behave as a sorted map with carbon's last-write-wins. */
class MetricPointsProperties {
  static long[] seeds() {
    long[] seeds = new long[200];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0xC0FFEEL + i;
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void behavesAsASortedLastWriteWinsMap(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    MetricPoints points = new MetricPoints(5);
    TreeMap<Long, Double> model = new TreeMap<>();
    long clock = random.nextLong(1_000_000);
    int operations = 1 + random.nextInt(300);
    for (int op = 0; op < operations; op++) {
      // mostly in time order, sometimes late, sometimes repeated
      long ts = switch (random.nextInt(4)) {
        case 0, 1 -> clock += random.nextInt(1, 20);
        case 2 -> clock - random.nextInt(200);
        default -> model.isEmpty() ? clock : model.firstKey() + random.nextInt(5);
      };
      double value = switch (random.nextInt(20)) { // the value's bits are kept exactly
        case 0 -> -0.0;
        case 1 -> Double.NaN;
        case 2 -> Double.longBitsToDouble(0x7ff8_0000_0000_00abL);
        default -> random.nextDouble();
      };
      boolean grew = model.put(ts, value) == null;
      assertEquals(grew, points.put(ts, value, 5 + random.nextInt(3)), "seed " + seed);
    }
    MetricPoints older = new MetricPoints(2);
    TreeMap<Long, Double> olderModel = new TreeMap<>();
    for (int i = random.nextInt(50); i > 0; i--) {
      long ts = clock - random.nextInt(400);
      double value = -random.nextDouble();
      olderModel.put(ts, value);
      older.put(ts, value, 2);
    }
    int added = 0;
    for (var e : olderModel.entrySet()) {
      if (model.putIfAbsent(e.getKey(), e.getValue()) == null) {
        added++;
      }
    }
    assertEquals(added, points.putAbsent(older), "seed " + seed);
    assertEquals(2, points.firstSegment(), "seed " + seed);
    assertEquals(model.size(), points.size(), "seed " + seed);
    assertEquals(model.firstKey(), points.oldest(), "seed " + seed);
    long[] ts = new long[points.size()];
    double[] values = new double[points.size()];
    points.copyTo(ts, values);
    assertEquals(Arrays.toString(model.keySet().stream().mapToLong(Long::longValue).toArray()), Arrays.toString(ts),
        "seed " + seed);
    assertEquals(model.values().toString(), Arrays.toString(values), "seed " + seed);
    for (int i = 0; i < values.length; i++) {
      assertEquals(Double.doubleToRawLongBits(model.get(ts[i])), Double.doubleToRawLongBits(values[i]),
          "seed " + seed);
    }
    TreeMap<Long, Double> copied = new TreeMap<>();
    points.copyInto(copied);
    assertEquals(model, copied, "seed " + seed);
  }
}
