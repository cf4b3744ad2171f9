package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.client.StatsdClient;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.StatsdServer;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What client-sdk sends, statsd-core reads: names, tags as Graphite tags, sample rates, every type. */
class ClientToStatsdTest {
  @Test
  void everyCallArrivesAsTheMetricItMeans() throws Exception {
    Map<String, Double> flushed = new ConcurrentHashMap<>();
    StatsdServer server = StatsdServer.builder((m, t, v) -> flushed.put(m, v))
        .config(StatsdConfig.defaults().withLegacyNamespace(false).withFlushIntervalSeconds(3600))
        .udp(new InetSocketAddress("127.0.0.1", 0)).build();
    server.start();
    try (StatsdClient client = StatsdClient.create("127.0.0.1", server.udpAddress().getPort(), "app", "env:prod")) {
      client.count("hits", 3, 1.0);
      client.gauge("queue", -4);
      client.set("users", "alice");
      client.set("users", "bob");
      client.set("users", "alice");
      client.time("db", 12);
      client.histogram("size", 5);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.stats().metricsReceived() < 8) {
      assertTrue(System.nanoTime() < deadline, "not received: " + server.stats());
      Thread.sleep(5);
    }
    server.close();
    assertEquals(3.0, flushed.get("stats.counters.app.hits.count;env=prod"));
    assertEquals(-4.0, flushed.get("stats.gauges.app.queue;env=prod"), "a negative gauge is set, not added");
    assertEquals(2.0, flushed.get("stats.sets.app.users.count;env=prod"));
    assertEquals(12.0, flushed.get("stats.timers.app.db.upper;env=prod"));
    assertEquals(5.0, flushed.get("stats.counters.app.size.count;env=prod"), "Etsy counts 'h' as a counter");
  }

  @Test
  void fourThreadsOverTcpAreCountedExactly() throws Exception {
    Map<String, Double> flushed = new ConcurrentHashMap<>();
    StatsdServer server = StatsdServer.builder((m, t, v) -> flushed.put(m, v))
        .config(StatsdConfig.defaults().withLegacyNamespace(false).withFlushIntervalSeconds(3600))
        .tcp(new InetSocketAddress("127.0.0.1", 0)).build();
    server.start();
    int perThread = 20_000;
    try (StatsdClient client = StatsdClient.builder().port(server.tcpAddress().getPort()).tcp()
        .queueCapacityBytes(1 << 22).build()) {
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        String tag = "thread:" + t;
        threads[t] = new Thread(() -> {
          for (int i = 0; i < perThread; i++) {
            client.count("calls", 1, tag, "env:test");
            client.time("work", i % 100, tag);
          }
        });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      client.close();
      assertEquals(0, client.dropped());
    }
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (server.stats().metricsReceived() < 8L * perThread) {
      assertTrue(System.nanoTime() < deadline, "not received: " + server.stats());
      Thread.sleep(5);
    }
    server.close();
    for (int t = 0; t < 4; t++) {
      assertEquals((double) perThread, flushed.get("stats.counters.calls.count;thread=" + t + ";env=test"));
      assertEquals((double) perThread, flushed.get("stats.timers.work.count;thread=" + t));
      assertEquals(99.0, flushed.get("stats.timers.work.upper;thread=" + t));
    }
  }
}
