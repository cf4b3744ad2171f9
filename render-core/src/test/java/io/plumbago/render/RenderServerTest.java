package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderServerTest {
  private static final long NOW = 1_700_000_000L;
  @TempDir
  Path dir;
  private RenderServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    WhisperDatabase db = WhisperDatabase.builder(dir)
        .schemas(StorageSchemas.uniform(Retention.parseList("10s:6h,1m:7d"))).build();
    db.write("foo.bar", new long[] {NOW - 60, NOW - 50}, new double[] {1.5, 2}, 2, NOW);
    db.write("foo.baz", new long[] {NOW - 60}, new double[] {7}, 1, NOW);
    CacheOverlay cache = (metric, consumer) -> {
      if (metric.equals("foo.bar")) {
        consumer.accept(NOW - 31, 3.25);
      }
    };
    server = RenderServer.builder(db).cacheOverlay(cache).bind(new InetSocketAddress("127.0.0.1", 0))
        .clock(() -> NOW).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String query) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + query);
    return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rendersAPlainPathAsGraphiteWebJsonWithCachedPointsMergedIn() throws Exception {
    HttpResponse<String> response = get("/render?target=foo.bar&from=-70s&until=now&format=json");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
    // whisper returns (from, until] on the 10 s step; the cached point at NOW-31 lands in the 1699999960 step.
    assertEquals("[{\"target\": \"foo.bar\", \"tags\": {\"name\": \"foo.bar\"}, \"datapoints\": ["
        + "[1.5, 1699999940], [2.0, 1699999950], [3.25, 1699999960], [null, 1699999970], [null, 1699999980], "
        + "[null, 1699999990], [null, 1700000000]]}]", response.body());
  }

  @Test
  void globsExpandToEveryMatchingFileInOrder() throws Exception {
    String body = get("/render?target=foo.*&from=-20s&format=json").body();
    assertTrue(body.indexOf("\"foo.bar\"") < body.indexOf("\"foo.baz\""), body);
    assertTrue(get("/render?target=foo.ba%7Br,z%7D&from=-20s").body().contains("foo.baz"));
    assertEquals("[]", get("/render?target=nothing.here&from=-20s").body());
  }

  @Test
  void postedFormsWorkLikeQueries() throws Exception {
    String form = "target=" + URLEncoder.encode("foo.baz", StandardCharsets.UTF_8) + "&from=-70s";
    URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + "/render");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    assertTrue(response.body().contains("[7.0, 1699999940]"), response.body());
  }

  @Test
  void badRequestsGetAClearStatus() throws Exception {
    assertEquals(400, get("/render?target=foo.bar&from=-10xyz").statusCode());
    assertEquals(400, get("/render?target=..%2F..%2Fetc.passwd&from=-1h").statusCode());
    // graphite-web's grammar reads the longest prefix that is a target: "foo.*", never a path out of the root
    HttpResponse<String> dots = get("/render?target=foo.*.%2E%2E&from=-1h");
    assertEquals(200, dots.statusCode());
    assertEquals(2, dots.body().split("\"target\": \"foo\\.ba").length - 1, "foo.bar and foo.baz only");
    assertEquals(400, get("/render?target=foo.bar&jsonp=%3Cscript%3E").statusCode());
    assertEquals(404, get("/nope").statusCode());
    // graphite-web fails with a 500 once it has to consolidate with a function it does not know
    HttpResponse<String> bogus = get("/render?target=consolidateBy(foo.bar,%27bogus%27)&from=-1h&maxDataPoints=2");
    assertEquals(400, bogus.statusCode());
    assertEquals("Invalid consolidation function: 'bogus'\n", bogus.body());
    HttpResponse<String> jsonp = get("/render?target=foo.baz&from=-20s&jsonp=cb");
    assertTrue(jsonp.body().startsWith("cb([{"), jsonp.body());
  }
}
