package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded model check: after random single-point updates into a one-archive file, every fetch equals a plain map of
 * interval to value in which a newer interval evicts the one a retention earlier (the ring's slot).
 */
class WhisperModelProperties {
  @TempDir
  Path dir;

  static long[] seeds() {
    long[] seeds = new long[60];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0x30DE_0000L + i;
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void fetchAgreesWithAMapModel(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    int step = 1 + random.nextInt(60);
    int points = 2 + random.nextInt(50);
    long retention = (long) step * points;
    Map<Long, Double> model = new HashMap<>();
    long now = 1_600_000_000L + random.nextInt(1_000_000);
    try (WhisperFile file = WhisperFile.create(dir.resolve(seed + ".wsp"), List.of(new Retention(step, points)),
        0.5f, AggregationMethod.AVERAGE, random.nextBoolean())) {
      for (int op = 0; op < 300; op++) {
        now += random.nextInt(3) == 0 ? random.nextLong(retention * 2) : random.nextInt(step + 1);
        if (random.nextInt(3) > 0) {
          long ts = now - random.nextLong(retention);
          double value = random.nextInt(1000) - 500 + random.nextDouble();
          file.update(value, ts, now);
          long interval = ts - Math.floorMod(ts, step);
          model.keySet().removeIf(k -> Math.floorMod(k - interval, retention) == 0);
          model.put(interval, value);
        } else {
          long from = now - random.nextLong(retention + step * 3L);
          long until = Math.min(now, from + random.nextLong(retention));
          FetchResult result = file.fetch(from, until, now);
          if (from > now || until < now - retention) { // wholly in the future or beyond retention: whisper's None
            assertNull(result, "seed " + seed);
            continue;
          }
          long clampedFrom = Math.max(from, now - retention);
          assertEquals(clampedFrom - Math.floorMod(clampedFrom, step) + step, result.fromSeconds(), "seed " + seed);
          for (int i = 0; i < result.values().length; i++) {
            long t = result.timestampAt(i);
            Double expected = model.get(t);
            double got = result.values()[i];
            assertEquals(expected == null ? Double.NaN : expected, got, "seed " + seed + " op " + op + " t " + t);
          }
        }
      }
    }
  }
}
