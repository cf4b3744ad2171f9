package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.whisper.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** carbon's own loaders (carbon.storage) are the oracle for which schema and aggregation a metric gets. */
@Tag("interop")
class StorageConfigInteropTest {
  private static final List<String> METRICS = List.of("carbon.agents.a.cpuUsage", "stats.counters.x.count",
      "stats.timers.api.upper_90", "servers.web01.cpu.max", "servers.web01.cpu.min", "collectd.host.load.sum",
      "app.requests.count", "weird.name-with_chars.1", "x", "stats_counts.legacy", "servers.db.latency.p99");

  @TempDir
  Path dir;

  @Test
  void schemasAndAggregationMatchCarbonsChoice() throws IOException {
    Peers.require("graphite-carbon", Files.isDirectory(Path.of("/usr/lib/python3/dist-packages/carbon")));
    Files.writeString(dir.resolve("storage-schemas.conf"), String.join("\n",
        "# comments and blank lines as in carbon's example",
        "[carbon]",
        "pattern = ^carbon\\.",
        "retentions = 60:90d",
        "",
        "[stats]",
        "pattern = ^stats\\.",
        "retentions = 10s:6h,1m:7d,10m:5y",
        "",
        "[no_pattern_is_skipped]",
        "retentions = 1s:1m",
        "",
        "[servers]",
        "pattern = servers\\.[a-z]+\\d+",
        "retentions = 15s:1d,5m:30d",
        "[everything_with_a_dash]",
        "pattern = -",
        "retentions = 1h:1y", ""));
    Files.writeString(dir.resolve("storage-aggregation.conf"), String.join("\n",
        "[min]",
        "pattern = \\.min$",
        "xFilesFactor = 0.1",
        "aggregationMethod = min",
        "[max]",
        "pattern = \\.max$",
        "aggregationMethod = max",
        "[sum]",
        "pattern = \\.(count|sum)$",
        "xFilesFactor = 0",
        "aggregationMethod = sum",
        "[only_xff]",
        "pattern = latency",
        "xFilesFactor = 0.9", ""));
    StringBuilder script = new StringBuilder("from carbon.conf import settings\n"
        + "settings['CONF_DIR'] = '" + dir + "'\n"
        + "from carbon import storage\n"
        + "schemas = storage.loadStorageSchemas()\n"
        + "aggs = storage.loadAggregationSchemas()\n");
    for (String metric : METRICS) {
      script.append("m = '").append(metric).append("'\n")
          .append("s = [x for x in schemas if x.matches(m)][0]\n")
          .append("a = [x for x in aggs if x.matches(m)][0]\n")
          .append("xff, method = a.archives\n")
          .append("print(','.join('%d:%d' % t.getTuple() for t in s.archives), "
              + "0.5 if xff is None else xff, method or 'average')\n");
    }
    String[] expected = Peers.python(script.toString(), 60).strip().split("\n");
    StorageSchemas schemas = StorageSchemas.parse(dir.resolve("storage-schemas.conf"));
    StorageAggregation aggregation = StorageAggregation.parse(dir.resolve("storage-aggregation.conf"));
    for (int i = 0; i < METRICS.size(); i++) {
      String metric = METRICS.get(i);
      StringBuilder got = new StringBuilder();
      for (Retention r : schemas.retentionsFor(metric)) {
        got.append(got.length() == 0 ? "" : ",").append(r.secondsPerPoint()).append(':').append(r.points());
      }
      StorageAggregation.Choice choice = aggregation.choiceFor(metric);
      got.append(' ').append(Float.toString(choice.xFilesFactor()))
          .append(' ').append(choice.method().whisperName());
      assertEquals(expected[i], got.toString(), metric);
    }
  }
}
