package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** carbon's RelayRulesRouter is the oracle for relay-rules.conf. */
class RelayRulesInteropTest {
  private static final String RULES = String.join("\n",
      "# file order matters; the default is always last",
      "[everything_else]",
      "default = true",
      "destinations = 127.0.0.1:2004:a",
      "[Servers]",
      "pattern = ^servers\\.",
      "destinations = 127.0.0.1:2104:b, 127.0.0.1:2204:c",
      "continue = true",
      "[cpu]",
      "pattern = CPU",
      "destinations: 127.0.0.1:2204:c, 10.9.9.9:2004",
      "[disabled_default]",
      "default = false",
      "destinations = 127.0.0.1:2004:a",
      "[stats]",
      "pattern = ^stats",
      "destinations = 127.0.0.1:2104:b",
      "");

  @TempDir
  Path dir;

  @Tag("interop")
  @Test
  void routesEveryMetricAsCarbonDoes() throws Exception {
    PythonPeer.requireCarbon();
    Path rules = dir.resolve("relay-rules.conf");
    Files.writeString(rules, RULES);
    long seed = 99;
    SplittableRandom random = new SplittableRandom(seed);
    String[] parts = {"servers", "stats", "cpu", "CPU", "Cpu", "web01", "load", "x", "SERVERS"};
    List<String> metrics = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      StringBuilder m = new StringBuilder();
      for (int k = 1 + random.nextInt(4); k > 0; k--) {
        m.append(parts[random.nextInt(parts.length)]).append(k > 1 ? "." : "");
      }
      metrics.add(m.toString());
    }
    String destinations = "127.0.0.1:2004:a,127.0.0.1:2104:b,127.0.0.1:2204:c";
    String script = String.join("\n",
        "import sys",
        "from carbon.routers import RelayRulesRouter",
        "from carbon.util import parseDestinations",
        "r = RelayRulesRouter({'relay-rules': '" + rules + "'})",
        "for d in parseDestinations('" + destinations + "'.split(',')): r.addDestination(d)",
        "for m in sys.stdin.read().split('\\n')[:-1]:",
        "  print(' '.join('%s:%d:%s' % d for d in r.getDestinations(m)))");
    String out = PythonPeer.python(script, String.join("\n", metrics) + "\n");
    String[] expected = out.split("\n", -1);
    RelayRules ours = RelayRules.parse(rules);
    Set<Destination> configured = new LinkedHashSet<>();
    for (String d : destinations.split(",")) {
      configured.add(Destination.parse(d));
    }
    for (int i = 0; i < metrics.size(); i++) {
      StringBuilder got = new StringBuilder();
      for (Destination d : ours.destinationsFor(metrics.get(i), configured)) {
        got.append(got.length() == 0 ? "" : " ").append(d);
      }
      assertEquals(expected[i], got.toString(), "seed " + seed + " metric " + metrics.get(i) + "\n" + out.substring(0,
          Math.min(out.length(), 500)));
    }
  }

  @Test
  void refusesWhatCarbonRefuses() throws Exception {
    Path rules = dir.resolve("bad.conf");
    Files.writeString(rules, "[a]\npattern = x\ndestinations = 127.0.0.1:2004\n");
    assertThrows(IllegalArgumentException.class, () -> RelayRules.parse(rules), "no default");
    Files.writeString(rules, "[a]\npattern = x\n[b]\ndefault = true\ndestinations = 127.0.0.1:2004\n");
    assertThrows(IllegalArgumentException.class, () -> RelayRules.parse(rules), "no destinations");
    Files.writeString(rules, "[a]\npattern = x\ndefault = true\ndestinations = 127.0.0.1:2004\n");
    assertThrows(IllegalArgumentException.class, () -> RelayRules.parse(rules), "pattern and default");
  }
}
