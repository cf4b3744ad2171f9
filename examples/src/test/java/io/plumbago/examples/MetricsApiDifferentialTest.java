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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real graphite-web 1.1 and Plumbago over one whisper tree answer the metrics API alike: every request below is
 * sent to both and the answers compared as parsed JSON (order included) and as text, or by status and text for
 * errors. Leaves' intervals depend on the clock, so they are compared within a few seconds.
 */
@Tag("interop")
class MetricsApiDifferentialTest {
  private static final List<String> METRICS = List.of("a.b.c", "a.b.d", "a.b", "a.x.y.z", "a.x.y.w", "a.x.q",
      "servers.web1.cpu", "servers.web1.mem", "servers.web2.cpu", "servers.web2.mem", "servers.db1.cpu",
      "servers.db1.disk.used", "servers.db1.disk.free", "stats.counters.requests.count",
      "stats.counters.errors.count", "stats.gauges.temp", "stats_counts.requests", "carbon.agents.host-a.cpuUsage",
      "carbon.agents.host-a.memUsage", "x%20y", "Caps.Mixed", "n1.v_1");

  /** GET requests (path and query). */
  private static final List<String> GETS = List.of(
      // find, treejson (the default)
      "/metrics/find?query=*", "/metrics/find?query=a.*", "/metrics/find?query=a.b.*", "/metrics/find?query=a.b",
      "/metrics/find/?query=a.x.*.*", "/metrics?query=servers.*", "/metrics/?query=servers.web%3F.*",
      "/metrics/find?query=servers.%7Bweb1,db1%7D.cpu", "/metrics/find?query=servers.%7Bweb*,db1%7D.*",
      "/metrics/find?query=servers.%5Ba-w%5D*", "/metrics/find?query=servers.%5B!w%5D*.*",
      "/metrics/find?query=servers.web%5B12%5D.mem", "/metrics/find?query=stats*", "/metrics/find?query=stats.*.*",
      "/metrics/find?query=carbon.agents.*.*Usage", "/metrics/find?query=nothing.*",
      "/metrics/find?query=servers.db1.disk.*", "/metrics/find?query=x*", "/metrics/find?query=*.*.*.*",
      "/metrics/find?query=a.%7Bb,%7Bx,q%7D%7D.*", "/metrics/find?query=servers.%5Bweb",
      "/metrics/find?query=servers.%7Bweb1", "/metrics/find?query=servers.**", "/metrics/find?query=a.**.z",
      "/metrics/find?query=*.%5BA-Z%5D*", "/metrics/find?query=n1.v_%3F&format=treejson",
      "/metrics/find?query=a.b.*&wildcards=1", "/metrics/find?query=servers.*&wildcards=1",
      "/metrics/find?query=a.b&wildcards=1", "/metrics/find?query=a.b.c&wildcards=1",
      "/metrics/find?query=a.*&leavesOnly=1", "/metrics/find?query=servers.db1.*&leavesOnly=1",
      "/metrics/find?query=a.*&from=-1h&until=now", "/metrics/find?query=a.*&jsonp=cb",
      "/metrics/find?query=a.*&pretty=1", "/metrics/find?query=a.*&format=json&format=treejson",
      // completer
      "/metrics/find?query=a.&format=completer", "/metrics/find?query=a.b&format=completer",
      "/metrics/find?query=servers.web&format=completer", "/metrics/find?query=servers..cpu&format=completer",
      "/metrics/find?query=servers.web1,db1.c&format=completer&automatic_variants=1",
      "/metrics/find?query=servers.*&format=completer&wildcards=1",
      "/metrics/find?query=servers.*.cpu&format=completer", "/metrics/find?query=a.b&format=completer&jsonp=cb",
      // json and nodelist
      "/metrics/find?query=a.*&format=json", "/metrics/find?query=servers.db1.*&format=json",
      "/metrics/find?query=servers.*.*&format=nodelist",
      "/metrics/find?query=servers.*.*&format=nodelist&position=1",
      "/metrics/find?query=a.**&format=nodelist&position=0", "/metrics/find?query=nothing&format=nodelist",
      // expand
      "/metrics/expand?query=a.*", "/metrics/expand?query=a.*&query=servers.*",
      "/metrics/expand?query=a.*&query=a.b.*&leavesOnly=1",
      "/metrics/expand/?query=servers.*.cpu&query=a.*&groupByExpr=1",
      "/metrics/expand?query=a.*&groupByExpr=1&leavesOnly=1&jsonp=cb", "/metrics/expand?query=nothing",
      "/metrics/expand", "/metrics/expand?query=a.*&query=a.*&groupByExpr=1",
      // index
      "/metrics/index.json", "/metrics/index.json?jsonp=cb",
      // errors
      "/metrics/find", "/metrics", "/metrics/find?query=", "/metrics/find?query=a.*&format=bogus",
      "/metrics/find?query=a&wildcards=abc", "/metrics/find?query=a&leavesOnly=1.5",
      "/metrics/find?query=a&position=x&format=nodelist");

  /** POSTed forms: path with query string, then the form. */
  private static final List<String[]> POSTS = List.of(
      new String[] {"/metrics/find", "query=servers.*.cpu&format=nodelist&position=1"},
      new String[] {"/metrics/find?format=json", "query=a.b.*&format=completer"},
      new String[] {"/metrics/expand?query=a.*", "query=stats.*&groupByExpr=1"});

  @TempDir
  Path dir;

  @Test
  void everyMetricsRequestIsAnsweredLikeGraphiteWeb() throws Exception {
    Peers.require("graphite-web", Files.isExecutable(GraphiteWeb.MANAGE));
    Path whisper = dir.resolve("whisper");
    long now = System.currentTimeMillis() / 1000;
    try (WhisperDatabase db = WhisperDatabase.builder(whisper).sparse(true)
        .schemas(StorageSchemas.uniform(Retention.parseList("60s:1d"))).build()) {
      for (String m : METRICS) {
        db.write(m, new long[] {now - 60}, new double[] {1}, 1, now);
      }
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpClient http = HttpClient.newHttpClient();
    int compared = 0;
    try (WhisperDatabase db = WhisperDatabase.builder(whisper).build();
         RenderServer ours = RenderServer.builder(db).bind(new InetSocketAddress("127.0.0.1", 0)).build();
         GraphiteWeb theirs = new GraphiteWeb(whisper, port, List.of(), dir.resolve("graphite-web"))) {
      ours.start();
      List<HttpRequest.Builder[]> requests = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String get : GETS) {
        requests.add(new HttpRequest.Builder[] {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + get)),
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ours.address().getPort() + get))});
        names.add("GET " + get);
      }
      for (String[] post : POSTS) {
        requests.add(new HttpRequest.Builder[] {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + post[0]))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(post[1])),
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ours.address().getPort() + post[0]))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(post[1]))});
        names.add("POST " + post[0] + " " + post[1]);
      }
      // a client that accepts anything gets UTF-8 rather than escapes, and says so in the content type
      requests.add(new HttpRequest.Builder[] {
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics/find?query=*")).header("Accept",
              "*/*"),
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ours.address().getPort() + "/metrics/find?query=*"))
              .header("Accept", "*/*")});
      names.add("GET /metrics/find?query=* Accept: */*");
      List<String> failures = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        HttpResponse<String> expected = http.send(requests.get(i)[0].build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> got = http.send(requests.get(i)[1].build(), HttpResponse.BodyHandlers.ofString());
        String why = difference(expected, got, names.get(i));
        if (why != null) {
          failures.add(names.get(i) + ": " + why);
        }
        compared++;
      }
      assertEquals(List.of(), failures, "answers that differ from graphite-web's");
    }
    assertTrue(compared >= 40, "compared " + compared);
  }

  /** Null when the answers agree, else how they differ. */
  private static String difference(HttpResponse<String> expected, HttpResponse<String> got, String name) {
    if (expected.statusCode() != got.statusCode()) {
      return "status " + expected.statusCode() + " (" + expected.body() + ") vs " + got.statusCode() + " ("
          + got.body() + ")";
    }
    if (expected.statusCode() != 200) {
      return expected.body().equals(got.body()) ? null : "error " + expected.body() + " vs " + got.body();
    }
    String type = expected.headers().firstValue("content-type").orElse("");
    if (!type.equals(got.headers().firstValue("content-type").orElse(""))) {
      return "content type " + type + " vs " + got.headers().firstValue("content-type").orElse("");
    }
    String theirs = expected.body();
    String ours = got.body();
    String callback = "";
    if (type.startsWith("text/javascript")) {
      int open = theirs.indexOf('(');
      callback = theirs.substring(0, open);
      if (!ours.startsWith(callback + "(") || !ours.endsWith(")")) {
        return "jsonp " + theirs + " vs " + ours;
      }
      theirs = theirs.substring(open + 1, theirs.length() - 1);
      ours = ours.substring(open + 1, ours.length() - 1);
    }
    Object theirTree = json(theirs);
    Object ourTree = json(ours);
    boolean canonical = false;
    if (name.contains("format=completer")) {
      // graphite-web shuffles its finders' answers before sorting them by name: equal names come in any order
      canonical = canonicalCompleter(theirTree);
    }
    if (name.contains("format=json") && !name.contains("format=treejson")) {
      return sameWithinSeconds(theirTree, ourTree) ? null : "json " + theirs + " vs " + ours;
    }
    if (!theirTree.equals(ourTree)) {
      return "\n  graphite-web: " + theirs + "\n  plumbago:     " + ours;
    }
    return canonical || theirs.equals(ours) ? null : "same JSON, other text:\n  " + theirs + "\n  " + ours;
  }

  @SuppressWarnings("unchecked")
  private static boolean canonicalCompleter(Object tree) {
    List<Object> metrics = (List<Object>) ((Map<String, Object>) tree).get("metrics");
    List<Object> sorted = new ArrayList<>(metrics);
    sorted.sort(Comparator.comparing((Object m) -> ((Map<String, Object>) m).containsKey("path") ? 0 : 1)
        .thenComparing(m -> String.valueOf(((Map<String, Object>) m).get("name")))
        .thenComparing(m -> String.valueOf(((Map<String, Object>) m).get("path")).replaceAll("\\.$", ""))
        .thenComparing(m -> String.valueOf(((Map<String, Object>) m).get("is_leaf"))));
    boolean changed = !sorted.equals(metrics);
    metrics.clear();
    metrics.addAll(sorted);
    return changed;
  }

  /** Equal, except that numbers that are not integers may differ by a few seconds (time.time() against ours). */
  private static boolean sameWithinSeconds(Object a, Object b) {
    if (a instanceof Double x && b instanceof Double y) {
      return Math.abs(x - y) < 5;
    }
    if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
      return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> sameWithinSeconds(x.get(k), y.get(k)));
    }
    if (a instanceof List<?> x && b instanceof List<?> y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameWithinSeconds(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** JSON as ordered maps, lists, strings, booleans, Long integers, Double floats and null. */
  private static Object json(String text) {
    return JsonValues.read(text, false, p -> p.currentToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
        ? (Object) p.getLongValue() : (Object) p.getDoubleValue(), null);
  }
}
