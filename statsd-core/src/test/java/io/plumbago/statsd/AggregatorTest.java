package io.plumbago.statsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.statsd.aggregate.Aggregator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worked examples that Etsy statsd 0.9 produced for these packets (../shared/spec/statsd.md §10). */
class AggregatorTest {
  static final List<String> PACKETS = List.of("gorets:1|c", "gorets:1|c|@0.1", "glork:320|ms|@0.1", "glork:100|ms",
      "gaugor:333|g", "gaugor:-10|g\ngaugor:+4|g", "uniques:765|s\nuniques:765|s\nuniques:abc|s",
      "a_bad_test_value|z", "fo/o bar+baz:2|c", "neg:-5|g", "lead:+7|g", "hh:5|h", "dd:3|d", "multi:1|c:2|c",
      "tagged:1|c|#env:prod,region:us", "tneg:-1|ms", "x:|c", "bare", "srate:1|c|@abc",
      "tt:1|ms\ntt:2|ms\ntt:3|ms\ntt:4|ms\ntt:5|ms\ntt:6|ms\ntt:7|ms\ntt:8|ms\ntt:9|ms\ntt:10|ms",
      "dog.metric:2|c|@0.5|#env:dev|c:abc123", "gtag:5|g|#a:b", "crlf:1|c\r\n");

  static final String LEGACY_FLUSH = """
      stats.statsd.bad_lines_seen 0.5
      stats_counts.statsd.bad_lines_seen 5
      stats.statsd.packets_received 2.3
      stats_counts.statsd.packets_received 23
      stats.statsd.metrics_received 3.5
      stats_counts.statsd.metrics_received 35
      stats.gorets 1.1
      stats_counts.gorets 11
      stats.fo-o_barbaz 0.2
      stats_counts.fo-o_barbaz 2
      stats.hh 0.5
      stats_counts.hh 5
      stats.dd 0.3
      stats_counts.dd 3
      stats.multi 0.3
      stats_counts.multi 3
      stats.tagged;env=prod;region=us 0.1
      stats_counts.tagged;env=prod;region=us 1
      stats.dog.metric;env=devcabc123 0.4
      stats_counts.dog.metric;env=devcabc123 4
      stats.crlf 0.1
      stats_counts.crlf 1
      stats.timers.glork.count_90 2
      stats.timers.glork.mean_90 210
      stats.timers.glork.upper_90 320
      stats.timers.glork.sum_90 420
      stats.timers.glork.sum_squares_90 112400
      stats.timers.glork.std 110
      stats.timers.glork.upper 320
      stats.timers.glork.lower 100
      stats.timers.glork.count 11
      stats.timers.glork.count_ps 1.1
      stats.timers.glork.sum 420
      stats.timers.glork.sum_squares 112400
      stats.timers.glork.mean 210
      stats.timers.glork.median 210
      stats.timers.tt.count_90 9
      stats.timers.tt.mean_90 5
      stats.timers.tt.upper_90 9
      stats.timers.tt.sum_90 45
      stats.timers.tt.sum_squares_90 285
      stats.timers.tt.std 2.8722813232690143
      stats.timers.tt.upper 10
      stats.timers.tt.lower 1
      stats.timers.tt.count 10
      stats.timers.tt.count_ps 1
      stats.timers.tt.sum 55
      stats.timers.tt.sum_squares 385
      stats.timers.tt.mean 5.5
      stats.timers.tt.median 5.5
      stats.gauges.gaugor 327
      stats.gauges.neg -5
      stats.gauges.lead 7
      stats.gauges.gtag;a=b 5
      stats.gauges.statsd.timestamp_lag 0
      stats.sets.uniques.count 2
      statsd.numStats 19
      """;

  private static Map<String, Double> flush(Aggregator aggregator, long now) {
    Map<String, Double> out = new LinkedHashMap<>();
    aggregator.flush(now, (m, t, v) -> {
      assertEquals(now, t);
      out.put(m, v);
    });
    out.remove("stats.statsd.processing_time");
    out.keySet().removeIf(name -> name.contains(".graphiteStats.")); // measured, see EtsyStatsdInteropTest
    return out;
  }

  private static Map<String, Double> parse(String lines) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String line : lines.strip().split("\n")) {
      String[] f = line.strip().split(" ");
      out.put(f[0], Double.parseDouble(f[1]));
    }
    return out;
  }

  @Test
  void legacyFlushMatchesEtsyStatsdForTheWorkedExample() {
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
    flush(aggregator, 1000);
    PACKETS.forEach(aggregator::handlePacket);
    Map<String, Double> got = flush(aggregator, 1010);
    Map<String, Double> expected = parse(LEGACY_FLUSH);
    for (Map.Entry<String, Double> e : expected.entrySet()) {
      assertEquals(e.getValue(), got.get(e.getKey()), 1e-9, e.getKey());
    }
    assertEquals(expected.keySet(), got.keySet());
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(got.keySet()), "Etsy's emission order");
  }

  @Test
  void idleFlushKeepsKeysAtZeroAndGaugesAtTheirValue() {
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
    PACKETS.forEach(aggregator::handlePacket);
    flush(aggregator, 1000);
    Map<String, Double> idle = flush(aggregator, 1010);
    assertEquals(0.0, idle.get("stats_counts.gorets"));
    assertEquals(0.0, idle.get("stats.timers.tt.count"));
    assertEquals(0.0, idle.get("stats.timers.tt.count_ps"));
    assertEquals(null, idle.get("stats.timers.tt.mean"));
    assertEquals(327.0, idle.get("stats.gauges.gaugor"));
    assertEquals(0.0, idle.get("stats.sets.uniques.count"));
    assertEquals(19.0, idle.get("statsd.numStats"));
  }

  @Test
  void nonLegacyNamespaceNamesCountersRateAndCount() {
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults().withLegacyNamespace(false));
    PACKETS.forEach(aggregator::handlePacket);
    Map<String, Double> got = flush(aggregator, 1010);
    assertEquals(1.1, got.get("stats.counters.gorets.rate"), 1e-12);
    assertEquals(11.0, got.get("stats.counters.gorets.count"), 1e-12);
    assertEquals(1.0, got.get("stats.counters.tagged.count;env=prod;region=us"));
    assertEquals(5.0, got.get("stats.counters.statsd.bad_lines_seen.count"));
    assertEquals(327.0, got.get("stats.gauges.gaugor"));
    assertEquals(18.0, got.get("stats.statsd.numStats"), "no timestamp_lag gauge on the first flush");
  }

  @Test
  void zeroSampleRateIsABadLineNotInfinity() {
    Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
    aggregator.handlePacket("z:1|c|@0");
    Map<String, Double> got = flush(aggregator, 10);
    assertEquals(1.0, got.get("stats_counts.statsd.bad_lines_seen"));
    assertEquals(null, got.get("stats_counts.z"));
  }
}
