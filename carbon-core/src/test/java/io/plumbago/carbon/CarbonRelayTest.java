package io.plumbago.carbon;

import static io.plumbago.carbon.CarbonReceiverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A relay in front of three real receivers: every point lands, once per copy, where the ring says. */
class CarbonRelayTest {
  @org.junit.jupiter.api.Test
  void rulesSendEachPointOnceToEachDestinationItsRulesName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Map<String, List<String>> received = new ConcurrentHashMap<>();
    List<CarbonReceiver> sinks = new ArrayList<>();
    List<Destination> destinations = new ArrayList<>();
    try {
      for (String instance : List.of("a", "b")) {
        CarbonReceiver sink = CarbonReceiver.builder((m, t, v) -> received.computeIfAbsent(m,
            k -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(instance))
            .pickleTcp(new InetSocketAddress("127.0.0.1", 0)).build();
        sink.start();
        sinks.add(sink);
        destinations.add(new Destination("127.0.0.1", sink.pickleAddress().getPort(), instance));
      }
      java.nio.file.Path rules = dir.resolve("relay-rules.conf");
      java.nio.file.Files.writeString(rules, "[web]\npattern = ^web\\.\ndestinations = " + destinations.get(1)
          + "\ncontinue = true\n[cpu]\npattern = cpu\ndestinations = " + destinations.get(1)
          + "\n[default]\ndefault = true\ndestinations = " + destinations.get(0) + "\n");
      try (CarbonRelay relay = CarbonRelay.builder(destinations).rules(RelayRules.parse(rules))
          .plaintextTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
        relay.start();
        try (Socket socket = new Socket("127.0.0.1", relay.receiver().plaintextTcpAddress().getPort())) {
          socket.getOutputStream().write("web.cpu 1 1700000000\nweb.mem 2 1700000000\ndb.cpu 3 1700000000\nx 4 1\n"
              .getBytes(StandardCharsets.UTF_8));
        }
        await(() -> relay.receiver().stats().points() == 4);
      }
      long until = System.nanoTime() + 5_000_000_000L;
      while (received.values().stream().mapToInt(List::size).sum() < 5 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      Map<String, List<String>> sorted = new java.util.TreeMap<>();
      received.forEach((m, where) -> sorted.put(m, where.stream().sorted().toList()));
      assertEquals(Map.of("web.cpu", List.of("b"), "web.mem", List.of("a", "b"), "db.cpu", List.of("b"), "x",
          List.of("a")), sorted, "web.cpu matches two rules naming b and goes to b once; web.mem continues to the "
          + "default rule too");
    } finally {
      sinks.forEach(CarbonReceiver::close);
    }
  }

  @ParameterizedTest(name = "replication {0}, {1}, c-relay ring {2}")
  @CsvSource({"1, PICKLE, ", "2, PICKLE, ", "1, PLAINTEXT, ", "3, PLAINTEXT, ", "2, PLAINTEXT, JUMP_FNV1A_CH",
      "1, PICKLE, CARBON_CH"})
  void everyPointReachesTheDestinationsTheRingPicksExactlyOnce(int replication, CarbonClient.Protocol protocol,
      CarbonCRelayRing.HashType cRelay) throws Exception {
    List<CarbonReceiver> sinks = new ArrayList<>();
    List<Destination> destinations = new ArrayList<>();
    Map<Destination, Map<String, Integer>> received = new ConcurrentHashMap<>();
    try {
      for (int i = 0; i < 3; i++) {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        CarbonReceiver.Builder b = CarbonReceiver.builder((m, t, v) -> counts.merge(m + " " + t, 1, Integer::sum));
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        CarbonReceiver sink = (protocol == CarbonClient.Protocol.PICKLE ? b.pickleTcp(any) : b.plaintextTcp(any))
            .build();
        sink.start();
        sinks.add(sink);
        int port = (protocol == CarbonClient.Protocol.PICKLE ? sink.pickleAddress() : sink.plaintextTcpAddress())
            .getPort();
        Destination d = new Destination("127.0.0.1", port, "i" + i);
        destinations.add(d);
        received.put(d, counts);
      }
      int n = 3000;
      try (CarbonRelay relay = CarbonRelay.builder(destinations).replicationFactor(replication)
          .diverseReplicas(false).protocol(protocol).cRelayHashType(cRelay)
          .plaintextTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
        relay.start();
        try (Socket socket = new Socket("127.0.0.1", relay.receiver().plaintextTcpAddress().getPort())) {
          OutputStream out = socket.getOutputStream();
          StringBuilder lines = new StringBuilder();
          for (int i = 0; i < n; i++) {
            lines.append("servers.host").append(i % 97).append(".metric").append(i).append(' ').append(i)
                .append(' ').append(1_700_000_000L + i).append('\n');
          }
          out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        await(() -> relay.receiver().stats().points() == n);
      }
      await(() -> received.values().stream().mapToInt(Map::size).sum() == n * replication);
      ConsistentHashRing ring = ConsistentHashRing.of(destinations, ConsistentHashRing.HashType.CARBON_CH);
      for (int i = 0; i < n; i++) {
        String metric = "servers.host" + (i % 97) + ".metric" + i;
        String key = metric + " " + (1_700_000_000L + i);
        Set<Destination> where = new HashSet<>();
        for (Map.Entry<Destination, Map<String, Integer>> e : received.entrySet()) {
          Integer count = e.getValue().get(key);
          if (count != null) {
            assertEquals(1, count, key + " delivered more than once to " + e.getKey());
            where.add(e.getKey());
          }
        }
        List<Destination> expected = cRelay == null ? ring.nodesFor(metric, replication, false)
            : CarbonCRelayRing.of(destinations, cRelay).nodesFor(metric, replication);
        assertEquals(new HashSet<>(expected), where, key);
      }
    } finally {
      sinks.forEach(CarbonReceiver::close);
    }
  }
}
