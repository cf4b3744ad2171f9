package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.plumbago.whisper.testing.Peers;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Glob matching equals graphite-web's own (its finder's {@code match_entries}: brace expansion, then Python's
 * {@code fnmatch}) on seeded random patterns and names, run in one Python process per seed. A pattern graphite-web
 * reads but PathGlob refuses (too many brace variants) is skipped; any other exception fails.
 */
@Tag("interop")
class PathGlobInteropProperties {
  private static final String PATTERN_CHARS = "abc*?[]!^-{},";
  private static final String NAME_CHARS = "abc-^]![{},";

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13})
  void matchesLikeGraphiteWebsFinder(long seed) {
    Peers.require("graphite-web", Files.isDirectory(java.nio.file.Path.of("/usr/lib/python3/dist-packages/graphite")));
    SplittableRandom random = new SplittableRandom(seed);
    List<String> patterns = new ArrayList<>();
    List<List<String>> names = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      patterns.add(random(random, PATTERN_CHARS, random.nextInt(1, 9)));
      List<String> candidates = new ArrayList<>();
      for (int j = 0; j < 12; j++) {
        candidates.add(random(random, NAME_CHARS, random.nextInt(1, 7)));
      }
      names.add(candidates);
    }
    StringBuilder script = new StringBuilder("import base64, json\nfrom graphite.finders import match_entries\n"
        + "def d(s): return base64.b64decode(s).decode()\ncases = [\n");
    for (int i = 0; i < patterns.size(); i++) {
      script.append(" (").append(b64(patterns.get(i))).append(", [");
      for (String n : names.get(i)) {
        script.append(b64(n)).append(',');
      }
      script.append("]),\n");
    }
    script.append("]\nfor p, ns in cases:\n"
        + "  try:\n    m = set(match_entries([d(n) for n in ns], d(p)))\n"
        + "    print(''.join('1' if d(n) in m else '0' for n in ns))\n"
        + "  except Exception as e:\n    print('ERR')\n");
    String[] expected = Peers.python(script.toString(), 120).split("\n");
    int compared = 0;
    for (int i = 0; i < patterns.size(); i++) {
      if (expected[i].equals("ERR")) {
        continue;
      }
      PathGlob glob;
      try {
        glob = PathGlob.compile(patterns.get(i));
      } catch (WhisperFormatException tooManyVariants) {
        continue;
      }
      StringBuilder ours = new StringBuilder();
      for (String n : names.get(i)) {
        ours.append(glob.matches(n) ? '1' : '0');
      }
      assertEquals(expected[i], ours.toString(), "seed " + seed + " pattern " + patterns.get(i) + " names "
          + names.get(i));
      compared++;
    }
    assertEquals(true, compared > 1000, "seed " + seed + ": only " + compared + " patterns compared");
  }

  private static String random(SplittableRandom random, String chars, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(chars.charAt(random.nextInt(chars.length())));
    }
    return s.toString();
  }

  private static String b64(String s) {
    return "'" + Base64.getEncoder().encodeToString(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "'";
  }
}
