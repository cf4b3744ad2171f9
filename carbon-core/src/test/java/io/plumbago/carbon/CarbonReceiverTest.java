package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class CarbonReceiverTest {
  private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
  private final List<String> points = new CopyOnWriteArrayList<>();
  private final PointSink sink = (m, t, v) -> points.add(m + " " + v + " " + t);

  @Test
  void badLinesAreCountedAndTheConnectionKeepsServing() throws Exception {
    try (CarbonReceiver receiver = CarbonReceiver.builder(sink).plaintextTcp(ANY_PORT).clock(() -> 1000).build()) {
      receiver.start();
      try (Socket socket = new Socket("127.0.0.1", receiver.plaintextTcpAddress().getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write("a.b 1 1600000000\nnot a good line at all\nc.d nan 5\r\nc.d 2.5 -1\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        await(() -> points.size() == 2);
        out.write("e.f 3 1600000010\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        await(() -> points.size() == 3);
      }
      assertEquals(List.of("a.b 1.0 1600000000", "c.d 2.5 1000", "e.f 3.0 1600000010"), points);
      await(() -> receiver.stats().lines() == 5);
      ReceiverStats stats = receiver.stats();
      assertEquals(1, stats.connections());
      assertEquals(3, stats.points());
      assertEquals(1, stats.badLines());
    }
  }

  @Test
  void aLineOverTheLimitClosesOnlyThatConnectionAfterTakingTheLinesBeforeIt() throws Exception {
    try (CarbonReceiver receiver = CarbonReceiver.builder(sink).plaintextTcp(ANY_PORT).maxLineBytes(100).build()) {
      receiver.start();
      int port = receiver.plaintextTcpAddress().getPort();
      try (Socket socket = new Socket("127.0.0.1", port)) {
        OutputStream out = socket.getOutputStream();
        out.write(("ok 1 1600000000\n" + "x".repeat(500) + " 1 1600000000\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        InputStream in = socket.getInputStream();
        socket.setSoTimeout(5000);
        assertEquals(-1, in.read(), "the server closes the connection");
      }
      try (Socket other = new Socket("127.0.0.1", port)) {
        other.getOutputStream().write("later 2 1600000000\n".getBytes(StandardCharsets.UTF_8));
      }
      await(() -> points.size() == 2);
      assertEquals(List.of("ok 1.0 1600000000", "later 2.0 1600000000"), points);
      assertEquals(1, receiver.stats().badLines());
    }
  }

  @Test
  void udpDatagramsCarrySeveralLinesAndABadOneSpoilsNothingElse() throws Exception {
    try (CarbonReceiver receiver = CarbonReceiver.builder(sink).plaintextUdp(ANY_PORT).build()) {
      receiver.start();
      byte[] datagram = "u.a 1 1600000000\nbroken\nu.b 2 1600000000".getBytes(StandardCharsets.UTF_8);
      try (DatagramSocket socket = new DatagramSocket()) {
        socket.send(new DatagramPacket(datagram, datagram.length, receiver.plaintextUdpAddress()));
      }
      await(() -> points.size() == 2);
      assertEquals(List.of("u.a 1.0 1600000000", "u.b 2.0 1600000000"), points);
      await(() -> receiver.stats().badLines() == 1);
    }
  }

  @Test
  void pointsTheSinkRefusesAreCountedApart() throws Exception {
    PointSink full = (m, t, v) -> {
      throw new CarbonProtocolException("full");
    };
    try (CarbonReceiver receiver = CarbonReceiver.builder(full).plaintextTcp(ANY_PORT).build()) {
      receiver.start();
      try (Socket socket = new Socket("127.0.0.1", receiver.plaintextTcpAddress().getPort())) {
        socket.getOutputStream().write("a 1 1600000000\n".getBytes(StandardCharsets.UTF_8));
      }
      await(() -> receiver.stats().lines() == 1);
      await(() -> receiver.stats().refused() == 1);
      assertEquals(0, receiver.stats().badLines());
      assertEquals(0, receiver.stats().points());
    }
  }

  static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met in 10 s");
      Thread.sleep(5);
    }
  }
}
