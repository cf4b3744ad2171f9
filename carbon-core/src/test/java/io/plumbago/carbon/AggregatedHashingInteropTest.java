package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** carbon's AggregatedConsistentHashingRouter is the oracle for where a relay in front of aggregators sends metrics. */
@Tag("interop")
class AggregatedHashingInteropTest {
  @TempDir
  Path dir;

  @Test
  void sendsEachMetricWhereCarbonSendsIt() throws Exception {
    PythonPeer.requireCarbon();
    Path rulesFile = dir.resolve("aggregation-rules.conf");
    Files.writeString(rulesFile, "# aggregates\n<env>.all.<m> (60) = sum <env>.*.<m>\n\n"
        + "total.<m> (60) = avg *.*.<m>\n");
    List<CarbonReceiver> sinks = new ArrayList<>();
    List<Destination> destinations = new ArrayList<>();
    Map<String, String> landed = new ConcurrentHashMap<>();
    try {
      for (String instance : List.of("a", "b", "c")) {
        CarbonReceiver sink = CarbonReceiver.builder((m, t, v) -> landed.merge(m, instance, (x, y) -> x + "," + y))
            .pickleTcp(new InetSocketAddress("127.0.0.1", 0)).build();
        sink.start();
        sinks.add(sink);
        destinations.add(new Destination("127.0.0.1", sink.pickleAddress().getPort(), instance));
      }
      SplittableRandom random = new SplittableRandom(8);
      List<String> metrics = new ArrayList<>();
      String[] parts = {"prod", "dev", "web1", "web2", "db", "cpu", "mem", "all", "x"};
      for (int i = 0; i < 600; i++) {
        StringBuilder m = new StringBuilder();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
          m.append(parts[random.nextInt(parts.length)]).append(k > 1 ? "." : "");
        }
        if (!metrics.contains(m.toString())) {
          metrics.add(m.toString());
        }
      }
      StringBuilder pyDest = new StringBuilder();
      for (Destination d : destinations) {
        pyDest.append("('127.0.0.1', ").append(d.port()).append(", '").append(d.instance()).append("'),");
      }
      String script = String.join("\n",
          "import sys",
          "from carbon.conf import Settings",
          "from carbon.routers import AggregatedConsistentHashingRouter",
          "s = Settings()",
          "s.update({'REPLICATION_FACTOR': 1, 'DIVERSE_REPLICAS': True, 'ROUTER_HASH_TYPE': 'carbon_ch', "
              + "'aggregation-rules': '" + rulesFile + "'})",
          "r = AggregatedConsistentHashingRouter(s)",
          "for d in [" + pyDest + "]: r.addDestination(d)",
          "for m in sys.stdin.read().split('\\n')[:-1]:",
          "  print(','.join(sorted(d[2] for d in r.getDestinations(m))))");
      String[] expected = PythonPeer.python(script, String.join("\n", metrics) + "\n").split("\n");
      try (CarbonRelay relay = CarbonRelay.builder(destinations)
          .aggregatedConsistentHashing(AggregationRule.parseFile(rulesFile))
          .plaintextTcp(new InetSocketAddress("127.0.0.1", 0)).build()) {
        relay.start();
        try (Socket socket = new Socket("127.0.0.1", relay.receiver().plaintextTcpAddress().getPort())) {
          StringBuilder lines = new StringBuilder();
          for (String m : metrics) {
            lines.append(m).append(" 1 1700000000\n");
          }
          socket.getOutputStream().write(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        CarbonReceiverTest.await(() -> relay.receiver().stats().points() == metrics.size());
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (landed.size() < metrics.size() && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      for (int i = 0; i < metrics.size(); i++) {
        String got = String.join(",", new TreeSet<>(List.of(landed.getOrDefault(metrics.get(i), "").split(","))));
        assertEquals(expected[i], got, "metric " + metrics.get(i));
      }
    } finally {
      sinks.forEach(CarbonReceiver::close);
    }
  }
}
