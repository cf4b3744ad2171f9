package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.plumbago.carbon.PointSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The differential test: Etsy statsd itself (npm, run by node) is the oracle. Every case of a corpus file is sent over
 * UDP to both Etsy statsd and a {@link StatsdServer} with the same config within one flush interval (each case under
 * its own key prefix, so one flush serves the whole file), and the lines each flushes to its carbon sink are compared
 * for that flush and the idle ones after it: names exactly, values exactly, timestamps within the flush instant.
 * statsd's measurements of itself (run times, payload length, lag) are compared by shape.
 */
@Tag("interop")
class EtsyStatsdInteropTest {
  private static final Path STATSD = Path.of("/opt/peers/statsd/node_modules/statsd");
  private static final int FLUSH_MILLIS = 1000;
  /** Run times in milliseconds, which no two runs share. */
  private static final Pattern RUN_TIMES = Pattern.compile(".*(processing_time|calculationtime|flush_time)\\b.*");

  @TempDir
  Path dir;

  /** One line a server flushed to carbon. */
  record Line(String name, double value, long timestampSeconds) {}

  static Stream<String> corpus() {
    return StatsdCorpus.files();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void everyCorpusCaseFlushesWhatEtsyStatsdFlushes(String file) throws Exception {
    StatsdCorpus corpus = StatsdCorpus.read(file);
    assertTrue(corpus.cases().size() > 0, file);
    differential(corpus);
  }

  @Test
  void corpusHoldsAtLeastTwoHundredCases() throws IOException {
    int cases = 0;
    for (String file : StatsdCorpus.files().toList()) {
      cases += StatsdCorpus.read(file).cases().size();
    }
    assertTrue(cases >= 200, "corpus cases: " + cases);
  }

  /** Random lines, valid and not, in Etsy's grammar (avoiding the inputs that make Etsy itself throw). */
  @Test
  void randomPacketsFlushWhatEtsyStatsdFlushes() throws Exception {
    long seed = 2026;
    SplittableRandom random = new SplittableRandom(seed);
    String[] names = {"a", "b.c", "d e", "f/g", "h+i", "tag;x=1", "j"};
    String[] values = {"1", "2.5", "-3", "+4", "0", "", "x", "1e3", "0x10", " 7 ", "-0", "Infinity", "abc"};
    String[] types = {"c", "ms", "g", "s", "h", "d", "ms\r", "g ", "C", "kv", ""};
    String[] rates = {"", "|@0.5", "|@.5", "|@1e-1", "|@abc", "|@-1", "|@1.5", "|@0.25x"};
    String[] tags = {"", "", "|#env:prod", "|#a:b,c", "|#x;y:z"};
    List<String> packets = new ArrayList<>();
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
    differential(new StatsdCorpus("random packets, seed " + seed,
        "graphite: { legacyNamespace: false }, percentThreshold: [50, 90]", null, 2,
        List.of(new StatsdCorpus.Case("", "random", packets))));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Runs the corpus through both servers and compares. node's socket has a small receive buffer and the machine may be
   * busy, so when Etsy statsd did not count every datagram in the interval they were sent in (its own
   * {@code packets_received} says so) the oracle is unusable and the run is repeated, at most three times.
   */
  private void differential(StatsdCorpus corpus) throws Exception {
    boolean present = Files.isRegularFile(STATSD.resolve("stats.js"));
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("Etsy statsd is required under CI: run ../shared/peers/install.sh");
    }
    assumeTrue(present, "skipped: Etsy statsd is not installed (../shared/peers/install.sh)");
    for (int attempt = 1; ; attempt++) {
      List<List<Line>[]> flushes = run(corpus);
      if (attempt == 3 || packetsReceived(flushes.get(0)[0]).equals(packetsReceived(flushes.get(0)[1]))) {
        for (int i = 0; i < flushes.size(); i++) {
          compare(corpus, i, flushes.get(i)[0], flushes.get(i)[1]);
        }
        return;
      }
    }
  }

  private static Map<String, Double> packetsReceived(List<Line> flush) {
    Map<String, Double> out = new TreeMap<>();
    flush.stream().filter(l -> l.name().contains(".packets_received")).forEach(l -> out.put(l.name(), l.value()));
    return out;
  }

  /** Etsy's and our lines, flush by flush, from the one holding the datagrams on. */
  @SuppressWarnings("unchecked")
  private List<List<Line>[]> run(StatsdCorpus corpus) throws Exception {
    Capture etsy = new Capture();
    Capture ours = new Capture();
    try (ServerSocket carbon = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor = new Thread(() -> etsy.acceptFlushes(carbon), "etsy-carbon");
      acceptor.setDaemon(true);
      acceptor.start();
      int udp = freePort();
      Path config = dir.resolve("config.js");
      Files.writeString(config, "{ port: " + udp + ", address: '127.0.0.1', mgmt_port: " + freePort()
          + ", mgmt_address: '127.0.0.1', graphiteHost: '127.0.0.1', graphitePort: " + carbon.getLocalPort()
          + ", flushInterval: " + FLUSH_MILLIS + ", backends: ['./backends/graphite'], " + corpus.options() + " }\n");
      Process node = new ProcessBuilder("node", "stats.js", config.toString()).directory(STATSD.toFile())
          .redirectErrorStream(true).redirectOutput(dir.resolve("statsd.log").toFile()).start();
      StatsdServer server = StatsdServer.builder(ours).config(StatsdConfig.read(config))
          .udp(new InetSocketAddress("127.0.0.1", 0)).build();
      int etsyBefore;
      int oursBefore;
      try {
        server.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        // Both flush every second, each on its own phase: send in a stretch that is well inside both intervals.
        while (etsy.flushes.isEmpty() || ours.flushes.isEmpty()
            || etsy.millisToNextFlush() < 400 || ours.millisToNextFlush() < 400) {
          assertTrue(System.nanoTime() < deadline, "no flush window: " + Files.readString(dir.resolve("statsd.log")));
          Thread.sleep(5);
        }
        etsyBefore = etsy.flushes.size();
        oursBefore = ours.flushes.size();
        send(corpus.packets(), udp, server.udpAddress().getPort());
        while (etsy.flushes.size() < etsyBefore + corpus.flushes() || ours.flushes.size() < oursBefore
            + corpus.flushes()) {
          assertTrue(System.nanoTime() < deadline, "flushes stopped: " + Files.readString(dir.resolve("statsd.log")));
          Thread.sleep(20);
        }
      } finally {
        node.destroy();
        server.close();
      }
      List<List<Line>[]> out = new ArrayList<>();
      for (int i = 0; i < corpus.flushes(); i++) {
        out.add(new List[] {etsy.flushes.get(etsyBefore + i), ours.flushes.get(oursBefore + i)});
      }
      return out;
    }
  }

  /** Each datagram to Etsy then to us, paced so node's default receive buffer never overflows. */
  private static void send(List<String> packets, int etsyPort, int oursPort) throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (DatagramSocket socket = new DatagramSocket()) {
      int sent = 0;
      for (String packet : packets) {
        byte[] data = packet.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(data, data.length, loopback, etsyPort));
        socket.send(new DatagramPacket(data, data.length, loopback, oursPort));
        if (++sent % 10 == 0) {
          Thread.sleep(1);
        }
      }
    }
  }

  private static void compare(StatsdCorpus corpus, int flush, List<Line> etsyLines, List<Line> ourLines) {
    Map<String, Line> expected = byName(etsyLines, corpus.ignore());
    Map<String, Line> got = byName(ourLines, corpus.ignore());
    TreeSet<String> missing = new TreeSet<>(expected.keySet());
    missing.removeAll(got.keySet());
    TreeSet<String> extra = new TreeSet<>(got.keySet());
    extra.removeAll(expected.keySet());
    List<String> problems = new ArrayList<>();
    missing.forEach(n -> problems.add("missing " + n + " " + expected.get(n).value() + " of " + corpus.caseOf(n)));
    extra.forEach(n -> problems.add("extra " + n + " " + got.get(n).value() + " of " + corpus.caseOf(n)));
    for (Line e : expected.values()) {
      Line o = got.get(e.name());
      if (o == null) {
        continue;
      }
      if (Math.abs(e.timestampSeconds() - o.timestampSeconds()) > 1) {
        problems.add(e.name() + " stamped " + o.timestampSeconds() + ", Etsy " + e.timestampSeconds());
      }
      if (!sameShape(e, o, flush)) {
        problems.add(e.name() + " = " + o.value() + ", Etsy " + e.value() + " (" + corpus.caseOf(e.name()) + ")");
      }
    }
    assertTrue(expected.size() > 10, corpus.file() + ": Etsy flushed only " + expected.keySet());
    assertEquals(List.of(), problems, corpus.file() + ", flush " + flush + " after the datagrams: " + problems.size()
        + " differences");
  }

  /**
   * Values exactly, except statsd's measurements of itself, which must only look alike. The payload length describes
   * the previous flush, which is compared whole from the second flush on (before it, each server's previous flush
   * came from its own start, with or without the lag gauge).
   */
  private static boolean sameShape(Line etsy, Line ours, int flush) {
    String name = etsy.name();
    double e = etsy.value();
    double o = ours.value();
    if (RUN_TIMES.matcher(name).matches()) {
      return o >= 0 && o == Math.rint(o) && o < 1000;
    }
    if (name.contains(".graphiteStats.last_flush")) {
      return Math.abs(o - e) <= 2;
    }
    if (name.contains(".graphiteStats.flush_length")) {
      return flush == 0 ? o > 0 : Math.abs(o - e) <= 0.02 * e;
    }
    if (name.contains("timestamp_lag")) {
      return Math.abs(o) <= 1 && Math.abs(e) <= 1;
    }
    return Double.compare(e, o) == 0 || (e == 0 && o == 0);
  }

  private static Map<String, Line> byName(List<Line> lines, Pattern ignore) {
    Map<String, Line> out = new TreeMap<>();
    for (Line line : lines) {
      if (ignore == null || !ignore.matcher(line.name()).matches()) {
        out.put(line.name(), line);
      }
    }
    return out;
  }

  /** The flushes one server sent: Etsy's as one carbon connection each, ours as one sink batch each. */
  static final class Capture implements PointSink {
    final List<List<Line>> flushes = new CopyOnWriteArrayList<>();
    private volatile long lastFlushNanos;
    private List<Line> batch = new ArrayList<>();

    long millisToNextFlush() {
      return FLUSH_MILLIS - (System.nanoTime() - lastFlushNanos) / 1_000_000;
    }

    @Override
    public synchronized void accept(String metric, long timestampSeconds, double value) {
      if (batch.isEmpty()) {
        lastFlushNanos = System.nanoTime();
      }
      batch.add(new Line(metric, value, timestampSeconds));
    }

    @Override
    public synchronized void endOfBatch() {
      flushes.add(List.copyOf(batch));
      batch = new ArrayList<>();
    }

    void acceptFlushes(ServerSocket carbon) {
      while (!carbon.isClosed()) {
        try (Socket connection = carbon.accept(); InputStream in = connection.getInputStream()) {
          lastFlushNanos = System.nanoTime();
          List<Line> lines = new ArrayList<>();
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
              String[] f = line.split(" ");
              lines.add(new Line(f[0], Double.parseDouble(f[1]), Long.parseLong(f[2])));
            }
          }
          flushes.add(List.copyOf(lines));
        } catch (IOException e) {
          return; // closed at the end of the test
        }
      }
    }
  }
}
