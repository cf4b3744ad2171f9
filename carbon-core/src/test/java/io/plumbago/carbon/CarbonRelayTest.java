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
