package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.client.StatsdClient;
import io.plumbago.whisper.testing.Peers;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plumbago stack} as a real process: it announces each listener, serves, and on SIGTERM flushes StatsD and the
 * cache to whisper files that python whisper's own {@code whisper-fetch} reads.
 */
class StackProcessTest {
  @TempDir
  Path data;

  @Test
  void sigtermFlushesEverythingToWhisperFilesPythonReads() throws Exception {
    Peers.requirePythonWhisper();
    Path fetch = Path.of("/usr/bin/whisper-fetch");
    Peers.require("whisper-fetch (python3-whisper)", Files.isExecutable(fetch));
    try (ProgramProcess stack = new ProgramProcess(7, "stack", "--data", data.toString(), "--http-port", "0",
        "--carbon-port", "0", "--pickle-port", "0", "--carbonlink-port", "0", "--statsd-port", "0",
        "--flush-interval", "3600")) {
      Map<String, Integer> ports = stack.ports();
      assertEquals(List.of("carbon-pickle", "carbon-plaintext-tcp", "carbon-plaintext-udp", "carbonlink", "http",
          "statsd-tcp", "statsd-udp"), List.copyOf(ports.keySet()));

      long now = System.currentTimeMillis() / 1000;
      try (Socket socket = new Socket("127.0.0.1", ports.get("carbon-plaintext-tcp"))) {
        socket.getOutputStream().write(("foo.bar 42 " + now + "\n").getBytes(StandardCharsets.UTF_8));
      }
      StackEndToEndTest.Awaits.render("http://127.0.0.1:" + ports.get("http")
          + "/render?target=foo.bar&from=-10min", "[42.0, " + (now - now % 10) + "]");
      // With an hour's flush interval only the shutdown flush can write these counters.
      try (StatsdClient client = StatsdClient.create("127.0.0.1", ports.get("statsd-udp"), "")) {
        for (int i = 0; i < 3; i++) {
          client.increment("x");
        }
      }
      Thread.sleep(500);
      int status = stack.terminate();
      assertTrue(status == 0 || status == 143, "exit status " + status);

      Path counter = data.resolve("whisper/stats/counters/x/count.wsp");
      assertTrue(Files.isRegularFile(counter), "the shutdown flush wrote " + counter);
      // StatsD stamps a flush with the rounded second (as Etsy does), which can be up to half a second ahead, and
      // whisper's fetch stops at "now": look again until the clock has passed it.
      String counts = fetch(fetch, counter, now);
      for (int attempt = 0; attempt < 20 && !counts.contains("\t3.000000"); attempt++) {
        Thread.sleep(250);
        counts = fetch(fetch, counter, now);
      }
      assertTrue(counts.contains("\t3.000000"), counts);
      String carbon = fetch(fetch, data.resolve("whisper/foo/bar.wsp"), now);
      assertTrue(carbon.contains((now - now % 10) + "\t42.000000"), carbon);
    }
  }

  private static String fetch(Path script, Path file, long now) {
    Peers.Result result = Peers.run(List.of(Peers.PYTHON.toString(), script.toString(), "--from=" + (now - 600),
        file.toString()), null, 60);
    assertEquals(0, result.exitCode(), result.stderr());
    return result.stdout();
  }
}
