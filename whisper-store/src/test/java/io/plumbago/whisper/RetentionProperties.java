package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.plumbago.whisper.testing.Peers;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded properties of retention parsing: round trips, and whisper's own parser as the oracle. */
class RetentionProperties {
  private static final String[] UNITS = {"s", "m", "h", "d", "w", "y", "min", "hours", "days", "sec", "weeks",
      "years", "x", ""};

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
  void formattedRetentionsParseBack(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 500; i++) {
      Retention r = new Retention(1 + random.nextInt(86_400), 1 + random.nextInt(1_000_000));
      assertEquals(r, Retention.parse(r.secondsPerPoint() + ":" + r.points()), "seed " + seed);
      assertEquals(r, Retention.parse(r.toString()), "seed " + seed + ": " + r);
      if (r.secondsPerPoint() % 60 == 0) {
        assertEquals(r, Retention.parse((r.secondsPerPoint() / 60) + "m:" + r.points()), "seed " + seed);
      }
    }
  }

  static String randomDefinition(SplittableRandom random) {
    StringBuilder b = new StringBuilder();
    b.append(random.nextInt(5) == 0 ? "" : Integer.toString(random.nextInt(1, 120)));
    b.append(UNITS[random.nextInt(UNITS.length)]);
    if (random.nextInt(10) > 0) {
      b.append(':').append(random.nextInt(5) == 0 ? "" : Integer.toString(random.nextInt(1, 5000)));
      b.append(UNITS[random.nextInt(UNITS.length)]);
    }
    return b.toString();
  }

  @Tag("interop")
  @Test
  void parsesEveryDefinitionAsWhisperParseRetentionDefDoes() {
    Peers.requirePythonWhisper();
    long seed = 1234;
    SplittableRandom random = new SplittableRandom(seed);
    List<String> definitions = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      definitions.add(randomDefinition(random));
    }
    StringBuilder script = new StringBuilder("import whisper\nfor d in [");
    for (String d : definitions) {
      script.append('\'').append(d).append("',");
    }
    script.append("]:\n  try:\n    print('%d:%d' % whisper.parseRetentionDef(d))\n"
        + "  except Exception:\n    print('ERR')\n");
    String[] expected = Peers.python(script.toString(), 60).split("\n");
    for (int i = 0; i < expected.length; i++) {
      // whisper parses a duration shorter than the precision as 0 points and only fails later, on create (or
      // writes a useless archive); Plumbago refuses it at once.
      if (expected[i].endsWith(":0")) {
        expected[i] = "ERR";
      }
      // Likewise a precision or point count beyond a signed 32-bit int, which no file could hold (whisper's
      // struct.pack of the header fails on create).
      if (!expected[i].equals("ERR") && (Long.parseLong(expected[i].split(":")[0]) > Integer.MAX_VALUE
          || Long.parseLong(expected[i].split(":")[1]) > Integer.MAX_VALUE)) {
        expected[i] = "ERR";
      }
    }
    for (int i = 0; i < definitions.size(); i++) {
      String got;
      try {
        Retention r = Retention.parse(definitions.get(i));
        got = r.secondsPerPoint() + ":" + r.points();
      } catch (WhisperFormatException e) {
        got = "ERR";
      } catch (RuntimeException e) {
        fail("seed " + seed + " '" + definitions.get(i) + "' threw " + e);
        return;
      }
      assertEquals(expected[i], got, "seed " + seed + " '" + definitions.get(i) + "'");
    }
  }
}
