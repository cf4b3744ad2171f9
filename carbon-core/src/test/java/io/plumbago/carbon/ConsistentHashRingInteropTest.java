package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** carbon's own router (carbon.routers.ConsistentHashingRouter) is the oracle for where each metric goes. */
@Tag("interop")
class ConsistentHashRingInteropTest {
  @ParameterizedTest(name = "{0} {1} replication {2} diverse {3}")
  @CsvSource({
      "carbon_ch, '127.0.0.1:2104:a,127.0.0.1:2204:b,127.0.0.1:2304:c', 1, true",
      "carbon_ch, '10.0.0.1:2004,10.0.0.2:2004,10.0.0.3:2004,10.0.0.4:2004', 1, true",
      "carbon_ch, '10.0.0.1:2004:a,10.0.0.1:2104:b,10.0.0.2:2004:a,10.0.0.2:2104:b', 2, true",
      "carbon_ch, '10.0.0.1:2004:a,10.0.0.1:2104:b,10.0.0.2:2004:a,10.0.0.2:2104:b', 2, false",
      "carbon_ch, 'cache-1:2004', 2, false",
      "fnv1a_ch, '127.0.0.1:2104:a,127.0.0.1:2204:b,127.0.0.1:2304:c', 1, true",
      "fnv1a_ch, '10.0.0.1:2004:a,10.0.0.2:2004:b,10.0.0.3:2004:c,10.0.0.4:2004:d,10.0.0.5:2004:e', 2, true",
      "fnv1a_ch, '10.0.0.1:2004:x,10.0.0.2:2004:x', 2, false",
      "fnv1a_ch, '10.0.0.1:2004,10.0.0.2:2004,10.0.0.3:2004', 1, true",
  })
  void placesEveryMetricWhereCarbonRelayDoes(String hash, String nodes, int replication, boolean diverse)
      throws Exception {
    PythonPeer.requireCarbon();
    long seed = nodes.hashCode() * 31L + replication;
    SplittableRandom random = new SplittableRandom(seed);
    List<String> metrics = new ArrayList<>();
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_-.é;=";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder m = new StringBuilder();
      for (int k = 1 + random.nextInt(40); k > 0; k--) {
        m.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      metrics.add(m.toString());
    }
    List<Destination> destinations = new ArrayList<>();
    StringBuilder pyDestinations = new StringBuilder();
    for (String d : nodes.split(",")) {
      Destination destination = Destination.parse(d);
      destinations.add(destination);
      pyDestinations.append("('").append(destination.host()).append("', ").append(destination.port()).append(", ")
          .append(destination.instance() == null ? "None" : "'" + destination.instance() + "'").append("),");
    }
    String script = String.join("\n",
        "import sys",
        "from carbon.routers import ConsistentHashingRouter",
        "class S: pass",
        "s = S(); s.REPLICATION_FACTOR = " + replication + "; s.DIVERSE_REPLICAS = " + (diverse ? "True" : "False")
            + "; s.ROUTER_HASH_TYPE = '" + hash + "'",
        "r = ConsistentHashingRouter(s)",
        "for d in [" + pyDestinations + "]: r.addDestination(d)",
        "out = []",
        "for m in sys.stdin.read().split('\\n')[:-1]:",
        "  out.append(' '.join('%s:%d:%s' % d for d in r.getDestinations(m)))",
        "sys.stdout.write('\\n'.join(out) + '\\n')");
    String[] expected = PythonPeer.python(script, String.join("\n", metrics) + "\n").split("\n", -1);
    ConsistentHashRing ring = ConsistentHashRing.of(destinations,
        hash.equals("fnv1a_ch") ? ConsistentHashRing.HashType.FNV1A_CH : ConsistentHashRing.HashType.CARBON_CH);
    for (int i = 0; i < metrics.size(); i++) {
      StringBuilder got = new StringBuilder();
      for (Destination d : ring.nodesFor(metrics.get(i), replication, diverse)) {
        got.append(got.length() == 0 ? "" : " ").append(d.host()).append(':').append(d.port()).append(':')
            .append(d.instance() == null ? "None" : d.instance());
      }
      assertEquals(expected[i], got.toString(), "seed " + seed + " metric '" + metrics.get(i) + "'");
    }
  }
}
