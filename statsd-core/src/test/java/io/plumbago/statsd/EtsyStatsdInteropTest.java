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
import org.junit.jupiter.params.provider.ValueSource;

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

  @ParameterizedTest(name = "legacyNamespace {0}")
  @ValueSource(booleans = {true, false})
  void oneFlushAgreesWithEtsyStatsd(boolean legacy) throws Exception {
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
          + graphite.plaintextTcpAddress().getPort() + ", flushInterval: 2000, percentThreshold: [90],"
          + " backends: ['./backends/graphite'], graphite: { legacyNamespace: " + legacy + " } }\n");
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
          for (String packet : AggregatorTest.PACKETS) {
            byte[] data = packet.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(data, data.length, InetAddress.getLoopbackAddress(), udp));
          }
        }
        while (flushes.size() < before + 2) {
          assertTrue(System.nanoTime() < deadline, "Etsy statsd stopped flushing");
          Thread.sleep(20);
        }
      } finally {
        node.destroy();
      }
      List<Map<String, Double>> ordered = List.copyOf(flushes.values());
      Map<String, Double> theirs = ordered.get(ordered.size() - 2);
      Aggregator ours = new Aggregator(StatsdConfig.defaults().withFlushIntervalSeconds(2).withLegacyNamespace(legacy));
      ours.flush(1000, (m, t, v) -> { });
      AggregatorTest.PACKETS.forEach(ours::handlePacket);
      Map<String, Double> mine = new TreeMap<>();
      ours.flush(1002, (m, t, v) -> mine.put(m, v));
      Map<String, Double> expected = new TreeMap<>(theirs);
      expected.keySet().removeIf(k -> TIMINGS.matcher(k).matches());
      mine.keySet().removeIf(k -> TIMINGS.matcher(k).matches());
      assertEquals(expected.keySet(), mine.keySet());
      for (Map.Entry<String, Double> e : expected.entrySet()) {
        assertEquals(e.getValue(), mine.get(e.getKey()), 1e-9 * Math.max(1, Math.abs(e.getValue())), e.getKey());
      }
    }
  }
}
