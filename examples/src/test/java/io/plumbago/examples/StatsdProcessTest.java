package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.carbon.CarbonReceiver;
import io.plumbago.client.StatsdClient;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plumbago statsd} as a real process: Etsy's config file, and the last flush on SIGTERM reaches carbon. */
class StatsdProcessTest {
  @TempDir
  Path dir;

  @Test
  void flushesWhatItReceivedToCarbonWhenTerminated() throws Exception {
    Map<String, Double> carbon = new ConcurrentHashMap<>();
    try (CarbonReceiver cache = CarbonReceiver.builder((m, t, v) -> carbon.merge(m, v, Double::sum))
        .plaintextTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
      cache.start();
      Path config = dir.resolve("config.js");
      Files.writeString(config, "{ flushInterval: 3600000, // an hour: only the last flush can send\n"
          + "  graphite: { legacyNamespace: false, globalPrefix: 'app' } }\n");
      try (ProgramProcess statsd = new ProgramProcess(2, "statsd", "--listen", "127.0.0.1:0", "--carbon",
          "127.0.0.1:" + cache.plaintextTcpAddress().getPort(), "--config", config.toString())) {
        assertEquals(List.of("statsd-tcp", "statsd-udp"), List.copyOf(statsd.ports().keySet()));
        try (StatsdClient client = StatsdClient.create("127.0.0.1", statsd.ports().get("statsd-udp"), "")) {
          for (int i = 0; i < 3; i++) {
            client.increment("x");
          }
          client.gauge("queue", 7);
        }
        Thread.sleep(300);
        int status = statsd.terminate();
        assertTrue(status == 0 || status == 143, "exit status " + status);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!carbon.containsKey("app.counters.x.count") && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(3.0, carbon.get("app.counters.x.count"));
      assertEquals(7.0, carbon.get("app.gauges.queue"));
    }
  }
}
