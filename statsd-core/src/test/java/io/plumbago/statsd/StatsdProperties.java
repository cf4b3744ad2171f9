package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.plumbago.statsd.aggregate.Aggregator;
import io.plumbago.statsd.aggregate.JsNumber;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Seeded properties of the statsd parser and aggregator. */
class StatsdProperties {
  static long[] seeds() {
    long[] seeds = new long[40];
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0xabcd_0000L + i;
    }
    return seeds;
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void arbitraryPacketsNeverThrowAndEveryLineIsCounted(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
    String alphabet = "ab.:|@#,;=ms gch0123456789-+eE\n\r\t/\u00e9\u0000_{}";
    long lines = 0;
    for (int i = 0; i < 300; i++) {
      StringBuilder packet = new StringBuilder(random.nextInt(4) == 0 ? "_e{" : random.nextInt(4) == 0 ? "_sc|" : "");
      int length = random.nextInt(60);
      for (int k = 0; k < length; k++) {
        packet.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      for (String line : packet.toString().split("\n", -1)) {
        if (!line.isEmpty()) {
          lines++;
        }
      }
      try {
        aggregator.handlePacket(packet.toString());
      } catch (RuntimeException e) {
        fail("seed " + seed + ": " + packet, e);
      }
    }
    assertEquals(lines, aggregator.totals()[1], "seed " + seed);
    aggregator.flush(1, (m, t, v) -> { });
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void countersSumExactlyAcrossFlushes(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
    long sent = 0;
    double[] flushed = new double[1];
    for (int i = 0; i < 2000; i++) {
      int n = random.nextInt(100);
      sent += n;
      aggregator.handlePacket("k:" + n + "|c");
      if (random.nextInt(100) == 0) {
        aggregator.flush(i, (m, t, v) -> flushed[0] += m.equals("stats_counts.k") ? v : 0);
      }
    }
    aggregator.flush(9999, (m, t, v) -> flushed[0] += m.equals("stats_counts.k") ? v : 0);
    assertEquals((double) sent, flushed[0], "seed " + seed);
  }

  @ParameterizedTest
  @MethodSource("seeds")
  void jsNumberReadsWhatJavaWritesAndNeverThrows(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 500; i++) {
      double value = random.nextBoolean() ? random.nextInt() : random.nextDouble() * 1e9;
      assertEquals(value, JsNumber.parse(Double.toString(value).replace("E", "e")), "seed " + seed);
      StringBuilder junk = new StringBuilder();
      for (int k = random.nextInt(12); k > 0; k--) {
        junk.append("0x1.eE+-Infity b".charAt(random.nextInt(16)));
      }
      try {
        JsNumber.parse(junk.toString());
      } catch (RuntimeException e) {
        fail("seed " + seed + ": '" + junk + "'", e);
      }
    }
  }
}
