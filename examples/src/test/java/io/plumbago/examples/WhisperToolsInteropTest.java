package io.plumbago.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.whisper.testing.Peers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plumbago whisper info|fetch} print what whisper's own scripts print for files python whisper wrote. */
@Tag("interop")
class WhisperToolsInteropTest {
  @TempDir
  Path dir;
  private Path file;
  private int runs;
  private long now;

  @BeforeEach
  void pythonWritesAFile() {
    Peers.requirePythonWhisper();
    Peers.require("whisper-fetch", Files.isExecutable(Path.of("/usr/bin/whisper-fetch")));
    long seed = 99;
    SplittableRandom random = new SplittableRandom(seed);
    now = System.currentTimeMillis() / 1000;
    file = dir.resolve("m.wsp");
    StringBuilder points = new StringBuilder();
    for (int i = 0; i < 3000; i++) {
      long ts = now - random.nextLong(8 * 86_400);
      double v = switch (random.nextInt(4)) {
        case 0 -> 0;
        case 1 -> random.nextInt(-5, 5);
        case 2 -> random.nextDouble() * 1e-7;
        default -> (random.nextDouble() - 0.5) * 1e9;
      };
      points.append('(').append(ts).append(", ").append(Double.toString(v)).append("),");
    }
    Peers.python("import whisper\n"
        + "whisper.create('" + file + "', [(10, 2160), (60, 10080), (600, 262800)], 0.1, 'max')\n"
        + "whisper.update_many('" + file + "', [" + points + "])\n", 60);
  }

  private static String ours(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(Plumbago.class);
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int status = cli.execute(args);
    return status + "\n" + out + err;
  }

  private static String theirs(String script, List<String> args) {
    List<String> command = new ArrayList<>(List.of(Peers.PYTHON.toString(), script));
    command.addAll(args);
    Peers.Result result = Peers.run(command, null, 60);
    return (result.exitCode() == 0 ? 0 : 1) + "\n" + result.stdout() + result.stderr();
  }

  private void sameAs(String tool, String script, String... args) {
    List<String> ourArgs = new ArrayList<>(List.of("whisper", tool));
    ourArgs.addAll(List.of(args));
    // Outputs that depend on "now" can differ if the second ticks between the two runs: allow a retry.
    for (int attempt = 0; ; attempt++) {
      String expected = theirs(script, List.of(args));
      String got = ours(ourArgs.toArray(String[]::new));
      if (expected.equals(got) || attempt == 2) {
        assertEquals(expected, got, String.join(" ", args));
        return;
      }
    }
  }

  @Test
  void fetchPrintsWhatWhisperFetchPrints() {
    String f = file.toString();
    String from = "--from=" + (now - 3 * 3600);
    String until = "--until=" + (now - 3600);
    sameAs("fetch", "/usr/bin/whisper-fetch", from, until, f);
    sameAs("fetch", "/usr/bin/whisper-fetch", "--from=" + (now - 5 * 86_400), until, f);
    sameAs("fetch", "/usr/bin/whisper-fetch", "--from=" + (now - 30 * 86_400), "--until=" + (now - 10 * 86_400), f);
    sameAs("fetch", "/usr/bin/whisper-fetch", from, until, "--json", f);
    sameAs("fetch", "/usr/bin/whisper-fetch", from, until, "--drop=nulls", f);
    sameAs("fetch", "/usr/bin/whisper-fetch", from, until, "--drop=zeroes", f);
    sameAs("fetch", "/usr/bin/whisper-fetch", from, until, "--drop=empty", "--json", f);
    sameAs("fetch", "/usr/bin/whisper-fetch", from, until, "--pretty", f);
    sameAs("fetch", "/usr/bin/whisper-fetch", f);
    sameAs("fetch", "/usr/bin/whisper-fetch", "--from=" + now, "--until=" + (now - 10), f);
    sameAs("fetch", "/usr/bin/whisper-fetch", "--from=" + (now + 100), f);
  }

  @Test
  void createAndUpdateWriteTheSameFilesAsWhispersScripts() throws Exception {
    Path a = dir.resolve("python.wsp");
    Path b = dir.resolve("ours.wsp");
    String[] create = {"10s:6h", "1m:7d", "--xFilesFactor=0.25", "--aggregationMethod=max"};
    String expected = theirs("/usr/bin/whisper-create", withFile(a, create));
    assertEquals(expected.replace(a.toString(), b.toString()), ours(withCommand("create", b, create)));
    long t = now - 100;
    String[][] updates = {{t + ":1.5"}, {(t + 10) + ":2", (t + 20) + ":-3.25", (t - 700) + ":9"},
        {(now - 30 * 86_400) + ":1"}};
    for (String[] update : updates) {
      String theirs = theirs("/usr/bin/whisper-update", withFile(a, update));
      String got = ours(withCommand("update", b, update));
      assertEquals(theirs.lines().findFirst(), got.lines().findFirst(), String.join(" ", update));
      assertEquals(theirs.contains("Timestamp not covered"), got.contains("Timestamp not covered"), got);
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertEquals(theirs("/usr/bin/whisper-create", withFile(a, create)).replace(a.toString(), b.toString()),
        ours(withCommand("create", b, create)), "an existing file is refused alike");
    assertEquals("0\n", ours(withCommand("update", b, "N:4")));
    String latest = ours("whisper", "fetch", "--from=" + (now - 60), "--drop=nulls", b.toString());
    assertTrue(latest.strip().endsWith("\t4.000000"), latest);
  }

  private static List<String> withFile(Path file, String... args) {
    List<String> all = new ArrayList<>(List.of(file.toString()));
    all.addAll(List.of(args));
    return all;
  }

  private static String[] withCommand(String command, Path file, String... args) {
    List<String> all = new ArrayList<>(List.of("whisper", command));
    all.addAll(withFile(file, args));
    return all.toArray(String[]::new);
  }

  @Test
  void dumpPrintsWhatWhisperDumpPrints() {
    sameAs("dump", "/usr/bin/whisper-dump", file.toString());
    sameAs("dump", "/usr/bin/whisper-dump", dir.resolve("missing.wsp").toString());
  }

  @Test
  void mergeWritesWhatWhisperMergeWrites() throws Exception {
    Path source = dir.resolve("source.wsp");
    Files.copy(file, source);
    Peers.python("import whisper, time\n"
        + "now = int(time.time())\n"
        + "whisper.update_many('" + source + "', [(now - i * 97, i * 0.5) for i in range(4000)])\n", 60);
    Path empty = dir.resolve("empty.wsp");
    Peers.python("import whisper\n"
        + "whisper.create('" + empty + "', [(10, 2160), (60, 10080), (600, 262800)], 0.1, 'max')\n", 60);
    for (Path target : List.of(file, empty)) {
      // The windows depend on "now": if the second ticks between the two runs, a point on an edge may differ.
      for (int attempt = 0; ; attempt++) {
        Path theirs = dir.resolve("theirs-" + target.getFileName() + attempt);
        Path ours = dir.resolve("ours-" + target.getFileName() + attempt);
        Files.copy(target, theirs);
        Files.copy(target, ours);
        String a = theirs("/usr/bin/whisper-merge", List.of(source.toString(), theirs.toString()));
        String b = ours("whisper", "merge", source.toString(), ours.toString());
        assertEquals(a, b);
        if (java.util.Arrays.equals(Files.readAllBytes(theirs), Files.readAllBytes(ours)) || attempt == 2) {
          org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours),
              "merge into " + target.getFileName());
          break;
        }
      }
    }
    Path other = dir.resolve("other.wsp");
    Peers.python("import whisper\nwhisper.create('" + other + "', [(60, 100)])\n", 60);
    assertEquals(theirs("/usr/bin/whisper-merge", List.of(source.toString(), other.toString())).lines().findFirst(),
        ours("whisper", "merge", source.toString(), other.toString()).lines().findFirst());
  }

  /** Runs a whisper script and our command on copies of {@code target}; both print and write the same. */
  private void sameFileAs(Path target, String script, String tool, List<String> before, List<String> after)
      throws IOException {
    // Both read the clock: if the second ticks between the runs, a point on a window's edge may differ. Retry.
    for (int attempt = 0; ; attempt++) {
      runs++;
      Path theirs = dir.resolve(tool + "-theirs-" + runs + ".wsp");
      Path ours = dir.resolve(tool + "-ours-" + runs + ".wsp");
      Files.copy(target, theirs);
      Files.copy(target, ours);
      List<String> theirArgs = new ArrayList<>(before);
      theirArgs.add(theirs.toString());
      theirArgs.addAll(after);
      List<String> ourArgs = new ArrayList<>(List.of("whisper", tool));
      ourArgs.addAll(before);
      ourArgs.add(ours.toString());
      ourArgs.addAll(after);
      String a = theirs(script, theirArgs).replace(theirs.toString(), "FILE");
      String b = ours(ourArgs.toArray(String[]::new)).replace(ours.toString(), "FILE");
      boolean same = a.equals(b) && java.util.Arrays.equals(Files.readAllBytes(theirs), Files.readAllBytes(ours));
      if (same || attempt == 2) {
        assertEquals(a, b, tool + " " + theirArgs);
        org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours),
            tool + " " + theirArgs);
        return;
      }
    }
  }

  @Test
  void resizeKeepsTheDataAsWhisperResizeDoes() throws IOException {
    sameFileAs(file, "/usr/bin/whisper-resize", "resize", List.of(), List.of("1m:1d", "1h:30d"));
    sameFileAs(file, "/usr/bin/whisper-resize", "resize", List.of("--nobackup", "--xFilesFactor=0",
        "--aggregationMethod=sum"), List.of("10s:1h", "5m:10d"));
    try (var files = Files.list(dir)) {
      assertTrue(files.anyMatch(p -> p.getFileName().toString().matches("resize-ours-\\d+\\.wsp\\.bak")),
          "the old file is kept as .bak");
    }
  }

  @Test
  void fillCopiesIntoGapsAsWhisperFillDoes() throws IOException {
    Path gappy = dir.resolve("gappy.wsp");
    Peers.python("import whisper, time\n"
        + "now = int(time.time())\n"
        + "whisper.create('" + gappy + "', [(10, 2160), (60, 10080), (600, 262800)], 0.1, 'max')\n"
        + "pts = [(now - i * 10, 1.0 + i) for i in range(6 * 360) if (i // 50) % 3 != 1]\n"
        + "pts += [(now - 86400 - i * 60, 2.0) for i in range(2000) if (i // 300) % 2 == 0]\n"
        + "whisper.update_many('" + gappy + "', pts)\n", 60);
    // src is the random file of the set-up; gappy is the destination.
    sameFileAs(gappy, "/usr/bin/whisper-fill", "fill", List.of(file.toString()), List.of());
  }

  @Test
  void infoPrintsWhatWhisperInfoPrints() {
    String f = file.toString();
    sameAs("info", "/usr/bin/whisper-info", f);
    sameAs("info", "/usr/bin/whisper-info", "--json", f);
    sameAs("info", "/usr/bin/whisper-info", f, "xFilesFactor");
    sameAs("info", "/usr/bin/whisper-info", f, "archives");
    sameAs("info", "/usr/bin/whisper-info", f, "nope");
  }
}
