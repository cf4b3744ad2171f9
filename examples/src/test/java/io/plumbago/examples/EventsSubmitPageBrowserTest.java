package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.whisper.testing.Peers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The events submitter page in headless Chromium against the whole stack: a person types an event with the keyboard
 * (tag autocomplete included), presses Enter, and finds it in the recent list, on the metric's graph and in
 * {@code /events/get_data}. Screenshots go to {@code target/events-submit.png} (desktop) and
 * {@code target/events-submit-phone.png}.
 */
@Tag("interop")
class EventsSubmitPageBrowserTest {
  @TempDir
  Path dir;

  @Test
  void aPersonSubmitsAnEventAndSeesItListedAndDrawn() throws Exception {
    Peers.require("chromium (apt-get install chromium)", Files.isExecutable(Chromium.BINARY));
    try (Stack stack = Stack.start(StackOptions.defaults().onFreePorts(dir.resolve("data")))) {
      long now = System.currentTimeMillis() / 1000;
      long start = now - now % 10 - 6 * 3600 + 60;
      int points = (int) ((now - start) / 10);
      long[] timestamps = new long[points];
      double[] values = new double[points];
      for (int i = 0; i < points; i++) {
        timestamps[i] = start + i * 10L;
        double hour = i / 360.0;
        values[i] = 120 + 40 * Math.sin(hour * 1.3) + 5 * Math.sin(i / 11.0) + 2 * Math.sin(i / 4.3)
            + (hour > 3.1 && hour < 3.6 ? 70 : 0);
      }
      stack.database().write("web.checkout.requests", timestamps, values, points, now);
      stack.events().add(now - 5 * 3600 + 900, "Deployed checkout 1.9", List.of("deploy", "checkout"), "by CI");
      stack.events().add(now - 3 * 3600 + 300, "Incident: payment provider slow", List.of("incident", "checkout"),
          "Resolved after failover");
      stack.events().add(now - 2 * 3600, "Spring campaign e-mail sent", List.of("marketing"), "");
      String base = "http://127.0.0.1:" + stack.httpAddress().getPort();

      try (Chromium browser = new Chromium(Files.createDirectories(dir.resolve("chromium")))) {
        browser.send("Emulation.setDeviceMetricsOverride", Map.of("width", 1280, "height", 1180,
            "deviceScaleFactor", 1, "mobile", false));
        browser.send("Page.navigate", Map.of("url", base + "/events/submit?metric=web.checkout.requests"));
        browser.await("document.readyState === 'complete' && document.querySelectorAll('#recent li').length === 3",
            "the page and its recent events");
        browser.await("document.querySelector('#graph path.series')", "the metric's line");

        browser.eval("document.getElementById('what').focus()");
        browser.type("Deployed checkout 2.0");
        browser.press("Tab", 9, null);
        assertEquals("tags", browser.eval("document.activeElement.id").asText(), "Tab moves from what to tags");
        browser.type("dep");
        browser.await("[...document.querySelectorAll('#tag-suggestions option')].some(o => o.value === 'deploy')",
            "the tag autocomplete offering 'deploy'");
        browser.eval("document.getElementById('tags').value = 'deploy checkout'");
        browser.eval("document.getElementById('data').focus()");
        browser.type("Rolled out by the pipeline; release notes in TICKET-42");
        browser.eval("document.getElementById('what').focus()");
        browser.press("Enter", 13, "\r");

        browser.await("document.getElementById('status').className === 'ok'", "the submission to succeed");
        browser.await("document.querySelector('#recent li .what').textContent === 'Deployed checkout 2.0'",
            "the new event at the top of the recent list");
        browser.await("document.querySelectorAll('#graph .event-marker').length === 4",
            "four event markers on the graph");
        assertEquals("what", browser.eval("document.activeElement.id").asText(), "focus back on 'what'");
        assertEquals("Deployed checkout 2.0", browser.eval("document.querySelector('#legend li').lastChild.textContent")
            .asText().strip(), "the newest event heads the graph's legend");

        browser.eval("document.getElementById('filter').value = 'incident'; "
            + "document.getElementById('filter').dispatchEvent(new Event('input'))");
        browser.await("document.querySelectorAll('#recent li').length === 1", "the list filtered by tag");
        browser.eval("document.getElementById('filter').value = ''; "
            + "document.getElementById('filter').dispatchEvent(new Event('input'))");
        browser.await("document.querySelectorAll('#recent li').length === 4", "the list unfiltered");

        browser.screenshot(Path.of("target", "events-submit.png"), 1280, 1180, false);
        browser.screenshot(Path.of("target", "events-submit-phone.png"), 390, 1500, true);
      }
      String stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base
          + "/events/get_data?tags=deploy%20checkout")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertTrue(stored.contains("\"what\": \"Deployed checkout 2.0\", \"data\": \"Rolled out by the pipeline; "
          + "release notes in TICKET-42\", \"tags\": [\"deploy\", \"checkout\"]"), stored);
    }
  }
}
