package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** carbon.aggregator.rules is the oracle for rule parsing, output names and the aggregation methods. */
class AggregationRuleInteropTest {
  private static final List<String> RULES = List.of(
      "<env>.applications.<app>.all.requests (60) = sum <env>.applications.<app>.*.requests",
      "stats.<path>.all.count 10 = avg stats.<<path>>.host-*.count",
      "a.total (5) = max a.b+c.*",
      "x.<<p>>.bad (60) = count x.<<p>>.y",
      "srv.<h>.p90 (30) = p90 srv.<h>.latency.*",
      "all.cpu (60) = p999 *.cpu.*");

  @Tag("interop")
  @Test
  void namesAggregatesAsCarbonDoes() throws Exception {
    PythonPeer.requireCarbon();
    long seed = 11;
    SplittableRandom random = new SplittableRandom(seed);
    String[] parts = {"prod", "applications", "apache", "www01", "requests", "stats", "a", "b", "c", "host-1",
        "count", "bbc", "b+c", "q", "x", "y", "srv", "latency", "cpu", "web"};
    List<String> metrics = new ArrayList<>(List.of("prod.applications.apache.www01.requests",
        "stats.a.b.host-1.count", "a.bbc.q", "a.b+c.q", "x.q.y", "srv.web.latency.q"));
    for (int i = 0; i < 3000; i++) {
      StringBuilder m = new StringBuilder();
      for (int k = 1 + random.nextInt(5); k > 0; k--) {
        m.append(parts[random.nextInt(parts.length)]).append(k > 1 ? "." : "");
      }
      metrics.add(m.toString());
    }
    StringBuilder script = new StringBuilder("import sys\nfrom carbon.aggregator.rules import RuleManager\n"
        + "rules = [RuleManager.parse_definition(l) for l in " + pyList(RULES) + "]\n"
        + "for m in sys.stdin.read().split('\\n')[:-1]:\n"
        + "  out = []\n"
        + "  for r in rules:\n"
        + "    try:\n"
        + "      out.append(r.get_aggregate_metric(m) or '-')\n"
        + "    except KeyError:\n"
        + "      out.append('-')\n"
        + "  print(' '.join(out))\n");
    String[] expected = PythonPeer.python(script.toString(), String.join("\n", metrics) + "\n").split("\n");
    List<AggregationRule> ours = RULES.stream().map(AggregationRule::parse).toList();
    for (int i = 0; i < metrics.size(); i++) {
      List<String> got = new ArrayList<>();
      for (AggregationRule rule : ours) {
        String out = rule.outputFor(metrics.get(i));
        got.add(out == null ? "-" : out);
      }
      assertEquals(expected[i], String.join(" ", got), "seed " + seed + " metric " + metrics.get(i));
    }
  }

  @Tag("interop")
  @Test
  void aggregatesValuesAsCarbonsMethodsDo() throws Exception {
    PythonPeer.requireCarbon();
    long seed = 12;
    SplittableRandom random = new SplittableRandom(seed);
    List<double[]> lists = new ArrayList<>();
    StringBuilder lists_py = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      double[] values = new double[1 + random.nextInt(30)];
      lists_py.append('[');
      for (int k = 0; k < values.length; k++) {
        values[k] = random.nextInt(3) == 0 ? random.nextInt(-50, 50) : random.nextDouble() * 1000 - 300;
        lists_py.append(Double.toHexString(values[k]).startsWith("-") ? "-float.fromhex('"
            + Double.toHexString(-values[k]) + "')" : "float.fromhex('" + Double.toHexString(values[k]) + "')")
            .append(',');
      }
      lists_py.append("],");
      lists.add(values);
    }
    lists_py.append(']');
    String[] methods = {"sum", "avg", "min", "max", "count", "p50", "p75", "p80", "p90", "p95", "p99", "p999"};
    String script = "from carbon.aggregator.rules import AGGREGATION_METHODS as M\n"
        + "for vs in " + lists_py + ":\n"
        + "  print(' '.join(float(M[m](vs)).hex() for m in " + pyList(List.of(methods)) + "))\n";
    String[] expected = PythonPeer.python(script, "").split("\n");
    for (int i = 0; i < lists.size(); i++) {
      List<String> got = new ArrayList<>();
      for (String method : methods) {
        double v = new AggregationRule("o", 60, method, "i").aggregate(lists.get(i), lists.get(i).length);
        got.add(pythonHex(v));
      }
      assertEquals(expected[i], String.join(" ", got), "seed " + seed + " list " + i);
    }
  }

  @Test
  void refusesRulesCarbonRefuses() {
    assertThrows(IllegalArgumentException.class, () -> AggregationRule.parse("out (60) = median in.*"));
    assertThrows(IllegalArgumentException.class, () -> AggregationRule.parse("out (60) sum in.*"));
    assertThrows(IllegalArgumentException.class, () -> AggregationRule.parse("out (sixty) = sum in.*"));
    assertThrows(IllegalArgumentException.class, () -> AggregationRule.parse("out extra (60) = sum in.*"));
  }

  private static String pyList(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (String s : items) {
      b.append("'").append(s.replace("\\", "\\\\").replace("'", "\\'")).append("',");
    }
    return b.append(']').toString();
  }

  /** Python's float.hex(). */
  private static String pythonHex(double v) {
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0x0.0p+0";
    }
    long bits = Double.doubleToRawLongBits(v);
    int exponent = (int) ((bits >>> 52) & 0x7ff);
    long mantissa = bits & 0xf_ffff_ffff_ffffL;
    int e = exponent == 0 ? -1022 : exponent - 1023;
    return (bits < 0 ? "-" : "") + "0x" + (exponent == 0 ? "0" : "1") + "." + String.format("%013x", mantissa) + "p"
        + (e >= 0 ? "+" : "") + e;
  }
}
