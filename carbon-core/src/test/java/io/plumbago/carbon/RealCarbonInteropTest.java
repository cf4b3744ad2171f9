package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real carbon daemons (graphite-carbon 1.1.7) on both sides of our client and our pickle receiver. */
@Tag("interop")
class RealCarbonInteropTest {
  @TempDir
  Path dir;

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void requireCarbon() {
    PythonPeer.require("graphite-carbon (carbon-cache, carbon-relay)", Path.of("/usr/bin/carbon-cache"));
  }

  /** Writes a carbon.conf for one daemon in its own folder and starts it in the foreground. */
  private Process startCarbon(String daemon, String section) throws Exception {
    return startCarbon(daemon, section, "100000");
  }

  /** As above, writing at most {@code updatesPerSecond} whisper updates a second. */
  private Process startCarbon(String daemon, String section, String updatesPerSecond) throws Exception {
    Path root = Files.createDirectories(dir.resolve(daemon));
    for (String sub : List.of("whisper", "lists", "log", "pid")) {
      Files.createDirectories(root.resolve(sub));
    }
    Files.writeString(root.resolve("storage-schemas.conf"), "[default]\npattern = .*\nretentions = 10s:1d\n");
    Files.writeString(root.resolve("carbon.conf"), String.join("\n",
        "[cache]",
        "STORAGE_DIR = " + root + "/",
        "LOCAL_DATA_DIR = " + root + "/whisper/",
        "WHITELISTS_DIR = " + root + "/lists/",
        "CONF_DIR = " + root + "/",
        "LOG_DIR = " + root + "/log/",
        "PID_DIR = " + root + "/pid/",
        "USER =",
        "MAX_UPDATES_PER_SECOND = " + updatesPerSecond,
        "MAX_CREATES_PER_MINUTE = inf",
        "ENABLE_UDP_LISTENER = False",
        "CARBON_METRIC_INTERVAL = 0",
        "LINE_RECEIVER_INTERFACE = 127.0.0.1",
        "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
        "CACHE_QUERY_INTERFACE = 127.0.0.1",
        section, ""));
    return new ProcessBuilder(daemon, "--config=" + root.resolve("carbon.conf"), "--debug", "start")
        .redirectErrorStream(true).redirectOutput(root.resolve("out.log").toFile()).start();
  }

  private static void awaitListening(int port, Process daemon) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        assertTrue(daemon.isAlive() && System.nanoTime() < deadline, "carbon did not listen on " + port);
        Thread.sleep(100);
      }
    }
  }

  @Test
  void ourClientWritesIntoARealCarbonCacheOverPlaintextAndPickle() throws Exception {
    requireCarbon();
    int line = freePort();
    int pickle = freePort();
    Process cache = startCarbon("carbon-cache", "LINE_RECEIVER_PORT = " + line + "\nPICKLE_RECEIVER_PORT = " + pickle
        + "\nCACHE_QUERY_PORT = " + freePort());
    try {
      awaitListening(line, cache);
      awaitListening(pickle, cache);
      long now = System.currentTimeMillis() / 1000;
      long base = now - now % 10 - 300;
      for (CarbonClient.Protocol protocol : CarbonClient.Protocol.values()) {
        int port = protocol == CarbonClient.Protocol.PICKLE ? pickle : line;
        try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", port, null)).protocol(protocol)
            .build()) {
          for (int i = 0; i < 20; i++) {
            client.accept("plumbago." + protocol.name().toLowerCase() + ".m" + (i % 4), base + (i / 4) * 10L,
                i + 0.5);
          }
        }
      }
      Path whisper = dir.resolve("carbon-cache/whisper/plumbago");
      String script = String.join("\n",
          "import whisper, sys",
          "for proto in ('plaintext', 'pickle'):",
          "  for m in range(4):",
          "    (s, e, st), vals = whisper.fetch('" + whisper + "/%s/m%d.wsp' % (proto, m), " + (base - 10) + ", "
              + (base + 50) + ")",
          "    print(proto, m, [v for v in vals if v is not None])");
      String expected = "";
      for (String proto : List.of("plaintext", "pickle")) {
        for (int m = 0; m < 4; m++) {
          StringBuilder values = new StringBuilder();
          for (int i = m; i < 20; i += 4) {
            values.append(values.length() == 0 ? "" : ", ").append(i + 0.5);
          }
          expected += proto + " " + m + " [" + values + "]\n";
        }
      }
      String got = "";
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        got = python(script);
        if (got.equals(expected)) {
          break;
        }
        Thread.sleep(200);
      }
      assertEquals(expected, got, "carbon-cache wrote every point our client sent");
    } finally {
      cache.destroy();
      cache.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /**
   * graphite-web's side of CarbonLink against a real carbon-cache: writing one whisper update a second, it still holds
   * most of 40 metrics' points when CarbonLinkClient asks, and what it answers is exactly what was sent.
   */
  @Test
  void carbonLinkClientReadsARealCarbonCache() throws Exception {
    requireCarbon();
    int line = freePort();
    int query = freePort();
    Process cache = startCarbon("carbon-cache", "LINE_RECEIVER_PORT = " + line + "\nPICKLE_RECEIVER_PORT = "
        + freePort() + "\nCACHE_QUERY_PORT = " + query, "1");
    try (CarbonLinkClient link = CarbonLinkClient.of(List.of(new Destination("127.0.0.1", query, null)), 5_000,
        1_000)) {
      awaitListening(line, cache);
      awaitListening(query, cache);
      long now = System.currentTimeMillis() / 1000;
      long base = now - now % 10 - 300;
      try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", line, null)).build()) {
        for (int m = 0; m < 40; m++) {
          client.accept("linked.m" + m, base, m + 0.25);
          client.accept("linked.m" + m, base + 10, -m);
        }
      }
      int held = 0;
      long deadline = System.nanoTime() + 20_000_000_000L;
      for (int m = 0; m < 40 && System.nanoTime() < deadline; m++) {
        List<CachedPoint> points = link.query("linked.m" + m);
        if (points.isEmpty()) {
          continue; // written already, or not received yet
        }
        held++;
        List<CachedPoint> sorted = new java.util.ArrayList<>(points);
        sorted.sort(java.util.Comparator.comparingLong(CachedPoint::timestampSeconds));
        assertTrue(List.of(new CachedPoint(base, m + 0.25), new CachedPoint(base + 10, -m)).containsAll(sorted),
            "linked.m" + m + ": " + points);
      }
      assertTrue(held >= 20, "carbon-cache held " + held + " of 40 metrics when asked");
    } finally {
      cache.destroy();
      cache.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aRealCarbonRelayDeliversEveryPointToOurPickleReceiver() throws Exception {
    requireCarbon();
    Map<String, Double> got = new ConcurrentHashMap<>();
    try (CarbonReceiver receiver = CarbonReceiver.builder((m, t, v) -> got.put(m + " " + t, v))
        .pickleTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
      receiver.start();
      int line = freePort();
      Process relay = startCarbon("carbon-relay", "[relay]\nLINE_RECEIVER_INTERFACE = 127.0.0.1\n"
          + "PICKLE_RECEIVER_INTERFACE = 127.0.0.1\nLINE_RECEIVER_PORT = " + line + "\nPICKLE_RECEIVER_PORT = "
          + freePort() + "\nRELAY_METHOD = consistent-hashing\nDESTINATION_PROTOCOL = pickle\nDESTINATIONS = "
          + "127.0.0.1:" + receiver.pickleAddress().getPort() + "\nMAX_QUEUE_SIZE = 100000\nUSER =");
      try {
        awaitListening(line, relay);
        int n = 2000;
        try (Socket socket = new Socket("127.0.0.1", line)) {
          OutputStream out = socket.getOutputStream();
          StringBuilder lines = new StringBuilder();
          for (int i = 0; i < n; i++) {
            lines.append("relay.test.m").append(i % 50).append(' ').append(i * 0.25).append(' ')
                .append(1_700_000_000L + i).append('\n');
          }
          out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (got.size() < n && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        String log = Files.readString(dir.resolve("carbon-relay/out.log"));
        assertEquals(n, got.size(), () -> "every point carbon-relay forwarded arrived; its log:\n"
            + log.substring(Math.max(0, log.length() - 3000)));
        for (int i = 0; i < n; i++) {
          assertEquals(i * 0.25, got.get("relay.test.m" + (i % 50) + " " + (1_700_000_000L + i)));
        }
        assertEquals(0, receiver.stats().badFrames());
      } finally {
        relay.destroy();
        relay.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** The script's output, or its error while carbon-cache has not written the files yet. */
  private static String python(String script) throws Exception {
    try {
      return PythonPeer.python(script, "");
    } catch (AssertionError notYet) {
      return notYet.getMessage();
    }
  }

}
