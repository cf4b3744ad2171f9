package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void tagsRatesAndTheOtherTypesInDogStatsdForm() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
         StatsdClient client = StatsdClient.create("127.0.0.1", server.getLocalPort(), "app", "env:prod", "web")) {
      server.setSoTimeout(5000);
      client.count("hits", 2, 1.0, "path:/a|b");
      client.gauge("load", 0.75);
      client.gauge("balance", -2.5, "cur:eur");
      client.histogram("size", 512);
      client.distribution("latency", 1.5);
      client.set("users", "u#1");
      try (StatsdClient.Timer t = client.timer("block", "step:x")) {
        Thread.sleep(2);
      }
      assertEquals("app.hits:2|c|#env:prod,web,path:/a_b", receive(server));
      assertEquals("app.load:0.75|g|#env:prod,web", receive(server));
      assertEquals("app.balance:0|g|#env:prod,web,cur:eur\napp.balance:-2.5|g|#env:prod,web,cur:eur", receive(server));
      assertEquals("app.size:512|h|#env:prod,web", receive(server));
      assertEquals("app.latency:1.5|d|#env:prod,web", receive(server));
      assertEquals("app.users:u_1|s|#env:prod,web", receive(server));
      String timer = receive(server);
      assertTrue(timer.matches("app\\.block:\\d+\\|ms\\|#env:prod,web,step:x"), timer);
    }
  }

  @Test
  void sampledCountsAreSentAboutAsOftenAsTheRateSaysAndMarkedWithIt() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
         StatsdClient client = StatsdClient.create("127.0.0.1", server.getLocalPort(), "")) {
      server.setReceiveBufferSize(1 << 20);
      for (int i = 0; i < 2000; i++) {
        client.count("s", 1, 0.25);
      }
      long sent = client.sent();
      assertTrue(sent > 300 && sent < 700, "about a quarter of 2000 sent: " + sent);
      server.setSoTimeout(5000);
      assertEquals("s:1|c|@0.25", receive(server));
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
