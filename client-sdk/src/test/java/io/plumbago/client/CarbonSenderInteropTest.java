package io.plumbago.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CarbonSender into a real carbon-cache (graphite-carbon), read back from the whisper files it writes. */
@Tag("interop")
class CarbonSenderInteropTest {
  @TempDir
  Path dir;

  @Test
  void everyPointSentInPlaintextAndPickleLandsInWhisper() throws Exception {
    Peers.require("graphite-carbon (carbon-cache)", Path.of("/usr/bin/carbon-cache"));
    Peers.require("python3-whisper", Path.of("/usr/lib/python3/dist-packages/whisper.py"));
    int line = Peers.freePort();
    int pickle = Peers.freePort();
    for (String sub : List.of("whisper", "lists", "log", "pid")) {
      Files.createDirectories(dir.resolve(sub));
    }
    Files.writeString(dir.resolve("storage-schemas.conf"), "[default]\npattern = .*\nretentions = 10s:1d\n");
    Files.writeString(dir.resolve("carbon.conf"), String.join("\n", "[cache]",
        "STORAGE_DIR = " + dir + "/", "LOCAL_DATA_DIR = " + dir + "/whisper/", "WHITELISTS_DIR = " + dir + "/lists/",
        "CONF_DIR = " + dir + "/", "LOG_DIR = " + dir + "/log/", "PID_DIR = " + dir + "/pid/", "USER =",
        "MAX_UPDATES_PER_SECOND = 100000", "MAX_CREATES_PER_MINUTE = inf", "ENABLE_UDP_LISTENER = False",
        "CARBON_METRIC_INTERVAL = 0", "LINE_RECEIVER_INTERFACE = 127.0.0.1", "PICKLE_RECEIVER_INTERFACE = 127.0.0.1",
        "CACHE_QUERY_INTERFACE = 127.0.0.1", "LINE_RECEIVER_PORT = " + line, "PICKLE_RECEIVER_PORT = " + pickle,
        "CACHE_QUERY_PORT = " + Peers.freePort(), ""));
    Path log = dir.resolve("out.log");
    Process cache = new ProcessBuilder("carbon-cache", "--config=" + dir.resolve("carbon.conf"), "--debug", "start")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Peers.awaitListening(line, cache, log);
      Peers.awaitListening(pickle, cache, log);
      long now = System.currentTimeMillis() / 1000;
      long base = now - now % 10 - 300;
      StringBuilder expected = new StringBuilder();
      for (CarbonSender.Protocol protocol : CarbonSender.Protocol.values()) {
        String name = protocol.name().toLowerCase();
        try (CarbonSender sender = CarbonSender.builder("127.0.0.1", protocol == CarbonSender.Protocol.PICKLE
            ? pickle : line).protocol(protocol).batchSize(7).build()) {
          for (int i = 0; i < 30; i++) {
            sender.send("sdk." + name + ".m" + (i % 3), base + (i / 3) * 10L, i * 1.25 - 3);
          }
        }
        for (int m = 0; m < 3; m++) {
          StringBuilder values = new StringBuilder();
          for (int i = m; i < 30; i += 3) {
            values.append(values.length() == 0 ? "" : ", ").append(i * 1.25 - 3);
          }
          expected.append(name).append(' ').append(m).append(" [").append(values).append("]\n");
        }
      }
      String script = String.join("\n", "import whisper",
          "for proto in ('plaintext', 'pickle'):",
          "  for m in range(3):",
          "    (s, e, st), vals = whisper.fetch('" + dir.resolve("whisper/sdk") + "/%s/m%d.wsp' % (proto, m), "
              + (base - 10) + ", " + (base + 100) + ")",
          "    print(proto, m, [v for v in vals if v is not None])");
      String got = "";
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (System.nanoTime() < deadline && !got.equals(expected.toString())) {
        Thread.sleep(200);
        got = Peers.python(script);
      }
      assertEquals(expected.toString(), got, () -> "carbon-cache's log:\n" + Peers.read(log));
    } finally {
      Peers.stop(cache);
    }
  }
}
