package io.plumbago.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsHttpTest {
  private static final double NOW = 1_700_000_500;
  @TempDir
  Path dir;
  EventStore store;
  TestHttpServer server;

  @BeforeEach
  void start() throws Exception {
    store = EventStore.builder(dir).build();
    server = new TestHttpServer(EventsHttp.builder(store).clock(() -> NOW).maxBodyBytes(4096).build());
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    store.close();
  }

  @Test
  void postedEventsComeBackFromGetDataAsGraphiteWebWritesThem() throws Exception {
    HttpResponse<String> created = server.post("/events/",
        "{\"what\": \"Deploy v1.2\", \"tags\": [\"prod\", \"deploy\"], \"when\": 1700000000.75, \"data\": \"caf\u00e9\"}");
    assertEquals(200, created.statusCode());
    assertEquals("", created.body());
    assertEquals("/events/1/", created.headers().firstValue("Location").orElseThrow());
    assertEquals(200, server.post("/events", "{\"what\": \"later\", \"tags\": \"deploy  web\"}").statusCode());
    assertEquals("[{\"when\": 1700000000, \"what\": \"Deploy v1.2\", \"data\": \"caf\\u00e9\", \"tags\": [\"prod\", "
        + "\"deploy\"], \"id\": 1}, {\"when\": 1700000500, \"what\": \"later\", \"data\": \"\", \"tags\": [\"deploy\", "
        + "\"web\"], \"id\": 2}]", server.get("/events/get_data").body());
    assertEquals("application/json", server.get("/events/get_data").headers().firstValue("Content-Type").orElseThrow());
    assertEquals(2, server.get("/events/get_data?tags=prod%20web&set=union").body().split("\"id\"").length - 1);
    assertEquals("[]", server.get("/events/get_data?tags=prod%20web&set=intersection").body());
    assertEquals(1, server.get("/events/get_data?from=-5min&until=now").body().split("\"id\"").length - 1);
    assertEquals(1, server.get("/events/get_dat?from=1700000000&until=1700000001").body().split("\"id\"").length - 1);
    HttpResponse<String> jsonp = server.get("/events/get_data?jsonp=cb.x&from=0&until=1");
    assertEquals("cb.x([])", jsonp.body());
    assertEquals("text/javascript", jsonp.headers().firstValue("Content-Type").orElseThrow());
  }

  @Test
  void badInputGetsGraphiteWebsStatusAndAClearError() throws Exception {
    HttpResponse<String> tags = server.post("/events/", "{\"what\": \"x\", \"tags\": 5}");
    assertEquals(400, tags.statusCode());
    assertEquals("{\"error\": \"\\\"tags\\\" must be an array or space-separated string\"}", tags.body());
    assertEquals(400, server.post("/events/", "{\"tags\": [\"a\"]}").statusCode());
    assertEquals(400, server.post("/events/", "[1]").statusCode());
    assertEquals(400, server.post("/events/", "{\"what\": \"x\", \"when\": \"yesterday\"}").statusCode());
    assertEquals(400, server.post("/events/", "{\"what\": \"x\", \"when\": NaN}").statusCode());
    assertEquals(413, server.post("/events/", "{\"what\": \"" + "x".repeat(5000) + "\"}").statusCode());
    HttpResponse<String> jsonp = server.get("/events/get_data?jsonp=alert(1)//");
    assertEquals(400, jsonp.statusCode());
    assertFalse(jsonp.body().contains("alert(1)//("));
    assertEquals(400, server.get("/events/get_data?from=soon").statusCode());
    assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine("GET /events/get_data?tags=%zz HTTP/1.1"));
    assertEquals(405, server.client.send(HttpRequest.newBuilder(server.uri("/events/")).PUT(
        HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(9, server.api.badRequests(), "405 is not bad input, the 9 others are");
    assertEquals(200, server.post("/events/", "{\"what\": \"still serving\"}").statusCode());
  }

  @Test
  void oneEventAsJsonOrHtmlAndDeleted() throws Exception {
    server.post("/events/", "{\"what\": \"<script>alert(1)</script>\", \"tags\": \"a\", \"when\": 1700000000.25}");
    HttpResponse<String> json = server.client.send(HttpRequest.newBuilder(server.uri("/events/1/"))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("{\"id\": 1, \"when\": \"2023-11-14T22:13:20.250Z\", \"what\": \"<script>alert(1)</script>\", "
        + "\"data\": \"\", \"tags\": [\"a\"]}", json.body());
    HttpResponse<String> html = server.get("/events/1");
    assertEquals(200, html.statusCode());
    assertTrue(html.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html.body());
    assertFalse(server.get("/events/").body().contains("<script>alert"));
    HttpResponse<String> missing = server.client.send(HttpRequest.newBuilder(server.uri("/events/9/"))
        .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, missing.statusCode());
    assertEquals("{\"error\": \"Event matching query does not exist\"}", missing.body());
    assertEquals(204, delete("/events/1/", null).statusCode());
    assertEquals(404, delete("/events/1/", null).statusCode());
    assertEquals("[]", server.get("/events/get_data").body());
  }

  /** A request the JDK client would refuse to send (a broken %-escape), over a plain socket. */
  private String rawStatusLine(String requestLine) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.uri("/").getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
          java.nio.charset.StandardCharsets.US_ASCII)).readLine();
    }
  }

  private HttpResponse<String> delete(String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).timeout(Duration.ofSeconds(10)).DELETE();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return server.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aWriteTokenGuardsPostAndDeleteButNotReads() throws Exception {
    try (TestHttpServer guarded = new TestHttpServer(EventsHttp.builder(store).writeToken("s3cret").build())) {
      HttpResponse<String> refused = guarded.post("/events/", "{\"what\": \"x\"}");
      assertEquals(401, refused.statusCode());
      assertEquals("Bearer", refused.headers().firstValue("WWW-Authenticate").orElseThrow());
      HttpResponse<String> ok = guarded.client.send(HttpRequest.newBuilder(guarded.uri("/events/"))
          .header("Authorization", "Bearer s3cret").POST(HttpRequest.BodyPublishers.ofString("{\"what\": \"x\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode());
      assertEquals(200, guarded.get("/events/get_data").statusCode());
      assertTrue(guarded.get("/events/submit").body().contains("data-token-required=\"true\""));
    }
  }

  @Test
  void otherPathsGoToTheNextHandlerAndTheSubmitterPageIsServed() throws Exception {
    HttpResponse<String> other = server.get("/render?target=a");
    assertEquals(418, other.statusCode());
    assertEquals("/render?target=a", other.body());
    assertEquals(418, server.get("/eventsx").statusCode());
    HttpResponse<String> page = server.get("/events/submit");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<form id=\"event-form\""));
    assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
    assertTrue(server.get("/events/submit.js").body().contains("submitEvent"));
    assertTrue(server.get("/events/submit.css").body().contains(".card"));
    server.post("/events/", "{\"what\": \"x\", \"tags\": \"b a b\"}");
    assertEquals("[{\"tag\": \"a\", \"count\": 1}, {\"tag\": \"b\", \"count\": 1}]", server.get("/events/tags").body());
    assertEquals(404, server.get("/events/nothing").statusCode());
  }
}
