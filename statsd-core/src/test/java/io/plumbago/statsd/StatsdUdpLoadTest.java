package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A bounded load over loopback: two senders blast 30-line datagrams of random counts at a server flushing every
 * 50 ms, and the counts flushed over all intervals (the last on close) equal the total sent, key by key. The senders
 * keep at most a few hundred datagrams in flight (by the server's own packet count), so the kernel never has to drop
 * one and the test checks the server, not the socket buffer.
 */
class StatsdUdpLoadTest {
  private static final int KEYS = 500;
  private static final int DATAGRAMS_PER_SENDER = 10_000;

  @Test
  void everyCountSentOverUdpIsFlushedExactlyOnce() throws Exception {
    Map<String, Double> flushed = new ConcurrentHashMap<>();
    AtomicLong flushes = new AtomicLong();
    StatsdServer server = StatsdServer.builder(new io.plumbago.carbon.PointSink() {
      @Override
      public void accept(String metric, long timestampSeconds, double value) {
        if (metric.startsWith("stats_counts.load.")) {
          flushed.merge(metric, value, Double::sum);
        }
      }

      @Override
      public void endOfBatch() {
        flushes.incrementAndGet();
      }
    }).config(StatsdConfig.builder().flushIntervalMillis(50).build()).udpSockets(2)
        .udp(new InetSocketAddress("127.0.0.1", 0)).build();
    server.start();
    long[] sent = new long[KEYS];
    AtomicLong datagrams = new AtomicLong();
    List<Thread> senders = new ArrayList<>();
    long started = System.nanoTime();
    for (int s = 0; s < 2; s++) {
      SplittableRandom random = new SplittableRandom(77 + s);
      long[] mine = new long[KEYS];
      senders.add(new Thread(() -> {
        try (DatagramSocket socket = new DatagramSocket()) {
          for (int d = 0; d < DATAGRAMS_PER_SENDER; d++) {
            StringBuilder packet = new StringBuilder();
            for (int l = 0; l < 30; l++) {
              int key = random.nextInt(KEYS);
              int value = random.nextInt(1, 1000);
              mine[key] += value;
              packet.append("load.k").append(key).append(':').append(value).append("|c\n");
            }
            byte[] data = packet.toString().getBytes(StandardCharsets.UTF_8);
            while (datagrams.get() - server.stats().packetsReceived() > 200) {
              Thread.onSpinWait();
            }
            datagrams.incrementAndGet();
            socket.send(new DatagramPacket(data, data.length, server.udpAddress()));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        synchronized (sent) {
          for (int k = 0; k < KEYS; k++) {
            sent[k] += mine[k];
          }
        }
      }));
    }
    senders.forEach(Thread::start);
    for (Thread sender : senders) {
      sender.join(60_000);
      assertTrue(!sender.isAlive(), "sender still running after 60 s: " + server.stats());
    }
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (server.stats().packetsReceived() < datagrams.get()) {
      assertTrue(System.nanoTime() < deadline, "datagrams lost: sent " + datagrams + ", " + server.stats());
      Thread.sleep(5);
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    server.close();
    assertEquals(2L * DATAGRAMS_PER_SENDER, server.stats().packetsReceived());
    assertTrue(flushes.get() >= 2, "flushes during the load: " + flushes + " in " + millis + " ms");
    for (int k = 0; k < KEYS; k++) {
      assertEquals((double) sent[k], flushed.getOrDefault("stats_counts.load.k" + k, 0.0), "key " + k);
    }
  }
}
