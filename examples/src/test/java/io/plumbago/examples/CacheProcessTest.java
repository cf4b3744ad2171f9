package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.carbon.CarbonClient;
import io.plumbago.carbon.Destination;
import io.plumbago.whisper.testing.Peers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plumbago cache} as a real process: pickle in, whisper files out, everything written on SIGTERM. */
class CacheProcessTest {
  @TempDir
  Path dir;

  @Test
  void writesWhatItReceivesToWhisperFilesThatPythonReads() throws Exception {
    Peers.requirePythonWhisper();
    Path data = dir.resolve("whisper");
    Path schemas = dir.resolve("storage-schemas.conf");
    Files.writeString(schemas, "[all]\npattern = .*\nretentions = 10s:1d\n");
    long now = System.currentTimeMillis() / 1000;
    long step = now - now % 10;
    try (ProgramProcess cache = new ProgramProcess(2, "cache", "--listen", "127.0.0.1:0", "--pickle-listen",
        "127.0.0.1:0", "--data", data.toString(), "--schemas", schemas.toString(), "--instance", "a",
        "--metric-interval", "1")) {
      assertEquals(List.of("carbon-pickle", "carbon-plaintext-tcp"), List.copyOf(cache.ports().keySet()));
      try (CarbonClient client = CarbonClient.builder(new Destination("127.0.0.1",
          cache.ports().get("carbon-pickle"), null)).protocol(CarbonClient.Protocol.PICKLE).build()) {
        for (int i = 0; i < 50; i++) {
          client.accept("app.web" + (i % 5) + ".requests", step - (i / 5) * 10L, i);
        }
      }
      Thread.sleep(1500); // at least one self-metrics interval
      int status = cache.terminate();
      assertTrue(status == 0 || status == 143, "exit status " + status);
      assertTrue(Files.exists(data.resolve("app/web0/requests.wsp")), "no whisper file; the cache logged:\n"
          + cache.log());
    }
    String out = Peers.python("import whisper\n"
        + "for h in range(5):\n"
        + "  (s, e, st), vals = whisper.fetch('" + data + "/app/web%d/requests.wsp' % h, " + (step - 100) + ", "
        + (step + 5) + ")\n"
        + "  print(st, [v for v in vals if v is not None])\n", 30);
    StringBuilder expected = new StringBuilder();
    for (int h = 0; h < 5; h++) {
      StringBuilder values = new StringBuilder();
      for (int i = 45 + h; i >= 0; i -= 5) {
        values.append(values.length() == 0 ? "" : ", ").append((double) i);
      }
      expected.append("10 [").append(values).append("]\n");
    }
    assertEquals(expected.toString(), out);
    try (var agents = Files.list(data.resolve("carbon/agents"))) {
      Path agent = agents.findFirst().orElseThrow();
      assertTrue(agent.getFileName().toString().endsWith("-a"), agent.toString());
      assertTrue(Files.exists(agent.resolve("committedPoints.wsp")), "carbon's self-metrics are written");
    }
  }
}
