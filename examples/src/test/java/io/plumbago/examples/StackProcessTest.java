package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.client.StatsdClient;
import io.plumbago.whisper.testing.Peers;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plumbago stack} as a real process: it announces each listener, serves, and on SIGTERM flushes StatsD and the
 * cache to whisper files that python whisper's own {@code whisper-fetch} reads.
 */
class StackProcessTest {
  private static final Pattern LISTENING = Pattern.compile("listening (\\S+) 127\\.0\\.0\\.1:(\\d+)");
  @TempDir
  Path data;

  @Test
  void sigtermFlushesEverythingToWhisperFilesPythonReads() throws Exception {
    Peers.requirePythonWhisper();
    Path fetch = Path.of("/usr/bin/whisper-fetch");
    Peers.require("whisper-fetch (python3-whisper)", Files.isExecutable(fetch));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Plumbago.class.getName(), "stack",
        "--data", data.toString(), "--http-port", "0", "--carbon-port", "0", "--pickle-port", "0",
        "--statsd-port", "0",
        "--flush-interval", "3600"));
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try {
      Map<String, Integer> ports = new HashMap<>();
      BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      while (ports.size() < 6) {
        String line = out.readLine();
        assertTrue(line != null, "the stack exited before listening: " + ports);
        Matcher m = LISTENING.matcher(line);
        assertTrue(m.matches(), "unexpected output: " + line);
        ports.put(m.group(1), Integer.parseInt(m.group(2)));
      }
      assertEquals(List.of("carbon-pickle", "carbon-plaintext-tcp", "carbon-plaintext-udp", "http", "statsd-tcp",
          "statsd-udp"),
          ports.keySet().stream().sorted().toList());

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
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the stack did not stop within 30 s of SIGTERM");
      int status = process.exitValue();
      assertTrue(status == 0 || status == 143, "exit status " + status);

      Path counter = data.resolve("whisper/stats/counters/x/count.wsp");
      assertTrue(Files.isRegularFile(counter), "the shutdown flush wrote " + counter);
      String counts = fetch(fetch, counter, now);
      assertTrue(counts.contains("\t3.000000"), counts);
      String carbon = fetch(fetch, data.resolve("whisper/foo/bar.wsp"), now);
      assertTrue(carbon.contains((now - now % 10) + "\t42.000000"), carbon);
    } finally {
      process.destroyForcibly();
    }
  }

  private static String fetch(Path script, Path file, long now) {
    Peers.Result result = Peers.run(List.of(Peers.PYTHON.toString(), script.toString(), "--from=" + (now - 600),
        file.toString()), null, 60);
    assertEquals(0, result.exitCode(), result.stderr());
    return result.stdout();
  }
}
