package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.client.StatsdClient;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.aggregate.Aggregator;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * client-sdk's encoding read by statsd-core's own parser and aggregator (Etsy's rules): names and tags the client
 * need not change come out as exactly the metric meant ({@code name;k=v}) with exactly the value sent; names and tags
 * full of characters that would break the format still make one well-formed line each (no bad line), and no call
 * throws.
 */
class ClientToStatsdProperties {
  private static final String SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
  private static final String JUNK = "a.:|@#,;= \t\n\r/\\é€🙂\u0000\u2028";

  private static String word(SplittableRandom random, String alphabet) {
    StringBuilder s = new StringBuilder();
    for (int n = random.nextInt(1, 12); n > 0; n--) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** Feeds every datagram that arrives within half a second of the last one to {@code aggregator}. */
  private static void deliver(DatagramSocket server, Aggregator aggregator) throws Exception {
    server.setSoTimeout(500);
    byte[] buffer = new byte[65_536];
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        server.receive(packet);
      } catch (SocketTimeoutException done) {
        return;
      }
      aggregator.handlePacket(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {101, 102, 103})
  void safeNamesAndTagsArriveAsExactlyTheMetricMeant(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    Map<String, Double> expected = new TreeMap<>();
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults().withLegacyNamespace(false));
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      server.setReceiveBufferSize(8 << 20);
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).queueCapacityBytes(1 << 22).build();
      for (int i = 0; i < 1500; i++) {
        String name = word(random, SAFE) + ".n" + i; // one metric per call, so nothing adds up
        String[] tags = new String[random.nextInt(3)];
        StringBuilder graphiteTags = new StringBuilder();
        for (int t = 0; t < tags.length; t++) {
          String key = word(random, SAFE);
          String value = word(random, SAFE);
          tags[t] = key + ":" + value;
          graphiteTags.append(';').append(key).append('=').append(value);
        }
        long whole = random.nextLong(-1_000_000, 1_000_000);
        double decimal = random.nextInt(-100_000, 100_000) / 100.0;
        switch (random.nextInt(3)) {
          case 0 -> {
            client.count(name, whole, tags);
            expected.put("stats.counters." + name + ".count" + graphiteTags, (double) whole);
          }
          case 1 -> {
            client.gauge(name, decimal, tags);
            expected.put("stats.gauges." + name + graphiteTags, decimal);
          }
          default -> {
            client.time(name, Math.abs(whole), tags);
            expected.put("stats.timers." + name + ".upper" + graphiteTags, (double) Math.abs(whole));
          }
        }
      }
      client.close();
      deliver(server, aggregator);
    }
    Map<String, Double> flushed = new HashMap<>();
    aggregator.flush(1000, (m, t, v) -> flushed.put(m, v));
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertEquals(e.getValue(), flushed.get(e.getKey()), "seed " + seed + ": " + e.getKey());
    }
    assertEquals(0, aggregator.totals()[2], "seed " + seed + ": bad lines");
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {201, 202, 203})
  void junkInNamesAndTagsNeverBreaksALine(long seed) throws Exception {
    SplittableRandom random = new SplittableRandom(seed);
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
    int calls = 2000;
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      server.setReceiveBufferSize(8 << 20);
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).queueCapacityBytes(1 << 22).build();
      for (int i = 0; i < calls; i++) {
        String name = "x" + word(random, JUNK);
        String tag = word(random, JUNK);
        switch (random.nextInt(4)) {
          case 0 -> client.count(name, 1, tag);
          case 1 -> client.gauge(name, random.nextInt(-5, 5), tag, tag);
          case 2 -> client.set(name, word(random, JUNK), tag);
          default -> client.histogram(name, random.nextDouble(), tag);
        }
      }
      client.close();
      assertEquals(0, client.dropped(), "seed " + seed);
      deliver(server, aggregator);
    }
    long[] totals = aggregator.totals();
    assertEquals(0, totals[2], "seed " + seed + ": bad lines");
    // a negative gauge is two lines (zero, then the value)
    assertEquals(true, totals[1] >= calls, "seed " + seed + ": lines " + totals[1]);
  }
}
