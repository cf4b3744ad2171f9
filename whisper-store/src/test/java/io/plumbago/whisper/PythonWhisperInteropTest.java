package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.whisper.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same random sequence of creates, update_many and update calls is applied by python whisper 1.1.4 and by
 * {@link WhisperFile}; the two files must be identical byte for byte, and the same calls must fail.
 */
@Tag("interop")
class PythonWhisperInteropTest {
  private static final String APPLY = String.join("\n",
      "import sys, whisper",
      "lines = sys.stdin.read().split('\\n')",
      "path = lines[0]",
      "archives = [tuple(int(x) for x in a.split(':')) for a in lines[1].split(',')]",
      "whisper.create(path, archives, float(lines[2]), lines[3])",
      "fails = []",
      "for n, line in enumerate(lines[4:]):",
      "  if not line: continue",
      "  f = line.split(' ')",
      "  now = int(f[1])",
      "  try:",
      "    if f[0] == 'one':",
      "      whisper.update(path, float.fromhex(f[3]), int(f[2]), now=now)",
      "    else:",
      "      pts = [(int(p.split('=')[0]), float.fromhex(p.split('=')[1])) for p in f[2:]]",
      "      whisper.update_many(path, pts, now=now)",
      "  except whisper.TimestampNotCovered:",
      "    fails.append(str(n))",
      "print(' '.join(fails))");

  @TempDir Path dir;

  @BeforeAll
  static void needsPythonWhisper() {
    Peers.requirePythonWhisper();
  }

  static long[] seeds() {
    long[] seeds = new long[48]; // every aggregation method x xFilesFactor 0, 0.5, 1, twice
    for (int i = 0; i < seeds.length; i++) {
      seeds[i] = 0x5EED0000L + i;
    }
    return seeds;
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void randomOperationsWriteTheSameBytesAsPythonWhisper(long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    List<Retention> archives = randomArchives(random);
    int combination = (int) (seed - seeds()[0]);
    AggregationMethod method = AggregationMethod.values()[combination % 8];
    float xff = new float[] {0f, 0.5f, 1f}[combination / 8 % 3];
    StringBuilder script = new StringBuilder();
    Path ours = dir.resolve("ours.wsp");
    Path theirs = dir.resolve("theirs.wsp");
    StringBuilder archiveText = new StringBuilder();
    for (Retention r : archives) {
      archiveText.append(archiveText.length() == 0 ? "" : ",").append(r);
    }
    script.append(theirs).append('\n').append(archiveText).append('\n').append(xff).append('\n')
        .append(method.whisperName()).append('\n');
    List<String> ourFailures = new ArrayList<>();
    long now = 1_700_000_000L + random.nextInt(100_000);
    long maxRetention = archives.get(archives.size() - 1).retentionSeconds();
    try (WhisperFile file = WhisperFile.create(ours, archives, xff, method, random.nextBoolean())) {
      int ops = 60;
      for (int op = 0; op < ops; op++) {
        now += random.nextInt(4) == 0 ? random.nextLong(maxRetention / 2 + 1) : random.nextInt(30);
        if (random.nextInt(5) == 0) {
          long ts = now - random.nextLong(-5, maxRetention + 5);
          double value = randomValue(random);
          script.append("one ").append(now).append(' ').append(ts).append(' ').append(Double.toHexString(value))
              .append('\n');
          try {
            file.update(value, ts, now);
          } catch (WhisperFormatException e) {
            ourFailures.add(String.valueOf(op));
          }
        } else {
          int n = 1 + random.nextInt(random.nextBoolean() ? 5 : 200);
          long[] ts = new long[n];
          double[] values = new double[n];
          long span = random.nextBoolean() ? archives.get(0).retentionSeconds() : maxRetention + 100;
          while (true) {
            for (int i = 0; i < n; i++) {
              ts[i] = Math.max(0, now - random.nextLong(-20, span));
              if (i > 0 && random.nextInt(8) == 0) {
                ts[i] = ts[i - 1]; // duplicate timestamps: whisper keeps the first given
              }
              values[i] = randomValue(random);
            }
            if (!overflowsAnArchive(archives, ts, n, now)) {
              break;
            }
            n = Math.max(1, n / 2); // a single point never overflows: every archive has at least 2
          }
          script.append("many ").append(now);
          for (int i = 0; i < n; i++) {
            script.append(' ').append(ts[i]).append('=').append(Double.toHexString(values[i]));
          }
          script.append('\n');
          file.updateMany(ts, values, n, now);
        }
      }
    }
    Peers.Result result = Peers.run(List.of(Peers.PYTHON.toString(), "-c", APPLY), script.toString(), 120);
    assertEquals(0, result.exitCode(), () -> "seed " + seed + ": python failed\n" + result.stderr());
    assertEquals(String.join(" ", ourFailures), result.stdout().strip(),
        "seed " + seed + ": the update() calls that failed differ");
    assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours), "seed " + seed + ": files differ");
    fetchesOfPythonsFileAgree(seed, theirs, now, maxRetention, random);
  }

  /** whisper.fetch and our fetch read python's file the same way, window for window. */
  private static void fetchesOfPythonsFileAgree(long seed, Path theirs, long now, long maxRetention,
      SplittableRandom random) throws IOException {
    StringBuilder script = new StringBuilder("import whisper\n");
    List<long[]> windows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      long from = now - random.nextLong(maxRetention + 50);
      long until = from + random.nextLong(maxRetention / 2 + 20);
      long at = now + random.nextLong(-30, 30);
      windows.add(new long[] {from, until, at});
      script.append("r = whisper.fetch('").append(theirs).append("', ").append(from).append(", ").append(until)
          .append(", now=").append(at).append(")\n")
          .append("print('None' if r is None else '%d %d %d %s' % (r[0] + (' '.join('n' if v is None else "
              + "v.hex() for v in r[1]),)))\n");
    }
    String[] expected = Peers.python(script.toString(), 60).split("\n");
    try (WhisperFile file = WhisperFile.openReadOnly(theirs)) {
      for (int i = 0; i < windows.size(); i++) {
        long[] w = windows.get(i);
        FetchResult r = file.fetch(w[0], w[1], w[2]);
        StringBuilder got = new StringBuilder();
        if (r == null) {
          got.append("None");
        } else {
          got.append(r.fromSeconds()).append(' ').append(r.untilSeconds()).append(' ').append(r.stepSeconds())
              .append(' ');
          for (int k = 0; k < r.values().length; k++) {
            double v = r.values()[k];
            got.append(k == 0 ? "" : " ").append(Double.isNaN(v) ? "n" : pythonHex(v));
          }
        }
        assertEquals(expected[i].strip(), got.toString().strip(), "seed " + seed + " window " + i);
      }
    }
  }

  /** Python's float.hex(): 0x1.8000000000000p+0 style, exactly 13 hex digits. */
  private static String pythonHex(double v) {
    if (v == 0) {
      return (1 / v < 0 ? "-" : "") + "0x0.0p+0";
    }
    long bits = Double.doubleToRawLongBits(v);
    String sign = bits < 0 ? "-" : "";
    int exponent = (int) ((bits >>> 52) & 0x7ff);
    long mantissa = bits & 0xf_ffff_ffff_ffffL;
    String lead = exponent == 0 ? "0" : "1";
    int e = exponent == 0 ? -1022 : exponent - 1023;
    return sign + "0x" + lead + "." + String.format("%013x", mantissa) + "p" + (e >= 0 ? "+" : "") + e;
  }

  @Test
  void settingTheAggregationWritesTheSameHeaderAsWhisper() throws IOException {
    Path ours = dir.resolve("agg-ours.wsp");
    Path theirs = dir.resolve("agg-theirs.wsp");
    Peers.python("import whisper\nwhisper.create('" + theirs + "', [(10, 60), (60, 60)], 0.5, 'average')\n"
        + "print(whisper.setAggregationMethod('" + theirs + "', 'absmax', 0.3))\n"
        + "print(whisper.setAggregationMethod('" + theirs + "', 'last'))\n", 30);
    try (WhisperFile file = WhisperFile.create(ours, Retention.parseList("10s:10m,1m:1h"), 0.5f,
        AggregationMethod.AVERAGE, false)) {
      assertEquals(AggregationMethod.AVERAGE, file.setAggregation(AggregationMethod.ABSMAX, 0.3f));
      assertEquals(AggregationMethod.ABSMAX, file.setAggregation(AggregationMethod.LAST, null));
      assertEquals(0.3f, file.info().xFilesFactor());
    }
    assertArrayEquals(Files.readAllBytes(theirs), Files.readAllBytes(ours));
  }

  @Test
  void pythonWhisperReadsWhatWeWrite() throws IOException {
    Path path = dir.resolve("read.wsp");
    long now = 1_700_000_000L;
    try (WhisperFile file = WhisperFile.create(path, Retention.parseList("10s:6h,1m:7d,10m:5y"), 0.5f,
        AggregationMethod.AVERAGE, false)) {
      file.updateMany(new long[] {now - 20, now - 10}, new double[] {42, 43.5}, 2, now);
    }
    String out = Peers.python("import whisper\n"
        + "(start, end, step), values = whisper.fetch('" + path + "', " + (now - 30) + ", " + now + ", now=" + now + ")\n"
        + "print(start, end, step, values)\n"
        + "print(whisper.info('" + path + "')['aggregationMethod'])", 30);
    assertEquals((now - 20) + " " + (now + 10) + " 10 [42.0, 43.5, None]\naverage", out.strip());
  }

  /**
   * Python whisper writes past the end of its file when one batch puts more distinct intervals into an archive than
   * it has points (the wrapped tail of a long run spills over). Plumbago keeps the file's size; such batches are
   * compared in {@link WhisperFileTest} instead.
   */
  private static boolean overflowsAnArchive(List<Retention> archives, long[] ts, int n, long now) {
    for (int a = 0; a < archives.size(); a++) {
      Retention archive = archives.get(a);
      java.util.Set<Long> intervals = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        long age = now - ts[i];
        int target = 0;
        while (target < archives.size() && archives.get(target).retentionSeconds() < age) {
          target++;
        }
        if (target == a) {
          intervals.add(ts[i] - ts[i] % archive.secondsPerPoint());
        }
      }
      if (intervals.size() > archive.points()) {
        return true;
      }
    }
    return false;
  }

  private static List<Retention> randomArchives(SplittableRandom random) {
    while (true) {
      List<Retention> list = new ArrayList<>();
      int step = 1 + random.nextInt(10);
      int count = 1 + random.nextInt(3);
      for (int i = 0; i < count; i++) {
        list.add(new Retention(step, 2 + random.nextInt(30)));
        step *= 2 + random.nextInt(5);
      }
      try {
        return Retention.validate(list);
      } catch (WhisperFormatException e) {
        // not a valid whisper layout: draw again
      }
    }
  }

  private static double randomValue(SplittableRandom random) {
    return switch (random.nextInt(4)) {
      case 0 -> random.nextInt(-3, 4);
      case 1 -> -random.nextDouble() * 1e6;
      default -> random.nextDouble() * 1000;
    };
  }
}
