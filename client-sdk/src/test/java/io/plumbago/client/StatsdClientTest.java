package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsdClientTest {
  /** Every datagram that arrives within {@code quietMillis} of the previous one. */
  static List<String> datagrams(DatagramSocket server, int quietMillis) throws Exception {
    List<String> got = new ArrayList<>();
    server.setSoTimeout(quietMillis);
    byte[] buffer = new byte[65_536];
    while (true) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        server.receive(packet);
      } catch (SocketTimeoutException done) {
        return got;
      }
      got.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
    }
  }

  static List<String> lines(List<String> datagrams) {
    List<String> lines = new ArrayList<>();
    datagrams.forEach(d -> lines.addAll(Arrays.asList(d.split("\n"))));
    return lines;
  }

  private static DatagramSocket udpServer() throws Exception {
    DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    server.setReceiveBufferSize(4 << 20);
    return server;
  }

  @Test
  void everyTypeIsWrittenAsOneStatsdLineAndClosingSendsThem() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.create("127.0.0.1", server.getLocalPort(), "app");
      client.increment("hits");
      client.count("bytes", 512);
      client.decrement("open");
      client.gauge("queue", -3);
      client.gauge("load", 0.75);
      client.gaugeDelta("level", 2);
      client.gaugeDelta("level", -1.5);
      client.time("db.query", 12);
      client.timeMillis("db.fast", 0.125);
      client.histogram("size", 512);
      client.distribution("latency", 1.5);
      client.set("users", "u#1");
      client.count("bad:name|with@junk#\nhere", 1);
      client.close();
      assertEquals(List.of("app.hits:1|c", "app.bytes:512|c", "app.open:-1|c", "app.queue:0|g", "app.queue:-3|g",
          "app.load:0.75|g", "app.level:+2|g", "app.level:-1.5|g", "app.db.query:12|ms", "app.db.fast:0.125|ms",
          "app.size:512|h", "app.latency:1.5|d", "app.users:u_1|s", "app.bad_name_with_junk__here:1|c"),
          lines(datagrams(server, 500)));
      StatsdTelemetry t = client.telemetry();
      assertEquals(List.of(14L, 14L, 0L, 0L), List.of(t.linesQueued(), t.linesSent(), t.linesDropped(),
          t.linesAggregated()), t.toString());
      assertTrue(t.packetsSent() >= 1 && t.packetsSent() <= 14, t.toString());
    }
  }

  @Test
  void tagsAndRatesInDogStatsdForm() throws Exception {
    try (DatagramSocket server = udpServer()) {
      try (StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).prefix("app")
          .constantTags("env:prod", "web").build()) {
        client.count("hits", 2, 1.0, "path:/a|b");
        client.count("two", 1, "k:v:w", "x,y");
        client.count("one", 1, "only");
        client.gauge("balance", -2.5, "cur:eur");
        client.count("none", 1, (String) null, "");
        StatsdClient.Timer timer = client.timer("block", "step:x");
        Thread.sleep(2);
        timer.close();
        timer.close();
      }
      List<String> lines = lines(datagrams(server, 500));
      assertEquals(List.of("app.hits:2|c|#env:prod,web,path:/a_b", "app.two:1|c|#env:prod,web,k:v_w,x_y",
          "app.one:1|c|#env:prod,web,only", "app.balance:0|g|#env:prod,web,cur:eur",
          "app.balance:-2.5|g|#env:prod,web,cur:eur", "app.none:1|c|#env:prod,web"), lines.subList(0, 6));
      assertTrue(lines.get(6).matches("app\\.block:\\d+(\\.\\d{1,3})?\\|ms\\|#env:prod,web,step:x"), lines.get(6));
    }
  }

  @Test
  void sampledCallsAreSentAboutAsOftenAsTheRateSaysAndMarkedWithIt() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.create("127.0.0.1", server.getLocalPort(), "");
      for (int i = 0; i < 2000; i++) {
        client.count("s", 1, 0.25);
      }
      client.count("never", 1, 0.0);
      client.count("never", 1, Double.NaN);
      client.close();
      List<String> lines = lines(datagrams(server, 500));
      assertTrue(lines.size() > 300 && lines.size() < 700, "about a quarter of 2000 sent: " + lines.size());
      assertTrue(lines.stream().allMatch("s:1|c|@0.25"::equals), lines.toString());
    }
  }

  @Test
  void datagramsHoldWholeLinesUpToThePacketSize() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).maxPacketSizeBytes(512)
          .flushIntervalMillis(60_000).build();
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < 500; i++) {
        String name = "metric.number." + i + ".x".repeat(i % 17);
        client.count(name, i);
        sent.add(name + ":" + i + "|c");
      }
      client.close();
      List<String> datagrams = datagrams(server, 500);
      datagrams.forEach(d -> assertTrue(d.getBytes(StandardCharsets.UTF_8).length <= 512, d));
      assertTrue(datagrams.size() < 60, datagrams.size() + " datagrams");
      assertEquals(sent, lines(datagrams));
    }
  }

  @Test
  void aFullQueueDropsAndCountsWithoutBlocking() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).queueCapacityBytes(1024)
          .flushIntervalMillis(60_000).build();
      int calls = 20_000; // far faster than a sender can write datagrams, so the 4 KiB queue overflows
      for (int i = 0; i < calls; i++) {
        client.count("filling.the.queue", i);
      }
      client.close();
      StatsdTelemetry t = client.telemetry();
      assertTrue(t.linesDropped() > 0, t.toString());
      assertEquals(calls, t.linesSent() + t.linesDropped(), t.toString());
      assertEquals(t.linesSent(), lines(datagrams(server, 500)).size());
    }
  }

  @Test
  void unusableInputAndCallsAfterCloseAreDroppedNeverThrown() throws Exception {
    StatsdClient client = StatsdClient.create("127.0.0.1", 9, "");
    client.count(null, 1);
    client.gauge("nan", Double.NaN);
    client.histogram("inf", Double.POSITIVE_INFINITY);
    client.set("s", null);
    client.count("x".repeat(5000), 1);
    client.event(null, null);
    client.serviceCheck(null, ServiceCheckStatus.OK, null);
    client.count("varargs", 1, (String[]) null);
    client.close();
    client.increment("x");
    assertEquals(8, client.dropped());
  }

  @Test
  void threadsThatCallConcurrentlyLoseNothingOverTcp() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CompletableFuture<List<String>> received = Peers.acceptLines(server);
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).tcp()
          .queueCapacityBytes(1 << 22).build();
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        String tag = "thread:" + t;
        threads.add(new Thread(() -> {
          for (int i = 0; i < 10_000; i++) {
            client.count("c", 1, tag, "env:test");
          }
        }));
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      client.close();
      List<String> lines = received.get(30, TimeUnit.SECONDS);
      assertEquals(40_000, lines.size());
      for (int t = 0; t < 4; t++) {
        String line = "c:1|c|#thread:" + t + ",env:test";
        assertEquals(10_000, lines.stream().filter(line::equals).count(), line);
      }
      assertEquals(new StatsdTelemetry(40_000, 40_000, 0, 0, client.telemetry().packetsSent(),
          client.telemetry().bytesSent()), client.telemetry());
    }
  }

  @Test
  void aUnixSocketCarriesLinesWithTheirNewlines(@TempDir Path dir) throws Exception {
    Path path = dir.resolve("statsd.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      CompletableFuture<List<String>> received = CompletableFuture.supplyAsync(() -> {
        try (SocketChannel channel = server.accept();
             BufferedReader in = new BufferedReader(Channels.newReader(channel, StandardCharsets.UTF_8))) {
          return in.lines().toList();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      try (StatsdClient client = StatsdClient.builder().unixSocket(path).prefix("uds").build()) {
        client.count("a", 1);
        client.gauge("b", 2.5);
      }
      assertEquals(List.of("uds.a:1|c", "uds.b:2.5|g"), received.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aServerThatIsDownCostsDroppedLinesAndReportedErrors() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<Exception> errors = new CopyOnWriteArrayList<>();
    StatsdClient client = StatsdClient.builder().port(port).tcp().errorHandler(errors::add).build();
    client.count("lost", 1);
    client.close();
    assertEquals(1, client.dropped());
    assertEquals(1, errors.size(), errors.toString());
  }

  @Test
  void aggregationSumsCountersKeepsTheLastGaugeAndDistinctSetMembers() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).aggregationIntervalMillis(60_000)
          .build();
      for (int i = 0; i < 100; i++) {
        client.count("hits", 2, "a:b");
        client.gauge("temp", i);
        client.set("users", "u" + i % 3);
      }
      client.count("hits", 5, "a:c");
      client.gauge("neg", -4);
      client.gaugeDelta("moved", 3);
      client.gaugeDelta("moved", -1);
      client.count("sampled", 1, 0.999_999_999);
      client.time("t", 5);
      client.close();
      List<String> lines = lines(datagrams(server, 500));
      assertEquals(List.of("sampled:1|c|@0.999999999", "t:5|ms"), lines.subList(0, 2), "not aggregated, sent first");
      assertEquals(java.util.Set.of("hits:200|c|#a:b", "hits:5|c|#a:c"), java.util.Set.copyOf(lines.subList(2, 4)));
      assertEquals(List.of("temp:99|g", "neg:0|g", "neg:-4|g", "moved:+2|g", "users:u0|s", "users:u1|s",
          "users:u2|s"), lines.subList(4, lines.size()));
      assertEquals(307 - 11, client.telemetry().linesAggregated());
    }
  }

  @Test
  void theClientReportsItsOwnTelemetryAsMetrics() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).prefix("svc")
          .telemetryIntervalMillis(60_000).build();
      client.increment("x");
      client.close();
      List<String> lines = lines(datagrams(server, 500));
      assertEquals("svc.x:1|c", lines.get(0));
      assertEquals(5, lines.size(), lines.toString());
      String[] names = {"lines_sent", "lines_dropped", "packets_sent", "bytes_sent"};
      for (int i = 0; i < names.length; i++) {
        assertTrue(lines.get(1 + i).matches("svc\\.statsd_client\\." + names[i] + ":\\d+\\|c"), lines.get(1 + i));
      }
      assertEquals("svc.statsd_client.lines_dropped:0|c", lines.get(2));
    }
  }

  @Test
  void eventsAndServiceChecksInDogStatsdForm() throws Exception {
    try (DatagramSocket server = udpServer()) {
      try (StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).constantTags("env:prod")
          .build()) {
        client.event("Deploy é", "line one\nline two|x", "app:web");
        client.event(new StatsdEvent("t", "", 1_700_000_000L, "host|1", "key", "low", "src", "error",
            List.of("a")));
        client.serviceCheck("db.up", ServiceCheckStatus.CRITICAL, "down\nm:here", "db:main");
      }
      assertEquals(List.of("_e{9,20}:Deploy é|line one\\nline two|x|#env:prod,app:web",
          "_e{1,0}:t||d:1700000000|h:host_1|k:key|p:low|s:src|t:error|#env:prod,a",
          "_sc|db.up|2|#env:prod,db:main|m:down\\nm\\:here"), lines(datagrams(server, 500)));
    }
  }

  @Test
  void whatThreadsThatEndedQueuedOrAddedUpIsStillSentAndCounted() throws Exception {
    try (DatagramSocket server = udpServer()) {
      StatsdClient client = StatsdClient.builder().port(server.getLocalPort()).aggregationIntervalMillis(60_000)
          .flushIntervalMillis(20).build();
      for (int t = 0; t < 3; t++) {
        Thread thread = new Thread(() -> {
          client.count("added", 2);
          client.time("queued", 7);
        });
        thread.start();
        thread.join();
      }
      Thread.sleep(200); // a few sender rounds: the ended threads' rings are retired
      client.close();
      List<String> lines = lines(datagrams(server, 500));
      assertEquals(List.of("queued:7|ms", "queued:7|ms", "queued:7|ms"), lines.subList(0, 3));
      assertEquals(List.of("added:2|c", "added:2|c", "added:2|c"), lines.subList(3, 6));
      assertEquals(new StatsdTelemetry(6, 6, 0, 0, client.telemetry().packetsSent(), client.telemetry().bytesSent()),
          client.telemetry());
    }
  }
}
