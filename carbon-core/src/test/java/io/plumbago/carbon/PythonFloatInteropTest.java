package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.carbon.codec.PythonFloat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Python's own {@code float()} is the oracle for what carbon accepts as a number. */
@Tag("interop")
class PythonFloatInteropTest {
  private static final Path PYTHON = Path.of("/usr/bin/python3");

  @Test
  void agreesWithPythonFloatOnThousandsOfCandidates() throws Exception {
    PythonPeer.require("/usr/bin/python3", PythonPeer.PYTHON);
    long seed = 20261125L;
    SplittableRandom random = new SplittableRandom(seed);
    String[] pieces = {"0", "1", "7", "9", "_", ".", "e", "E", "+", "-", "inf", "nan", "INF", "inity", "x", "d",
        "0x1", " ", "12", "345", "98765", "4321", ".", "."};
    List<String> candidates = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      StringBuilder b = new StringBuilder();
      int n = 1 + random.nextInt(6);
      for (int k = 0; k < n; k++) {
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      candidates.add(b.toString().strip());
    }
    List<String> expected = python(candidates);
    for (int i = 0; i < candidates.size(); i++) {
      Double ours = PythonFloat.parse(candidates.get(i));
      String got = ours == null ? "ERR" : Long.toString(Double.doubleToLongBits(ours));
      assertEquals(expected.get(i), got, "seed " + seed + " candidate '" + candidates.get(i) + "'");
      // the allocation-free path the plaintext parser takes first must agree too
      byte[] bytes = candidates.get(i).getBytes(StandardCharsets.ISO_8859_1);
      Double viaBuffer = PythonFloat.parse(bytes, 0, bytes.length);
      String gotBuffer = viaBuffer == null ? "ERR" : Long.toString(Double.doubleToLongBits(viaBuffer));
      assertEquals(expected.get(i), gotBuffer, "seed " + seed + " candidate '" + candidates.get(i) + "' (buffer)");
    }
  }

  private static List<String> python(List<String> candidates) throws IOException, InterruptedException {
    String script = String.join("\n",
        "import sys, struct",
        "for line in sys.stdin.read().split('\\n')[:-1]:",
        "    try:",
        "        v = float(line)",
        "        print(struct.unpack('>q', struct.pack('>d', v))[0] if v == v else 'NAN')",
        "    except ValueError:",
        "        print('ERR')");
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", script).redirectErrorStream(true).start();
    try (var out = p.getOutputStream()) {
      out.write((String.join("\n", candidates) + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("python failed: " + output);
    }
    List<String> lines = new ArrayList<>(List.of(output.split("\n")));
    // Java has one NaN bit pattern per source; compare NaN as a word.
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).equals("NAN")) {
        lines.set(i, Long.toString(Double.doubleToLongBits(Double.NaN)));
      }
    }
    return lines;
  }
}
