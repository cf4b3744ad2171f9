package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.whisper.testing.Peers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plumbago web} as a real process serves /render over a whisper tree that python whisper wrote. */
class WebProcessTest {
  @TempDir
  Path dir;

  @Test
  void rendersFilesPythonWhisperWrote() throws Exception {
    Peers.requirePythonWhisper();
    long now = System.currentTimeMillis() / 1000;
    long step = now - now % 60;
    Path file = dir.resolve("servers/web01/load.wsp");
    Peers.python("import os, whisper\nos.makedirs('" + file.getParent() + "')\n"
        + "whisper.create('" + file + "', [(60, 1440)])\n"
        + "whisper.update('" + file + "', 0.75, " + (step - 120) + ")\n", 30);
    try (ProgramProcess web = new ProgramProcess(1, "web", "--listen", "127.0.0.1:0", "--data", dir.toString())) {
      assertEquals(List.of("http"), List.copyOf(web.ports().keySet()));
      StackEndToEndTest.Awaits.render("http://127.0.0.1:" + web.ports().get("http")
          + "/render?target=servers.*.load&from=-10min&format=json", "[0.75, " + (step - 120) + "]");
    }
  }
}
