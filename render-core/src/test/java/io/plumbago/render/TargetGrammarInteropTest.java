package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.plumbago.whisper.testing.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * TargetParser against graphite-web's own grammar: each target is parsed by graphite-web's pyparsing grammar in one
 * python process ({@code graphite_grammar.py}) and by {@link TargetParser}, and the canonical JSON forms must match —
 * the same tree, the same verdict on whether all of the text parsed, and the same rejections.
 */
@Tag("interop")
class TargetGrammarInteropTest {
  private static final String GRAMMAR_IMPORT =
      "from django.conf import settings; settings.configure(UTF8_METRICS=False); import graphite.render.grammar_unsafe";

  @Test
  void theCorpusParsesAsGraphiteWebParsesIt() throws IOException {
    List<String> corpus = corpus();
    assertTrue(corpus.size() >= 300, "corpus has " + corpus.size() + " targets");
    List<String> graphite = graphiteWeb(corpus);
    int rejected = 0;
    for (int i = 0; i < corpus.size(); i++) {
      assertEquals(graphite.get(i), TargetJson.parseLine(corpus.get(i)), "target " + quote(corpus.get(i)));
      rejected += graphite.get(i).startsWith("{\"error\"") ? 1 : 0;
    }
    assertTrue(rejected >= 40, "only " + rejected + " corpus targets are invalid");
  }

  /** Seeded; {@code -Dseed=N -Dcases=M} replays or widens the run. */
  @Test
  void randomTargetsParseAsGraphiteWebParsesThem() {
    long seed = Long.getLong("seed", 20261125L);
    SplittableRandom random = new SplittableRandom(seed);
    List<String> targets = new ArrayList<>();
    for (int i = 0; i < Integer.getInteger("cases", 3000); i++) {
      targets.add(random.nextInt(5) == 0 ? TargetProperties.arbitrary(random)
          : TargetProperties.grammarNoise(random));
    }
    List<String> graphite = graphiteWeb(targets);
    for (int i = 0; i < targets.size(); i++) {
      assertEquals(graphite.get(i), TargetJson.parseLine(targets.get(i)),
          "seed " + seed + ", target " + i + " " + quote(targets.get(i)));
    }
  }

  private static List<String> graphiteWeb(List<String> targets) {
    Peers.require("graphite-web", Peers.run(List.of(Peers.PYTHON.toString(), "-c", GRAMMAR_IMPORT), null, 60)
        .exitCode() == 0);
    StringBuilder stdin = new StringBuilder();
    for (String target : targets) {
      TargetJson.string(target, stdin).append('\n');
    }
    Peers.Result result = Peers.run(List.of(Peers.PYTHON.toString(), helper()), stdin.toString(), 120);
    assertEquals(0, result.exitCode(), result.stderr());
    List<String> lines = List.of(result.stdout().split("\n"));
    assertEquals(targets.size(), lines.size(), "graphite_grammar.py answered a different number of lines");
    return lines;
  }

  private static String helper() {
    try {
      return java.nio.file.Path.of(TargetGrammarInteropTest.class.getResource("graphite_grammar.py").toURI())
          .toString();
    } catch (java.net.URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  static List<String> corpus() throws IOException {
    try (InputStream in = TargetGrammarInteropTest.class.getResourceAsStream("targets.jsonl")) {
      List<String> targets = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          targets.add(TargetJson.decode(line));
        }
      }
      return targets;
    }
  }

  private static String quote(String target) {
    return TargetJson.string(target, new StringBuilder()).toString();
  }
}
