package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.examples.Grafana.Reply;
import io.plumbago.whisper.testing.Peers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The control for {@link GrafanaReplayTest}: the same Grafana requests and checks against the real graphite-web over
 * the same whisper tree. Grafana works with graphite-web, so a check failing here is a mistake in the replay, not in
 * Plumbago; and the replays Plumbago cannot answer yet (skipped there) are exercised here.
 */
@Tag("interop")
class GrafanaReplayGraphiteWebTest extends GrafanaReplayTest {
  private GraphiteWeb graphiteWeb;

  @Override
  protected void serve(Path whisper, Path scratch) throws Exception {
    Peers.require("graphite-web", Files.isExecutable(GraphiteWeb.MANAGE));
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    graphiteWeb = new GraphiteWeb(whisper, port, List.of(), scratch.resolve("graphite-web"));
    baseUrl = "http://127.0.0.1:" + port;
  }

  /** graphite-web's events API: POST /events/ with a JSON body. */
  @Override
  protected void addEvent(double whenSeconds, String what, List<String> tags, String data) throws Exception {
    StringBuilder json = new StringBuilder("{\"what\": \"").append(what).append("\", \"when\": ").append(whenSeconds)
        .append(", \"data\": \"").append(data).append("\", \"tags\": [");
    for (int i = 0; i < tags.size(); i++) {
      json.append(i > 0 ? ", " : "").append('"').append(tags.get(i)).append('"');
    }
    Reply reply = send("POST", "/events/", Map.of("Content-Type", "application/json"), json.append("]}").toString());
    assertEquals(200, reply.status(), reply.body());
  }

  @Override
  protected void requireFunctions(String... functions) {
    // graphite-web has them all
  }

  /**
   * Debian's graphite-web calls inspect.getargspec, which Python 3.11 removed, so its /functions answers 500 on this
   * Python (Grafana then falls back to its built-in function list); where graphite-web can answer, the replay runs.
   */
  @Test
  @Override
  void functionIndexParsesAsGfuncDoes() throws Exception {
    Reply reply = send("GET", "/functions", Map.of(), null);
    boolean oldPython = Runtime.getRuntime().exec(new String[] {"/usr/bin/python3", "-c",
        "import inspect, sys; sys.exit(0 if hasattr(inspect, 'getargspec') else 1)"}).waitFor() == 0;
    if (!oldPython) {
      assertEquals(500, reply.status(), "graphite-web's /functions needs inspect.getargspec, gone from this Python");
      return;
    }
    super.functionIndexParsesAsGfuncDoes();
  }

  /** graphite-web has a tag database (empty here), so the replay the Plumbago test leaves out runs. */
  @Test
  @Override
  void tagAutocompleteAnswersAList() throws Exception {
    replayTagAutocomplete();
  }

  @AfterAll
  void stopGraphiteWeb() throws Exception {
    if (graphiteWeb != null) {
      graphiteWeb.close();
    }
  }
}
