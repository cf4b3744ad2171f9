package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.render.RenderServer;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.testing.Peers;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reference platform's two frontends each see both backends: Plumbago's web over whisper tree A lists graphite-web
 * (over tree B) as a cluster peer, and the real graphite-web over tree B lists Plumbago in its CLUSTER_SERVERS. Both
 * answer with the series of both trees, and a metric written half to each tree comes back whole from either. When the
 * peer stops, Plumbago keeps answering from its own tree.
 */
@Tag("interop")
class ClusterFederationTest {
  private static final Pattern SERIES = Pattern.compile("\\{\"target\": \"([^\"]+)\"[^\\]]*\"datapoints\": \\[(.*?)\\]\\]\\}");
  @TempDir
  Path dir;

  @Test
  void eachFrontendSeesBothBackendsAndMergesAMetricSplitBetweenThem() throws Exception {
    Peers.require("graphite-web", Files.isExecutable(GraphiteWeb.MANAGE));
    long now = System.currentTimeMillis() / 1000;
    long minute = now - now % 60;
    Path treeA = dir.resolve("a");
    Path treeB = dir.resolve("b");
    write(treeA, "only.a", minute, 0, 10.0, now);
    write(treeB, "only.b", minute, 0, 20.0, now);
    write(treeA, "shared.load", minute, 0, 1.0, now); // even minutes here
    write(treeB, "shared.load", minute, 1, 1.0, now); // odd minutes there
    int graphitePort = freePort();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try (WhisperDatabase a = WhisperDatabase.builder(treeA).build();
        RenderServer plumbago = RenderServer.builder(a).bind(new InetSocketAddress("127.0.0.1", 0))
            .cluster(List.of(URI.create("http://127.0.0.1:" + graphitePort)), 10_000).build()) {
      plumbago.start();
      String query = "/render?target=*.*&from=" + (minute - 600) + "&until=" + minute + "&now=" + now + "&format=json";
      try (GraphiteWeb graphite = new GraphiteWeb(treeB, graphitePort, List.of(),
          List.of("127.0.0.1:" + plumbago.address().getPort()), dir.resolve("graphite-web"))) {
        for (int frontend : new int[] {plumbago.address().getPort(), graphitePort}) {
          String body = get(http, frontend, query);
          List<String> names = new ArrayList<>();
          Matcher m = SERIES.matcher(body);
          while (m.find()) {
            names.add(m.group(1));
            if (m.group(1).equals("shared.load")) {
              // nine written minutes in (from, until], alternating between the trees: none missing once merged; only the step at `until`, which
              // nobody wrote, is None
              String points = m.group(2);
              int nulls = points.split("\\[null,", -1).length - 1;
              int ones = points.split("\\[1\\.0,", -1).length - 1;
              assertEquals(1, nulls, "port " + frontend + " merged shared.load: " + points);
              assertEquals(9, ones, "port " + frontend + " merged shared.load: " + points);
              assertTrue(points.lastIndexOf("[null,") > points.lastIndexOf("[1.0,"), points);
            }
          }
          assertEquals(List.of("only.a", "only.b", "shared.load"), names, "port " + frontend + ": " + body);
          // Grafana's autocomplete on either frontend lists both trees' metrics
          String find = get(http, frontend, "/metrics/find?query=only.*&format=treejson");
          assertTrue(find.contains("\"id\": \"only.a\"") && find.contains("\"id\": \"only.b\""),
              "port " + frontend + ": " + find);
          String expand = get(http, frontend, "/metrics/expand?query=*.*&leavesOnly=1");
          assertEquals("{\"results\": [\"only.a\", \"only.b\", \"shared.load\"]}", expand, "port " + frontend);
        }
      }
      // graphite-web is gone: Plumbago still answers with its own tree
      String alone = get(http, plumbago.address().getPort(), query);
      List<String> names = new ArrayList<>();
      Matcher m = SERIES.matcher(alone);
      while (m.find()) {
        names.add(m.group(1));
      }
      assertEquals(List.of("only.a", "shared.load"), names, alone);
    }
  }

  private static String get(HttpClient http, int port, String query) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + query))
        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("[") || r.body().startsWith("{"), r.body());
    return r.body();
  }

  /** Ten minutes of points before {@code minute}, every other minute starting at {@code offset}. */
  private static void write(Path tree, String metric, long minute, int offset, double value, long now)
      throws Exception {
    try (WhisperDatabase db = WhisperDatabase.builder(tree)
        .schemas(StorageSchemas.uniform(Retention.parseList("60s:1d"))).build()) {
      List<Long> times = new ArrayList<>();
      for (int i = 10 - offset; i > 0; i -= 2) {
        times.add(minute - 60L * i);
      }
      long[] t = times.stream().mapToLong(Long::longValue).toArray();
      double[] v = new double[t.length];
      java.util.Arrays.fill(v, value);
      db.write(metric, t, v, t.length, now);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
