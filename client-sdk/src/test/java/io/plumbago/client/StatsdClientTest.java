package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatsdClientTest {
  private static String receive(DatagramSocket server) throws Exception {
    byte[] buffer = new byte[2048];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    server.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
  }

  @Test
  void sendsStatsdLinesToARealSocket() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
         StatsdClient client = StatsdClient.create("127.0.0.1", server.getLocalPort(), "app")) {
      server.setSoTimeout(5000);
      client.increment("hits");
      client.count("bytes", 512);
      client.gauge("queue", -3);
      client.time("db.query", 12);
      client.count("bad:name|with@junk#\nhere", 1);
      assertEquals("app.hits:1|c", receive(server));
      assertEquals("app.bytes:512|c", receive(server));
      assertEquals("app.queue:0|g\napp.queue:-3|g", receive(server));
      assertEquals("app.db.query:12|ms", receive(server));
      assertEquals("app.bad_name_with_junk__here:1|c", receive(server));
      assertEquals(5, client.sent());
    }
  }

  @Test
  void neverThrowsAfterClose() throws Exception {
    StatsdClient client = StatsdClient.create("127.0.0.1", 9, "");
    client.close();
    client.increment("x");
    assertEquals(1, client.dropped());
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void sanitisedNamesNeverContainLineBreakers(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 1000; i++) {
      StringBuilder name = new StringBuilder();
      for (int k = random.nextInt(20); k > 0; k--) {
        name.append((char) random.nextInt(0x250));
      }
      String clean = StatsdClient.sanitize(name.toString());
      assertEquals(name.length(), clean.length(), "seed " + seed);
      assertFalse(clean.chars().anyMatch(c -> ":|@#\n\r".indexOf(c) >= 0), "seed " + seed + ": " + clean);
    }
  }
}
