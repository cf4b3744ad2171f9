package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CarbonSenderTest {
  @Test
  void plaintextLinesCarryPathValueAndTimestampWithWhitespaceReplaced() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<String>> lines = Peers.acceptLines(server);
      try (CarbonSender sender = CarbonSender.builder("127.0.0.1", server.getLocalPort()).build()) {
        assertTrue(sender.send("app.requests", 1_700_000_000L, 12));
        assertTrue(sender.send("app.latency ms\nx", 1_700_000_010L, 0.25));
        assertFalse(sender.send("app.nan", 1_700_000_010L, Double.NaN));
        assertFalse(sender.send(null, 1, 1));
      }
      assertEquals(List.of("app.requests 12 1700000000", "app.latency_ms_x 0.25 1700000010"),
          lines.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void pickleFramesHoldTheBatchAsPythonListsOfTuples() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<byte[]>> frames = CompletableFuture.supplyAsync(() -> {
        List<byte[]> got = new ArrayList<>();
        try (Socket socket = server.accept(); DataInputStream in = new DataInputStream(socket.getInputStream())) {
          while (true) {
            int length;
            try {
              length = in.readInt();
            } catch (java.io.EOFException end) {
              return got;
            }
            byte[] frame = new byte[length];
            in.readFully(frame);
            got.add(frame);
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (CarbonSender sender = CarbonSender.builder("127.0.0.1", server.getLocalPort())
          .protocol(CarbonSender.Protocol.PICKLE).batchSize(2).flushIntervalMillis(60_000).build()) {
        sender.send("a.b", 1_700_000_000L, 1.5);
        sender.send("é", 5_000_000_000L, -2);
        sender.send("c", 1, 3);
      }
      List<byte[]> got = frames.get(10, TimeUnit.SECONDS);
      assertEquals(2, got.size());
      byte[] first = got.get(0);
      assertEquals((byte) 0x80, first[0]);
      assertEquals('.', first[first.length - 1]);
      if (java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3"))) {
        assertEquals("[('a.b', (1700000000, 1.5)), ('é', (5000000000, -2.0))]", unpickle(first));
        assertEquals("[('c', (1, 3.0))]", unpickle(got.get(1)));
      }
    }
  }

  /** Python's own reading of a pickle (its repr), the reference for what carbon will see. */
  static String unpickle(byte[] pickle) throws Exception {
    Process p = new ProcessBuilder("/usr/bin/python3", "-c",
        "import sys, pickle; print(repr(pickle.loads(sys.stdin.buffer.read())))").redirectErrorStream(true).start();
    p.getOutputStream().write(pickle);
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return out;
  }

  @Test
  void aFullQueueDropsAndCounts() {
    try (CarbonSender sender = CarbonSender.builder("127.0.0.1", 9).queueCapacity(10)
        .reconnectBackoffMillis(10_000, 10_000).build()) {
      int accepted = 0;
      for (int i = 0; i < 100; i++) {
        accepted += sender.send("m", i, i) ? 1 : 0;
      }
      assertTrue(accepted >= 10 && accepted <= 20, "accepted " + accepted);
      assertEquals(100 - accepted, sender.stats().pointsDropped());
    }
  }

  @Test
  void aBatchThatFailedIsSentAgainAfterTheServerComesBack() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    CarbonSender sender = CarbonSender.builder("127.0.0.1", port).reconnectBackoffMillis(20, 200).build();
    try {
      sender.send("before.server", 1, 1);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (sender.stats().connectionFailures() == 0) {
        assertTrue(System.nanoTime() < deadline, "no connection attempt");
        Thread.sleep(5);
      }
      try (ServerSocket server = new ServerSocket()) {
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        CompletableFuture<List<String>> lines = Peers.acceptLines(server);
        sender.send("after.server", 2, 2);
        sender.close();
        assertEquals(List.of("before.server 1 1", "after.server 2 2"), lines.get(10, TimeUnit.SECONDS));
        assertEquals(2, sender.stats().pointsSent());
      }
    } finally {
      sender.close();
    }
  }
}
