package io.plumbago.carbon;

import static io.plumbago.carbon.CarbonReceiverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarbonClientTest {
  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static List<String> expected(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("m" + (i % 7) + " " + (i * 0.5) + " " + (1_700_000_000L + i));
    }
    return out;
  }

  private static void send(CarbonClient client, int n) {
    for (int i = 0; i < n; i++) {
      client.accept("m" + (i % 7), 1_700_000_000L + i, i * 0.5);
    }
  }

  @Test
  void pointsQueuedWhileTheDestinationIsDownAreDeliveredWhenItComesUp() throws Exception {
    int port = freePort();
    List<String> got = new CopyOnWriteArrayList<>();
    try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", port, null)).build()) {
      send(client, 2000);
      Thread.sleep(300); // a few failed connection attempts
      assertEquals(2000, client.stats().queued());
      try (CarbonReceiver receiver = CarbonReceiver.builder((m, t, v) -> got.add(m + " " + v + " " + t))
          .plaintextTcp(new InetSocketAddress("127.0.0.1", port)).build()) {
        receiver.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (got.size() < 2000 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
        assertEquals(2000, got.size(), () -> client.stats() + " " + receiver.stats());
        assertEquals(expected(2000), got);
        assertEquals(2000, client.stats().sent());
        assertEquals(0, client.stats().dropped());
      }
    }
  }

  @Test
  void pickleDeliversExactValues() throws Exception {
    List<String> got = new CopyOnWriteArrayList<>();
    try (CarbonReceiver receiver = CarbonReceiver.builder((m, t, v) -> got.add(m + " " + v + " " + t))
        .pickleTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
      receiver.start();
      try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", receiver.pickleAddress().getPort(),
          null)).protocol(CarbonClient.Protocol.PICKLE).build()) {
        send(client, 1234);
        client.accept("tiny", 1, Double.MIN_VALUE);
      }
      await(() -> got.size() == 1235);
      List<String> want = expected(1234);
      want.add("tiny " + Double.MIN_VALUE + " 1");
      assertEquals(want, got);
    }
  }

  @Test
  void aFullQueueDropsAndCountsNewPoints() throws Exception {
    CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", freePort(), null))
        .maxQueuedPoints(10).build();
    send(client, 25);
    assertEquals(15, client.stats().dropped());
    client.close(200);
    assertEquals(25, client.stats().dropped(), "what could not be sent before close is counted too");
  }

  @Test
  void aDestinationStoppedMidStreamAndBroughtBackGetsEveryPointExactlyOnce(@TempDir Path dir) throws Exception {
    int port = freePort();
    int total = 200_000;
    List<String> got = new CopyOnWriteArrayList<>();
    PointSink sink = (m, t, v) -> got.add(m + " " + v + " " + t);
    CarbonReceiver first = CarbonReceiver.builder(sink).plaintextTcp(new InetSocketAddress("127.0.0.1", port)).build();
    first.start();
    try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", port, null))
        .maxQueuedPoints(5_000).spillDirectory(dir.resolve("spill"), 1L << 30).build()) {
      for (int i = 0; i < total; i++) {
        client.accept("m" + (i % 7), 1_700_000_000L + i, i * 0.5);
        if (i == total / 4) {
          await(() -> got.size() > 10_000); // mid-stream
          first.close(); // the destination stops: half-closes, reads what is in flight, then is gone
        } else if (i == total * 3 / 4) {
          assertTrue(client.stats().spilled() > 0, "memory filled and points went to disk: " + client.stats());
          first = CarbonReceiver.builder(sink).plaintextTcp(new InetSocketAddress("127.0.0.1", port)).build();
          first.start(); // and comes back
        }
        if (i % 1_000 == 0) {
          Thread.sleep(1);
        }
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (got.size() < total && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      Thread.sleep(200); // a duplicate would arrive late
      assertEquals(0, client.stats().dropped(), client.stats()::toString);
      assertEquals(total, got.size(), () -> "every point once: " + client.stats());
      assertEquals(total, new java.util.HashSet<>(got).size(), "no point twice");
      assertTrue(client.stats().connects() >= 2, "it reconnected: " + client.stats());
    } finally {
      first.close();
    }
  }

  @Test
  void pointsStillQueuedAtCloseAreSentByTheNextClientOnTheSpillFolder(@TempDir Path dir) throws Exception {
    int port = freePort();
    Path spill = dir.resolve("spill");
    try (CarbonClient down = CarbonClient.builder(new Destination("127.0.0.1", port, null))
        .maxQueuedPoints(100).spillDirectory(spill, 1L << 30).build()) {
      send(down, 5_000);
      assertEquals(4_900, down.stats().spilled());
      down.close(100); // nobody listens: the 100 in memory join the 4900 on disk
      assertEquals(0, down.stats().dropped());
    }
    List<String> got = new CopyOnWriteArrayList<>();
    try (CarbonReceiver receiver = CarbonReceiver.builder((m, t, v) -> got.add(m + " " + v + " " + t))
        .plaintextTcp(new InetSocketAddress("127.0.0.1", port)).build()) {
      receiver.start();
      try (CarbonClient next = CarbonClient.builder(new Destination("127.0.0.1", port, null))
          .maxQueuedPoints(100).spillDirectory(spill, 1L << 30).build()) {
        await(() -> got.size() == 5_000);
      }
    }
    assertEquals(new java.util.HashSet<>(expected(5_000)), new java.util.HashSet<>(got));
    assertEquals(5_000, got.size());
    try (var left = java.nio.file.Files.list(spill)) {
      assertEquals(List.of(), left.toList(), "a drained spill folder is emptied");
    }
  }

  @Test
  void aFullSpillFolderDropsAndCounts(@TempDir Path dir) throws Exception {
    try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1", freePort(), null))
        .maxQueuedPoints(10).spillDirectory(dir, 2_000).build()) {
      send(client, 1_000);
      ClientStats stats = client.stats();
      assertTrue(stats.spilled() > 0 && stats.dropped() > 0, stats.toString());
      assertEquals(1_000, 10 + stats.spilled() + stats.dropped(), stats.toString());
      client.close(100);
    }
  }
}
