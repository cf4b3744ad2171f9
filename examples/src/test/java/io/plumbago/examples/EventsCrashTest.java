package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plumbago web --events} as a real process takes POSTs from several clients, is killed with SIGKILL in the
 * middle of them, and after a restart holds every event it had acknowledged.
 */
class EventsCrashTest {
  private static final Pattern EVENT = Pattern.compile("\"what\": \"(c\\d+-\\d+)\"[^}]*\"id\": (\\d+)");
  @TempDir
  Path dir;

  @Test
  void everyAcknowledgedEventSurvivesKillDashNine() throws Exception {
    Path whisper = Files.createDirectories(dir.resolve("whisper"));
    Path events = dir.resolve("events");
    Map<String, Long> acknowledged = new ConcurrentHashMap<>();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    for (int round = 0; round < 3; round++) {
      try (ProgramProcess web = new ProgramProcess(1, "web", "--listen", "127.0.0.1:0", "--data", whisper.toString(),
          "--events", events.toString())) {
        String base = "http://127.0.0.1:" + web.ports().get("http");
        assertAllThere(http, base, acknowledged, round);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch enough = new CountDownLatch(150);
        Thread[] clients = new Thread[4];
        for (int c = 0; c < clients.length; c++) {
          String name = "c" + round + c;
          clients[c] = new Thread(() -> {
            for (int i = 0; !stop.get(); i++) {
              String what = name + "-" + i;
              try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/events/"))
                    .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"what\": \"" + what + "\", \"tags\": [\"crash\", \"" + name + "\"], \"data\": \"x\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                  String location = r.headers().firstValue("Location").orElseThrow();
                  acknowledged.put(what, Long.parseLong(location.replaceAll("\\D", "")));
                  enough.countDown();
                }
              } catch (Exception killed) {
                return; // the server died under us: this one was never acknowledged
              }
            }
          });
          clients[c].start();
        }
        assertTrue(enough.await(60, java.util.concurrent.TimeUnit.SECONDS), "150 events acknowledged in time");
        web.kill(); // while the clients are still posting
        stop.set(true);
        for (Thread t : clients) {
          t.join(15_000);
        }
      }
    }
    try (ProgramProcess web = new ProgramProcess(1, "web", "--listen", "127.0.0.1:0", "--data", whisper.toString(),
        "--events", events.toString())) {
      assertAllThere(http, "http://127.0.0.1:" + web.ports().get("http"), acknowledged, 3);
    }
  }

  private static void assertAllThere(HttpClient http, String base, Map<String, Long> acknowledged, int round)
      throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(base + "/events/get_data?tags=crash")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    Map<String, Long> stored = new java.util.HashMap<>();
    Matcher m = EVENT.matcher(body);
    while (m.find()) {
      stored.put(m.group(1), Long.parseLong(m.group(2)));
    }
    for (Map.Entry<String, Long> e : acknowledged.entrySet()) {
      assertEquals(e.getValue(), stored.get(e.getKey()), "after restart " + round + ", acknowledged " + e.getKey());
    }
    assertTrue(stored.size() >= acknowledged.size(), "round " + round);
  }
}
