package io.plumbago.carbon;

import static io.plumbago.carbon.CarbonReceiverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CarbonSelfMetricsTest {
  @Test
  void recordsPerIntervalCountsUnderCarbonsNames() throws Exception {
    Map<String, Integer> persisted = new ConcurrentHashMap<>();
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> persisted.merge(m, n, Integer::sum)).build();
    try (CarbonReceiver receiver = CarbonReceiver.builder(cache)
        .plaintextTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
      receiver.start();
      CarbonSelfMetrics metrics = new CarbonSelfMetrics("a", cache, receiver);
      assertTrue(metrics.prefix().startsWith("carbon.agents.") && metrics.prefix().endsWith("-a."));
      try (Socket s = new Socket("127.0.0.1", receiver.plaintextTcpAddress().getPort())) {
        s.getOutputStream().write("x 1 100\ny 2 100\nx 3 110\n".getBytes(StandardCharsets.UTF_8));
      }
      await(() -> cache.stats().committedPoints() == 3);
      Map<String, Double> first = new TreeMap<>();
      metrics.record(1000, (m, t, v) -> first.put(m.substring(metrics.prefix().length()), v));
      assertEquals(3.0, first.get("metricsReceived"));
      assertEquals(3.0, first.get("committedPoints"));
      assertEquals(first.get("committedPoints") / first.get("updateOperations"), first.get("pointsPerUpdate"));
      assertTrue(first.get("avgUpdateTime") >= 0);
      assertEquals(0.0, first.get("errors"));
      Map<String, Double> second = new TreeMap<>();
      metrics.record(1060, (m, t, v) -> second.put(m.substring(metrics.prefix().length()), v));
      assertEquals(0.0, second.get("metricsReceived"), "per interval, not running totals");
      assertEquals(0.0, second.get("updateOperations"));
      assertEquals(null, second.get("pointsPerUpdate"), "only when updates happened, as carbon");
      metrics.record(1120, cache);
      await(() -> persisted.keySet().stream().anyMatch(m -> m.endsWith("cache.size")));
    } finally {
      cache.close();
    }
  }
}
