package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plumbago.carbon.CarbonReceiver;
import io.plumbago.statsd.aggregate.Aggregator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Etsy statsd itself (npm, run by node) is the oracle: the same packets go to it and to our aggregator, and the values
 * of one flush must agree name for name (apart from statsd's timings of itself).
 */
@Tag("interop")
class EtsyStatsdInteropTest {
  private static final Path STATSD = Path.of("/opt/peers/statsd/node_modules/statsd");
  /** statsd's measurements of its own run time, which no two runs share. */
  private static final Pattern TIMINGS = Pattern.compile(
      ".*(processing_time|graphiteStats\\..*|timestamp_lag|calculationtime).*");

  @TempDir
  Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Output options of Etsy's own config syntax: the defaults, and the configurations of the spec's examples. */
  static List<String> configs() {
    return List.of(
        "graphite: { legacyNamespace: true }",
        "graphite: { legacyNamespace: false }",
        "percentThreshold: [90, -10, 99.9], histogram: [ { metric: 'glork', bins: [100, 200, 'inf'] },"
            + " { metric: 'tt', bins: [3, 7.5] } ], graphite: { legacyNamespace: false }",
        "deleteIdleStats: true, prefixStats: 'mystatsd', graphite: { legacyNamespace: false, globalPrefix: 'app',"
            + " prefixCounter: '', prefixTimer: 't', prefixGauge: 'g', prefixSet: 's', globalSuffix: 'host1' }",
        "deleteCounters: true, deleteGauges: true, gaugesMaxTTL: 2, flush_counts: false, percentThreshold: 95");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void anActiveAndAnIdleFlushAgreeWithEtsyStatsd(String options) throws Exception {
    agreeWithEtsy(options, AggregatorTest.PACKETS);
  }

  /** Random lines, valid and not, in Etsy's grammar (avoiding the inputs that make Etsy itself throw). */
  @org.junit.jupiter.api.Test
  void randomPacketsAgreeWithEtsyStatsd() throws Exception {
    long seed = 2026;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    String[] names = {"a", "b.c", "d e", "f/g", "h+i", "tag;x=1", "j"};
    String[] values = {"1", "2.5", "-3", "+4", "0", "", "x", "1e3", "0x10", " 7 ", "-0", "Infinity", "abc"};
    String[] types = {"c", "ms", "g", "s", "h", "d", "ms\r", "g ", "C", "kv", ""};
    String[] rates = {"", "|@0.5", "|@.5", "|@1e-1", "|@abc", "|@-1", "|@1.5", "|@0.25x"};
    String[] tags = {"", "", "|#env:prod", "|#a:b,c", "|#x;y:z"};
    java.util.List<String> packets = new java.util.ArrayList<>();
    for (int p = 0; p < 300; p++) {
      StringBuilder packet = new StringBuilder();
      for (int l = random.nextInt(1, 4); l > 0; l--) {
        packet.append(names[random.nextInt(names.length)]);
        for (int sec = random.nextInt(0, 3); sec > 0; sec--) {
          packet.append(':').append(values[random.nextInt(values.length)]).append('|')
              .append(types[random.nextInt(types.length)]).append(rates[random.nextInt(rates.length)]);
        }
        packet.append(tags[random.nextInt(tags.length)]).append(l > 1 ? "\n" : "");
      }
      packets.add(packet.toString());
    }
    agreeWithEtsy("graphite: { legacyNamespace: false }, percentThreshold: [50, 90]", packets);
  }

  private void agreeWithEtsy(String options, List<String> packets) throws Exception {
    boolean present = Files.isRegularFile(STATSD.resolve("stats.js"));
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("Etsy statsd is required under CI: run ../shared/peers/install.sh");
    }
    assumeTrue(present, "skipped: Etsy statsd is not installed (../shared/peers/install.sh)");
    // flushes keyed by their timestamp, each a map of name to value
    Map<Long, Map<String, Double>> flushes = new ConcurrentSkipListMap<>();
    try (CarbonReceiver graphite = CarbonReceiver.builder(
        (m, t, v) -> flushes.computeIfAbsent(t, k -> new ConcurrentHashMap<>()).put(m, v))
        .plaintextTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
      graphite.start();
      int udp = freePort();
      Path config = dir.resolve("config.js");
      Files.writeString(config, "{ port: " + udp + ", address: '127.0.0.1', mgmt_port: " + freePort()
          + ", mgmt_address: '127.0.0.1', graphiteHost: '127.0.0.1', graphitePort: "
          + graphite.plaintextTcpAddress().getPort() + ", flushInterval: 1000,"
          + " backends: ['./backends/graphite'], " + options + " }\n");
      Process node = new ProcessBuilder("node", "stats.js", config.toString()).directory(STATSD.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("statsd.log").toFile()).start();
      try {
        // Wait for a first flush, then send everything at once so it all lands in the next one.
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (flushes.isEmpty()) {
          assertTrue(System.nanoTime() < deadline, "no flush from Etsy statsd: " + Files.readString(
              dir.resolve("statsd.log")));
          Thread.sleep(20);
        }
        Thread.sleep(100);
        int before = flushes.size();
        try (DatagramSocket socket = new DatagramSocket()) {
          int sent = 0;
          for (String packet : packets) {
            byte[] data = packet.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), udp));
            if (++sent % 10 == 0) {
              Thread.sleep(1); // paced, so node's default receive buffer never overflows
            }
          }
        }
        while (flushes.size() < before + 3) {
          assertTrue(System.nanoTime() < deadline, "Etsy statsd stopped flushing");
          Thread.sleep(20);
        }
      } finally {
        node.destroy();
      }
      List<Map<String, Double>> ordered = List.copyOf(flushes.values());
      int active = ordered.size() - 3;
      Aggregator ours = new Aggregator(StatsdConfig.read(config));
      ours.flush(1000, (m, t, v) -> { });
      packets.forEach(ours::handlePacket);
      for (int flush = 0; flush < 2; flush++) {
        Map<String, Double> mine = new TreeMap<>();
        ours.flush(1001 + flush, (m, t, v) -> mine.put(m, v));
        Map<String, Double> expected = new TreeMap<>(ordered.get(active + flush));
        expected.keySet().removeIf(k -> TIMINGS.matcher(k).matches());
        mine.keySet().removeIf(k -> TIMINGS.matcher(k).matches());
        mine.values().removeIf(v -> v.isNaN()); // the capture is a carbon listener, and carbon drops NaN
        String which = flush == 0 ? "active flush" : "idle flush";
        java.util.Set<String> missing = new java.util.TreeSet<>(expected.keySet());
        missing.removeAll(mine.keySet());
        java.util.Set<String> extra = new java.util.TreeSet<>(mine.keySet());
        extra.removeAll(expected.keySet());
        assertEquals(expected.keySet(), mine.keySet(), which + ": missing " + missing + ", extra " + extra);
        for (Map.Entry<String, Double> e : expected.entrySet()) {
          assertEquals(e.getValue(), mine.get(e.getKey()), 1e-9 * Math.max(1, Math.abs(e.getValue())),
              which + " " + e.getKey());
        }
      }
    }
  }
}
