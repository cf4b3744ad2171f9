package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** graphite-web's CarbonLink client side against Plumbago's real CarbonLink servers on 127.0.0.1. */
class CarbonLinkClientTest {
  @Test
  void asksTheCacheThatOwnsEachMetricOnCarbonsRing() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    List<MetricCache> caches = new ArrayList<>();
    List<CarbonLinkServer> servers = new ArrayList<>();
    try {
      List<Destination> destinations = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
          try {
            never.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }).build();
        CarbonLinkServer server = new CarbonLinkServer(cache, new InetSocketAddress("127.0.0.1", 0), m -> "average");
        server.start();
        caches.add(cache);
        servers.add(server);
        destinations.add(new Destination("127.0.0.1", server.address().getPort(), "c" + i));
      }
      try (CarbonLinkClient client = CarbonLinkClient.of(destinations)) {
        int owners0 = 0;
        for (int m = 0; m < 200; m++) {
          String metric = "app.server" + m + ".load";
          int owner = destinations.indexOf(client.cacheFor(metric));
          owners0 += owner == 0 ? 1 : 0;
          caches.get(owner).accept(metric, 1_700_000_000L + m, m + 0.5);
          caches.get(owner).accept(metric, 1_700_000_010L + m, -m);
          // the other cache holds a stale point the client must not see
          caches.get(1 - owner).accept(metric, 1_600_000_000L, 99);
        }
        assertTrue(owners0 > 40 && owners0 < 160, "the ring spreads metrics over both caches: " + owners0);
        for (int m = 0; m < 200; m++) {
          String metric = "app.server" + m + ".load";
          assertEquals(List.of(new CachedPoint(1_700_000_000L + m, m + 0.5), new CachedPoint(1_700_000_010L + m, -m)),
              client.query(metric), metric);
        }
        assertEquals(List.of(), client.query("never.seen"));
      }
    } finally {
      never.countDown();
      servers.forEach(CarbonLinkServer::close);
    }
  }

  @Test
  void aCacheThatDoesNotAnswerGivesNoPointsAndIsSkippedDuringTheRetryDelay() throws Exception {
    // a listener that never accepts: connecting works (the kernel queues it), no answer ever comes
    try (ServerSocket hung = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
        CarbonLinkClient client = CarbonLinkClient.of(List.of(new Destination("127.0.0.1", hung.getLocalPort(),
            null)), 300, 60_000)) {
      long first = System.nanoTime();
      assertEquals(List.of(), client.query("a.b"));
      assertTrue(System.nanoTime() - first >= 250_000_000L, "waited for the timeout");
      long second = System.nanoTime();
      assertEquals(List.of(), client.query("a.b"));
      assertTrue(System.nanoTime() - second < 250_000_000L, "skipped during the retry delay, no second timeout");
    }
  }
}
