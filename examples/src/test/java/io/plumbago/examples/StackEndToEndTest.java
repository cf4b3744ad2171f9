package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.client.StatsdClient;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One metric over carbon and one counter over StatsD travel the whole pipeline and come back through /render. */
class StackEndToEndTest {
  @TempDir
  Path data;

  @Test
  void carbonAndStatsdMetricsComeBackThroughRender() throws Exception {
    StackOptions options = new StackOptions("127.0.0.1", data, 0, 0, 0, 0, 0, 3600, null, null, null);
    try (Stack stack = Stack.start(options)) {
      long now = System.currentTimeMillis() / 1000;
      try (Socket socket = new Socket("127.0.0.1", stack.carbonAddress().getPort())) {
        OutputStream out = socket.getOutputStream();
        out.write(("foo.bar 42 " + now + "\n").getBytes(StandardCharsets.UTF_8));
      }
      try (StatsdClient client = StatsdClient.create("127.0.0.1", stack.statsdAddress().getPort(), "")) {
        for (int i = 0; i < 3; i++) {
          client.increment("x");
        }
      }
      Awaits.until(() -> stack.statsd().stats().metricsReceived() == 3, "statsd received the 3 counters");
      stack.statsd().flush();

      String base = "http://127.0.0.1:" + stack.httpAddress().getPort();
      long step = now - now % 10;
      String carbon = Awaits.render(base + "/render?target=foo.bar&from=-10min&format=json", "[42.0, " + step + "]");
      assertTrue(carbon.startsWith("[{\"target\": \"foo.bar\", \"tags\": {\"name\": \"foo.bar\"}, \"datapoints\": ["),
          carbon);
      String statsd = Awaits.render(base + "/render?target=stats.counters.x.count&from=-10min&format=json", "3.0, ");
      assertTrue(statsd.contains("\"target\": \"stats.counters.x.count\""), statsd);
      assertTrue(stack.database().exists("foo.bar"), "foo.bar is a whisper file");
    }
  }

  /** Bounded polling for things that happen on other threads. */
  static final class Awaits {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static void until(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
      long deadline = System.nanoTime() + 15_000_000_000L;
      while (!condition.getAsBoolean()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("not within 15 s: " + what);
        }
        Thread.sleep(20);
      }
    }

    /** GETs {@code url} until the body contains {@code expected}; returns that body. */
    static String render(String url, String expected) throws Exception {
      long deadline = System.nanoTime() + 15_000_000_000L;
      String body = "";
      while (System.nanoTime() < deadline) {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofString());
        body = response.body();
        if (response.statusCode() == 200 && body.contains(expected)) {
          return body;
        }
        Thread.sleep(50);
      }
      throw new AssertionError("no '" + expected + "' from " + url + " within 15 s; last body: " + body);
    }
  }
}
