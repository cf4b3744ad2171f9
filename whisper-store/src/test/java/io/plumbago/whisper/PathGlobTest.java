package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PathGlobTest {
  /** pattern, name, and whether graphite-web's finder (expand_braces, then Python 3.11 fnmatch) matches them. */
  private static final String[][] CASES = {
      {"*", "abc", "True"},
      {"*", ".x", "True"},
      {"a*c", "abc", "True"},
      {"a*c", "abd", "False"},
      {"?", "a", "True"},
      {"?", "ab", "False"},
      {"[a-c]x", "bx", "True"},
      {"[a-c]x", "dx", "False"},
      {"[!a-c]x", "dx", "True"},
      {"[!a-c]x", "ax", "False"},
      {"[^a]", "^", "True"},
      {"[^a]", "b", "False"},
      {"[]a]", "]", "True"},
      {"[abc", "[abc", "True"},
      {"[abc", "a", "False"},
      {"{a,b}", "b", "True"},
      {"{a,{b,c}}", "c", "True"},
      {"{a,{b,c}}", "{b", "False"},
      {"{a", "{a", "True"},
      {"a}", "a}", "True"},
      {"{,a}x", "x", "True"},
      {"[z-a]", "z", "False"},
      {"[!z-a]", "q", "True"},
      {"[a-]", "-", "True"},
      {"[-a]", "-", "True"},
      {"[az-ab]", "b", "True"},
      {"[a-z-a]", "-", "True"},
      {"*a*b*c", "xaybzc", "True"},
      {"*a*b*c", "xaybz", "False"},
      {"[!]", "[!]", "True"},
      {"[!]]", "a", "True"},
      {"{x,y}[0-9]", "y7", "True"},
      {"[{a,b}]", "a", "True"},
      {"[{a,b}]", "{", "False"},
      {"web{01,0[2-3]}", "web03", "True"},
      {"é?", "éa", "True"},
      {"a**b", "axxb", "True"},
  };

  @Test
  void matchesAsGraphiteWebsFnmatchFinder() {
    for (String[] c : CASES) {
      assertEquals(Boolean.parseBoolean(c[2].toLowerCase()), PathGlob.compile(c[0]).matches(c[1]), c[0] + " ~ " + c[1]);
    }
  }

  @Test
  void manyStarsStayLinear() {
    String pattern = "*a".repeat(40) + "*b";
    assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertEquals(false, PathGlob.compile(pattern).matches("a".repeat(200))));
  }

  @Test
  void bracesThatExplodeAreRefused() {
    assertThrows(WhisperFormatException.class, () -> PathGlob.compile("{a,b}".repeat(20)));
    assertThrows(WhisperFormatException.class, () -> PathGlob.compile("{a,a}".repeat(30)));
  }
}
