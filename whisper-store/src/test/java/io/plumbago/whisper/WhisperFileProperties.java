package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.io.TempDir;

/** Seeded properties of the whisper codec: round trips, and arbitrary bytes never throw anything undocumented. */
class WhisperFileProperties {
  @TempDir Path dir;

  @RepeatedTest(40)
  void everyPointWrittenWithinTheFinestArchiveIsReadBack(RepetitionInfo info) throws IOException {
    long seed = 0xC0FFEEL * info.getCurrentRepetition();
    SplittableRandom random = new SplittableRandom(seed);
    int step = 1 + random.nextInt(60);
    int points = 10 + random.nextInt(500);
    long now = 1_600_000_000L + random.nextInt(1_000_000);
    Map<Long, Double> expected = new HashMap<>();
    try (WhisperFile file = WhisperFile.create(dir.resolve(seed + ".wsp"), List.of(new Retention(step, points)),
        0.5f, AggregationMethod.AVERAGE, true)) {
      for (int batch = 0; batch < 20; batch++) {
        int n = 1 + random.nextInt(50);
        long[] ts = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          long interval = now - (long) random.nextInt(points) * step;
          interval -= Math.floorMod(interval, step);
          ts[i] = interval;
          values[i] = random.nextDouble();
          expected.putIfAbsent(interval, values[i]);
          if (!expected.get(interval).equals(values[i]) && !containsBefore(ts, i, interval)) {
            expected.put(interval, values[i]);
          }
        }
        file.updateMany(ts, values, n, now);
      }
      FetchResult result = file.fetch(now - (long) points * step, now, now);
      for (int i = 0; i < result.values().length; i++) {
        Double want = expected.get(result.timestampAt(i));
        if (want != null && Double.compare(want, result.values()[i]) != 0) {
          fail("seed " + seed + ": at " + result.timestampAt(i) + " expected " + want + " got " + result.values()[i]);
        }
        if (want == null && !Double.isNaN(result.values()[i]) && result.timestampAt(i) <= now) {
          fail("seed " + seed + ": a value appeared at " + result.timestampAt(i) + " that was never written");
        }
      }
    }
  }

  private static boolean containsBefore(long[] ts, int end, long interval) {
    for (int i = 0; i < end; i++) {
      if (ts[i] == interval) {
        return true;
      }
    }
    return false;
  }

  @RepeatedTest(200)
  void arbitraryBytesOnlyEverFailWithWhisperFormatException(RepetitionInfo info) throws IOException {
    long seed = 0xBADL * info.getCurrentRepetition();
    SplittableRandom random = new SplittableRandom(seed);
    byte[] bytes = new byte[random.nextInt(400)];
    random.nextBytes(bytes);
    if (bytes.length >= 16 && random.nextBoolean()) { // make the header plausible so deeper checks are reached
      bytes[0] = 0;
      bytes[1] = 0;
      bytes[2] = 0;
      bytes[3] = (byte) (1 + random.nextInt(8));
      bytes[12] = 0;
      bytes[13] = 0;
      bytes[14] = 0;
      bytes[15] = (byte) random.nextInt(4);
      bytes[8] = 0x3f;
    }
    Path path = dir.resolve("junk.wsp");
    Files.write(path, bytes);
    try (WhisperFile file = WhisperFile.open(path)) {
      long now = 1_700_000_000L;
      file.fetch(now - random.nextInt(100_000), now, now);
      file.updateMany(new long[] {now - random.nextInt(1000)}, new double[] {1}, 1, now);
      assertEquals(bytes.length, Files.size(path), "seed " + seed + ": the file changed size");
    } catch (WhisperFormatException expected) {
      // the documented failure
    } catch (RuntimeException e) {
      throw new AssertionError("seed " + seed + ": undocumented " + e, e);
    }
  }
}
