package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class StatsdServerTest {
  @Test
  void severalReusePortSocketsTogetherReceiveEveryPacket() throws Exception {
    Map<String, Double> flushed = new ConcurrentHashMap<>();
    StatsdServer server = StatsdServer.builder((m, t, v) -> flushed.merge(m, v, Double::sum))
        .config(StatsdConfig.defaults().withFlushIntervalSeconds(3600)).udpSockets(4).udp(ANY).build();
    server.start();
    int senders = 8;
    int each = 200;
    List<Thread> threads = new java.util.ArrayList<>();
    for (int s = 0; s < senders; s++) {
      Thread t = new Thread(() -> {
        try (DatagramSocket socket = new DatagramSocket()) { // each sender a different source port
          byte[] data = "r:1|c".getBytes(StandardCharsets.UTF_8);
          for (int i = 0; i < each; i++) {
            socket.send(new DatagramPacket(data, data.length, server.udpAddress()));
            if (i % 20 == 0) {
              Thread.sleep(1);
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(30_000);
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.stats().metricsReceived() < senders * each) {
      assertTrue(System.nanoTime() < deadline, "not all packets received: " + server.stats());
      Thread.sleep(5);
    }
    server.close();
    assertEquals((double) senders * each, flushed.get("stats_counts.r"));
  }

  private static final InetSocketAddress ANY = new InetSocketAddress("127.0.0.1", 0);

  @Test
  void udpAndTcpPacketsAreAggregatedAndCloseFlushesThem() throws Exception {
    Map<String, Double> flushed = new ConcurrentHashMap<>();
    StatsdServer server = StatsdServer.builder((m, t, v) -> flushed.merge(m, v, Double::sum))
        .config(StatsdConfig.defaults().withLegacyNamespace(false).withFlushIntervalSeconds(3600))
        .udp(ANY).tcp(ANY).build();
    server.start();
    try (DatagramSocket socket = new DatagramSocket()) {
      for (int i = 0; i < 3; i++) {
        byte[] data = "x:1|c".getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(data, data.length, server.udpAddress()));
      }
    }
    try (Socket tcp = new Socket("127.0.0.1", server.tcpAddress().getPort())) {
      tcp.getOutputStream().write("y:5|g\nx:2|c\n".getBytes(StandardCharsets.UTF_8));
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.stats().metricsReceived() < 5) {
      assertTrue(System.nanoTime() < deadline, "packets not received in 10 s: " + server.stats());
      Thread.sleep(5);
    }
    server.close();
    assertEquals(5.0, flushed.get("stats.counters.x.count"));
    assertEquals(5.0, flushed.get("stats.gauges.y"));
    assertEquals(1, server.stats().flushes());
  }

  @Test
  void aDatagramOfSixtyThousandBytesIsTakenWholeAndABoundedServerCutsIt() throws Exception {
    String line = "big.counter.with.a.long.name.to.fill.the.datagram:1|c\n"; // 52 bytes
    byte[] data = line.repeat(60_000 / line.length()).getBytes(StandardCharsets.UTF_8);
    int lines = data.length / line.length();
    for (int bound : new int[] {65_507, 1_432}) {
      Map<String, Double> flushed = new ConcurrentHashMap<>();
      StatsdServer server = StatsdServer.builder((m, t, v) -> flushed.merge(m, v, Double::sum))
          .config(StatsdConfig.defaults().withFlushIntervalSeconds(3600)).maxDatagramBytes(bound).udp(ANY).build();
      server.start();
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.send(new DatagramPacket(data, data.length, server.udpAddress()));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (server.stats().packetsReceived() < 1) {
        assertTrue(System.nanoTime() < deadline, "datagram not received in 10 s: " + server.stats());
        Thread.sleep(5);
      }
      server.close();
      double expected = bound == 65_507 ? lines : bound / line.length();
      assertEquals(expected, flushed.get("stats_counts.big.counter.with.a.long.name.to.fill.the.datagram"),
          "max " + bound + " bytes");
    }
  }
}
