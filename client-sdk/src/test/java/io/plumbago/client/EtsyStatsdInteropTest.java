package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StatsdClient into Etsy statsd 0.9+ itself (npm, run by node), whose graphite backend flushes into a plain TCP
 * listener here: every count, gauge, timer and set the client sent comes out of statsd's flushes exactly.
 */
@Tag("interop")
class EtsyStatsdInteropTest {
  private static final Path STATSD = Path.of("/opt/peers/statsd/node_modules/statsd");

  @TempDir
  Path dir;

  /** Flushed lines ({@code name value timestamp}), as carbon would receive them, one list per connection. */
  private static final class GraphiteCapture implements AutoCloseable {
    final ServerSocket server;
    final List<List<String>> flushes = new CopyOnWriteArrayList<>();

    GraphiteCapture() throws Exception {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(() -> {
        while (!server.isClosed()) {
          try (Socket socket = server.accept();
               BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                   StandardCharsets.UTF_8))) {
            flushes.add(in.lines().toList());
          } catch (Exception closed) {
            // the test is over
          }
        }
      });
      accept.setDaemon(true);
      accept.start();
    }

    @Override
    public void close() throws java.io.IOException {
      server.close();
    }
  }

  @Test
  void everyMetricTheClientSentComesOutOfEtsyStatsdExactly() throws Exception {
    Peers.require("Etsy statsd", STATSD.resolve("stats.js"));
    try (GraphiteCapture graphite = new GraphiteCapture()) {
      int udp = Peers.freePort();
      Path config = dir.resolve("config.js");
      Files.writeString(config, "{ port: " + udp + ", address: '127.0.0.1', mgmt_port: " + Peers.freePort()
          + ", mgmt_address: '127.0.0.1', graphiteHost: '127.0.0.1', graphitePort: " + graphite.server.getLocalPort()
          + ", flushInterval: 1000, backends: ['./backends/graphite'], graphite: { legacyNamespace: false } }\n");
      Path log = dir.resolve("statsd.log");
      Process node = new ProcessBuilder("node", "stats.js", config.toString()).directory(STATSD.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (graphite.flushes.isEmpty()) {
          assertTrue(System.nanoTime() < deadline, () -> "no flush from Etsy statsd: " + Peers.read(log));
          Thread.sleep(20);
        }
        try (StatsdClient client = StatsdClient.builder().port(udp).prefix("sdk").constantTags("env:test")
            .build()) {
          for (int i = 0; i < 500; i++) {
            client.count("hits", 3, "route:a", "code:200");
            client.increment("plain");
            client.time("db", i % 50);
            client.set("users", "u" + i % 7);
          }
          client.gauge("queue", 12.5);
          client.gauge("balance", -4);
          client.count("a b/c", 2);
          assertEquals(0, client.dropped());
        }
        int before = graphite.flushes.size();
        while (graphite.flushes.size() < before + 3) {
          assertTrue(System.nanoTime() < deadline, () -> "Etsy statsd stopped flushing: " + Peers.read(log));
          Thread.sleep(20);
        }
      } finally {
        Peers.stop(node);
      }
      // what the sends added up to, over every flush they may have straddled
      Map<String, Double> sums = new ConcurrentHashMap<>();
      Map<String, Double> last = new ConcurrentHashMap<>();
      for (List<String> flush : graphite.flushes) {
        for (String line : flush) {
          String[] f = line.split(" ");
          sums.merge(f[0], Double.parseDouble(f[1]), Double::sum);
          last.put(f[0], Double.parseDouble(f[1]));
        }
      }
      assertEquals(1500.0, sums.get("stats.counters.sdk.hits.count;env=test;route=a;code=200"));
      assertEquals(500.0, sums.get("stats.counters.sdk.plain.count;env=test"));
      assertEquals(2.0, sums.get("stats.counters.sdk.a_b-c.count;env=test"));
      assertEquals(500.0, sums.get("stats.timers.sdk.db.count;env=test"));
      assertEquals(10 * (49 * 50 / 2.0), sums.get("stats.timers.sdk.db.sum;env=test"));
      assertEquals(49.0, maxOf(graphite, "stats.timers.sdk.db.upper;env=test"));
      assertEquals(12.5, last.get("stats.gauges.sdk.queue;env=test"));
      assertEquals(-4.0, last.get("stats.gauges.sdk.balance;env=test"), "a negative gauge is set, not added");
      // seven distinct members: all in one flush, or split over two that together saw each at least once
      double setMax = maxOf(graphite, "stats.sets.sdk.users.count;env=test");
      assertTrue(setMax == 7 || setMax < 7 && sums.get("stats.sets.sdk.users.count;env=test") >= 7, sums.toString());
    }
  }

  private static double maxOf(GraphiteCapture graphite, String name) {
    return graphite.flushes.stream().flatMap(List::stream).filter(l -> l.startsWith(name + " "))
        .mapToDouble(l -> Double.parseDouble(l.split(" ")[1])).max().orElse(Double.NaN);
  }
}
