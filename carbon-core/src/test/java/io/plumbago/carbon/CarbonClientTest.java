package io.plumbago.carbon;

import static io.plumbago.carbon.CarbonReceiverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

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
}
