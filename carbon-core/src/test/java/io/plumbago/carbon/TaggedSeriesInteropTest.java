package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** carbon.util.TaggedSeries is the oracle for which names are valid and what their normal form is. */
@Tag("interop")
class TaggedSeriesInteropTest {
  private static final String[] PIECES = {"cpu", "disk.used", "~", ";", "=", "dc", "dc1", "rack", "a", "b", "name",
      "!", "^", "{", "}", "\"", ",", "\\", "é", "z9", "~x", ":,", "=\"v\"", "."};

  static String randomPath(SplittableRandom random) {
    StringBuilder b = new StringBuilder();
    switch (random.nextInt(3)) {
      case 0 -> { // carbon style, mostly valid
        b.append(random.nextInt(8) == 0 ? "~" : "").append("m").append(random.nextInt(5));
        for (int k = random.nextInt(4); k > 0; k--) {
          b.append(';').append((char) ('a' + random.nextInt(4))).append(random.nextInt(3) == 0 ? "" : "=")
              .append(random.nextInt(6) == 0 ? "~v" : "v" + random.nextInt(3));
        }
      }
      case 1 -> { // openmetrics style
        b.append("m").append(random.nextInt(5)).append('{');
        for (int k = random.nextInt(3); k > 0; k--) {
          b.append((char) ('a' + random.nextInt(4))).append("=\"").append(random.nextInt(5) == 0 ? "x\\\"y" : "v")
              .append("\"").append(k > 1 ? (random.nextBoolean() ? "," : ":,") : "");
        }
        b.append("\"}");
      }
      default -> {
        for (int k = 1 + random.nextInt(6); k > 0; k--) {
          b.append(PIECES[random.nextInt(PIECES.length)]);
        }
      }
    }
    return b.toString();
  }

  @Test
  void normalisesAndRefusesExactlyAsCarbon() throws Exception {
    PythonPeer.requireCarbon();
    long seed = 31337;
    SplittableRandom random = new SplittableRandom(seed);
    List<String> paths = new ArrayList<>();
    StringBuilder hex = new StringBuilder();
    for (int i = 0; i < 5000; i++) {
      String p = randomPath(random);
      paths.add(p);
      hex.append(HexFormat.of().formatHex(p.getBytes(StandardCharsets.UTF_8))).append('\n');
    }
    String script = String.join("\n",
        "import sys",
        "from carbon.util import TaggedSeries",
        "for h in sys.stdin.read().split('\\n')[:-1]:",
        "  p = bytes.fromhex(h).decode('utf-8')",
        "  try:",
        "    print(TaggedSeries.parse(p).path.encode('utf-8').hex())",
        "  except Exception:",
        "    print('ERR')");
    String[] expected = PythonPeer.python(script, hex.toString()).split("\n");
    for (int i = 0; i < paths.size(); i++) {
      String got;
      try {
        got = HexFormat.of().formatHex(TaggedSeries.normalize(paths.get(i)).getBytes(StandardCharsets.UTF_8));
      } catch (CarbonProtocolException e) {
        got = "ERR";
      }
      String want = expected[i].equals("ERR") ? "ERR"
          : new String(HexFormat.of().parseHex(expected[i]), StandardCharsets.UTF_8);
      String mine = got.equals("ERR") ? "ERR" : new String(HexFormat.of().parseHex(got), StandardCharsets.UTF_8);
      assertEquals(want, mine, "seed " + seed + " path '" + paths.get(i) + "'");
    }
  }
}
