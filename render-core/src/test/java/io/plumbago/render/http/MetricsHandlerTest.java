package io.plumbago.render.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.render.RenderServer;
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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsHandlerTest {
  private static final long NOW = 1_700_000_000L;
  @TempDir
  Path dir;
  private WhisperDatabase db;
  private RenderServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    db = WhisperDatabase.builder(dir).sparse(true).schemas(StorageSchemas.uniform(Retention.parseList("60s:1d")))
        .build();
    for (String m : List.of("a.b.c", "a.b.d", "a.x.y.z", "a.b", "servers.web1.cpu", "servers.web2.cpu", "x%20y")) {
      db.write(m, new long[] {NOW}, new double[] {1}, 1, NOW);
    }
    server = RenderServer.builder(db).bind(new InetSocketAddress("127.0.0.1", 0)).clock(() -> NOW).build();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
    db.close();
  }

  private HttpResponse<String> get(String pathAndQuery) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.address().getPort()
        + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private String find(String query, String more) throws Exception {
    HttpResponse<String> r = get("/metrics/find?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + more);
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  @Test
  void treejsonListsBranchesThenLeavesOnceEachByName() throws Exception {
    assertEquals("[{\"text\": \"b\", \"id\": \"a.b\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, "
        + "{\"text\": \"x\", \"id\": \"a.x\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}]", find("a.*", ""));
    assertEquals("[{\"text\": \"*\", \"id\": \"a.b.*\", \"allowChildren\": 0, \"expandable\": 0, \"leaf\": 1}, "
        + "{\"text\": \"c\", \"id\": \"a.b.c\", \"allowChildren\": 0, \"expandable\": 0, \"leaf\": 1}, "
        + "{\"text\": \"d\", \"id\": \"a.b.d\", \"allowChildren\": 0, \"expandable\": 0, \"leaf\": 1}]",
        find("a.b.*", "&wildcards=1"));
    assertEquals("[{\"text\": \"x y\", \"id\": \"x%20y\", \"allowChildren\": 0, \"expandable\": 0, \"leaf\": 1}]",
        find("x*", ""));
  }

  @Test
  void completerJsonAndNodelistFormats() throws Exception {
    assertEquals("{\"metrics\": [{\"path\": \"a.b.\", \"name\": \"b\", \"is_leaf\": \"0\"}, "
        + "{\"path\": \"a.b\", \"name\": \"b\", \"is_leaf\": \"1\"}, {\"name\": \"*\"}]}",
        find("a.b", "&format=completer&wildcards=1"));
    assertEquals("[{\"path\": \"a.b\", \"is_leaf\": false}, {\"path\": \"a.b\", \"is_leaf\": true, \"intervals\": "
        + "[{\"start\": 1699913600.0, \"end\": 1699913600.0}]}]", find("a.b", "&format=json").replaceAll(
        "\"end\": [0-9.]+", "\"end\": 1699913600.0"));
    assertEquals("{\"nodes\": [\"c\", \"d\"]}", find("a.b.*", "&format=nodelist"));
    assertEquals("{\"nodes\": [\"a\"]}", find("a.b.*", "&format=nodelist&position=0"));
  }

  @Test
  void expandAndIndex() throws Exception {
    assertEquals("{\"results\": [\"a.b\", \"a.b.c\", \"a.b.d\", \"a.x\"]}",
        get("/metrics/expand?query=a.*&query=a.b.*").body());
    assertEquals("{\"results\": {\"a.*\": [\"a.b\"], \"a.b.*\": [\"a.b.c\", \"a.b.d\"]}}",
        get("/metrics/expand?query=a.*&query=a.b.*&leavesOnly=1&groupByExpr=1").body());
    assertEquals("cb([\"a.b\", \"a.b.c\", \"a.b.d\", \"a.x.y.z\", \"servers.web1.cpu\", \"servers.web2.cpu\", "
        + "\"x%20y\"])", get("/metrics/index.json?jsonp=cb").body());
  }

  @Test
  void postedFormsAddToTheQueryAndTheLastValueWins() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.address().getPort() + "/metrics?format=json"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("query=servers.*.cpu&format=nodelist&position=1")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"nodes\": [\"web1\", \"web2\"]}", r.body());
    assertEquals("no-cache", r.headers().firstValue("cache-control").orElse(""));
  }

  @Test
  void badInputIsA400WordedAsGraphiteWebWordsIt() throws Exception {
    HttpResponse<String> r = get("/metrics/find");
    assertEquals(400, r.statusCode());
    assertEquals("Invalid parameters (Missing required parameter 'query')", r.body());
    assertEquals("Invalid parameters (Required parameter 'query' is empty)", get("/metrics/find?query=").body());
    assertEquals("Invalid parameters (Invalid int value 'x' for param wildcards: invalid literal for int() with base "
        + "10: 'x')", get("/metrics/find?query=a&wildcards=x").body());
    r = get("/metrics/find?query=a&format=yaml");
    assertEquals(400, r.statusCode());
    assertEquals("Invalid value for 'format' parameter", r.body());
    assertEquals(400, get("/metrics/expand?query=a&groupByExpr=yes").statusCode());
    assertEquals(400, get("/metrics/find?query=a.b.*&format=nodelist&position=7").statusCode());
    assertEquals("[]", find("a.[b", ""));
    assertEquals("[]", find("a.{b,{c", ""));
  }

  @Test
  void otherPathsPassThroughToTheRenderHandler() throws Exception {
    assertEquals(404, get("/metrics/get-metadata?metric=a.b").statusCode());
    HttpResponse<String> r = get("/render?target=a.b&from=-2min&until=now&format=json");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().startsWith("[{\"target\": \"a.b\""), r.body());
    for (int i = 0; i < 50; i++) { // keep-alive connection reused across both handlers
      assertEquals(200, get(i % 2 == 0 ? "/metrics/index.json" : "/render?target=a.b").statusCode());
    }
  }
}
