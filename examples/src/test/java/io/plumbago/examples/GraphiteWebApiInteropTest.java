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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real graphite-web and Plumbago over the same whisper tree answer /metrics/find and /render identically. */
@Tag("interop")
class GraphiteWebApiInteropTest {
  @TempDir
  Path dir;

  @Test
  void findAndRenderAnswerLikeGraphiteWeb() throws Exception {
    Peers.require("graphite-web", Files.isExecutable(GraphiteWeb.MANAGE));
    Path whisper = dir.resolve("whisper");
    try (WhisperDatabase db = WhisperDatabase.builder(whisper).sparse(true)
        .schemas(StorageSchemas.uniform(Retention.parseList("60s:1d"))).build()) {
      for (String m : List.of("servers.web01.cpu", "servers.web01.mem", "servers.web02.cpu", "servers.db01.disk.used",
          "servers.web01", "stats.counters.x.count", "a", "b_c-d.e")) {
        db.write(m, new long[] {1_700_000_000L}, new double[] {1}, 1, 1_700_000_000L);
      }
    }
    long now = System.currentTimeMillis() / 1000;
    long step = now - now % 60;
    try (WhisperDatabase db = WhisperDatabase.builder(whisper)
        .schemas(StorageSchemas.uniform(Retention.parseList("60s:1d"))).build()) {
      db.write("render.sine", new long[] {step - 600, step - 540, step - 300, step - 60},
          new double[] {0.5, -1.25, 1e-7, 123456789.125}, 4, now);
      db.write("render.other", new long[] {step - 120}, new double[] {42}, 1, now);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    HttpClient http = HttpClient.newHttpClient();
    try (WhisperDatabase db = WhisperDatabase.builder(whisper).build();
         RenderServer ours = RenderServer.builder(db).bind(new InetSocketAddress("127.0.0.1", 0)).build();
         GraphiteWeb theirs = new GraphiteWeb(whisper, port, List.of(), dir.resolve("graphite-web"))) {
      ours.start();
      for (String query : List.of("*", "servers.*", "servers.web0?", "servers.{web01,db01}.*", "servers.web01.*",
          "servers.web01.cpu", "nothing.*", "s*.*.*", "b_c-d.*", "servers.[a-w]*")) {
        String q = "/metrics/find?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
        String expected = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + q)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        String got = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ours.address().getPort() + q))
            .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertEquals(expected, got, query);
        if (query.equals("nothing.*")) {
          for (String target : List.of("render.sine", "render.*", "render.{other,sine}")) {
            String r = "/render?format=json&target=" + URLEncoder.encode(target, StandardCharsets.UTF_8)
                + "&from=" + (step - 900) + "&until=" + (step - 30);
            String theirRender = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + r)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
            String ourRender = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ours.address().getPort() + r)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(theirRender, ourRender, "render " + target);
          }
        }
        if (query.equals("servers.*")) {
          // web01 is both a folder and a file: graphite-web lists the name once, as the branch
          assertTrue(expected.contains("\"id\": \"servers.web01\", \"allowChildren\": 1"),
              "graphite-web answered with nodes: " + expected);
        }
      }
    }
  }
}
