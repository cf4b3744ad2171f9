package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.plumbago.statsd.aggregate.Aggregator;
import io.plumbago.statsd.aggregate.JsNumber;
import io.plumbago.carbon.PointSink;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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

  static long[] fewSeeds() {
    return Arrays.copyOf(seeds(), 8);
  }

  /**
   * Four threads send random packets (fast-path and tagged lines, sample rates, timers) while a fifth flushes: the
   * counts flushed over all intervals equal what was sent, key by key, and statsd's own counters equal the packets and
   * lines sent.
   */
  @ParameterizedTest
  @MethodSource("fewSeeds")
  void concurrentCountsAcrossFlushesEqualTheModel(long seed) throws Exception {
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults(), EventSink.NONE, 0, 8);
    Map<String, Double> model = new ConcurrentHashMap<>();
    Map<String, Double> flushed = new ConcurrentHashMap<>();
    AtomicLong packets = new AtomicLong();
    AtomicLong lines = new AtomicLong();
    PointSink collect = (m, t, v) -> {
      if (m.startsWith("stats_counts.") || m.startsWith("stats.timers.") && m.endsWith(".count")) {
        flushed.merge(m, v, Double::sum);
      }
    };
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread flusher = new Thread(() -> {
      long now = 1;
      while (sending.get()) {
        aggregator.flush(now++, collect);
        Thread.onSpinWait();
      }
    });
    flusher.start();
    List<Thread> senders = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      SplittableRandom random = new SplittableRandom(seed * 31 + t);
      senders.add(new Thread(() -> {
        for (int p = 0; p < 3000; p++) {
          StringBuilder packet = new StringBuilder();
          int n = random.nextInt(1, 6);
          for (int l = 0; l < n; l++) {
            String key = "k" + random.nextInt(20);
            int value = random.nextInt(100);
            switch (random.nextInt(4)) {
              case 0 -> {
                packet.append(key).append(':').append(value).append("|c|@0.5");
                model.merge("stats_counts." + key, value * 2.0, Double::sum);
              }
              case 1 -> {
                packet.append(key).append(':').append(value).append("|c|#a:b");
                model.merge("stats_counts." + key + ";a=b", (double) value, Double::sum);
              }
              case 2 -> {
                packet.append(key).append(':').append(value).append("|ms");
                model.merge("stats.timers." + key + ".count", 1.0, Double::sum);
              }
              default -> {
                packet.append(key).append(':').append(value).append("|c");
                model.merge("stats_counts." + key, (double) value, Double::sum);
              }
            }
            packet.append('\n');
          }
          aggregator.handlePacket(packet.toString());
          packets.incrementAndGet();
          lines.addAndGet(n);
        }
      }));
    }
    senders.forEach(Thread::start);
    for (Thread sender : senders) {
      sender.join(60_000);
    }
    sending.set(false);
    flusher.join(60_000);
    aggregator.flush(Long.MAX_VALUE / 2, collect);
    model.put("stats_counts.statsd.packets_received", (double) packets.get());
    model.put("stats_counts.statsd.metrics_received", (double) lines.get());
    model.put("stats_counts.statsd.bad_lines_seen", 0.0);
    assertEquals(new TreeMap<>(model), new TreeMap<>(flushed), "seed " + seed);
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
