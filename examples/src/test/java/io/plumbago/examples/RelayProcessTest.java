package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.carbon.CarbonReceiver;
import io.plumbago.carbon.ConsistentHashRing;
import io.plumbago.carbon.Destination;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@code plumbago relay} as a real process in front of two caches: carbon's placement, and SIGTERM drains. */
class RelayProcessTest {
  @Test
  void relaysEveryPointToItsRingDestinationAndDrainsOnSigterm() throws Exception {
    Map<String, String> landed = new ConcurrentHashMap<>();
    List<CarbonReceiver> caches = new ArrayList<>();
    List<Destination> destinations = new ArrayList<>();
    try {
      for (String instance : List.of("a", "b")) {
        CarbonReceiver cache = CarbonReceiver.builder((m, t, v) -> landed.merge(m, instance, (x, y) -> x + y))
            .pickleTcp(new InetSocketAddress("127.0.0.1", 0)).build();
        cache.start();
        caches.add(cache);
        destinations.add(new Destination("127.0.0.1", cache.pickleAddress().getPort(), instance));
      }
      int n = 2000;
      try (ProgramProcess relay = new ProgramProcess(2, "relay", "--listen", "127.0.0.1:0", "--pickle-listen",
          "127.0.0.1:0", "--destination", destinations.get(0).toString(), "--destination",
          destinations.get(1).toString())) {
        assertEquals(List.of("carbon-pickle", "carbon-plaintext-tcp"), List.copyOf(relay.ports().keySet()));
        try (Socket socket = new Socket("127.0.0.1", relay.ports().get("carbon-plaintext-tcp"))) {
          StringBuilder lines = new StringBuilder();
          for (int i = 0; i < n; i++) {
            lines.append("app.server").append(i).append(".requests ").append(i).append(" 1700000000\n");
          }
          socket.getOutputStream().write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(200);
        int status = relay.terminate();
        assertTrue(status == 0 || status == 143, "exit status " + status);
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (landed.size() < n && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(n, landed.size(), "every metric arrived");
      ConsistentHashRing ring = ConsistentHashRing.of(destinations, ConsistentHashRing.HashType.CARBON_CH);
      for (int i = 0; i < n; i++) {
        String metric = "app.server" + i + ".requests";
        assertEquals(ring.nodeFor(metric).instance(), landed.get(metric), metric + " once, on its ring node");
      }
    } finally {
      caches.forEach(CarbonReceiver::close);
    }
  }
}
