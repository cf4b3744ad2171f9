package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.plumbago.render.grammar.Syntax;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Seeded properties of {@link TargetParser} and {@link Target#format()}; every message names its seed. */
class TargetProperties {
  private static final String[] NOISE = {
    "f(", "sumSeries(", "template(", "(", ")", ")", ",", ",", ".", ".", "a", "b.c", "1", "-", "-1", "1.5", "e", "E3",
    "'", "\"", "\\", "\\.", "|", "{", "}", "{a,b}", "=", "x=", " ", "  ", "\t", "\n", "\r", "true", "FALSE", "None",
    "inf", "*", "?", "[0-9]", "$1", "$x", "\"s\"", "'s'", "\\x41", "\"\"", "é", "\u0663", "\u0131", "_", "#", ";",
  };
  private static final Set<String> LITERAL_WORDS = Set.of("TRUE", "FALSE", "NONE", "INF");

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void anyStringParsesOrIsASyntaxErrorAndWhatParsesFormatsBackToItself(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 3000; i++) {
      String text = switch (random.nextInt(3)) {
        case 0 -> arbitrary(random);
        case 1 -> grammarNoise(random);
        default -> mutate(target(random, 3).format(), random);
      };
      Target parsed = null;
      try {
        parsed = TargetParser.parse(text);
        TargetParser.parseStrict(text);
      } catch (TargetSyntaxException expected) {
        // graphite-web's 400
      } catch (RuntimeException | Error e) {
        fail("seed " + seed + ", case " + i + ": " + TargetJson.string(text, new StringBuilder()) + " threw " + e, e);
      }
      if (parsed != null) {
        String formatted = parsed.format();
        assertEquals(parsed, TargetParser.parseStrict(formatted), "seed " + seed + ", case " + i + ": "
            + TargetJson.string(text, new StringBuilder()) + " formatted as " + formatted);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
  void randomTargetsFormatAndParseBackEqual(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 2000; i++) {
      Target target = target(random, 4);
      String text = target.format();
      try {
        Target back = TargetParser.parseStrict(text);
        assertEquals(json(target), json(back), "seed " + seed + ", case " + i + ": " + text);
        assertEquals(target, back, "seed " + seed + ", case " + i + ": " + text);
      } catch (TargetSyntaxException e) {
        fail("seed " + seed + ", case " + i + ": " + text + " did not parse: " + e.getMessage(), e);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 50, 99, 100, 5000})
  void deepNestingIsASyntaxErrorNotAStackOverflow(int calls) {
    // calls nested calls around a path: calls + 1 nested expressions.
    String text = "f(".repeat(calls) + "a" + ")".repeat(calls);
    try {
      TargetParser.parseStrict(text);
      assertEquals(true, calls < 100, calls + " nested calls parsed");
    } catch (TargetSyntaxException e) {
      assertEquals(true, calls >= 100, calls + " nested calls: " + e.getMessage());
    }
  }

  private static String json(Target target) {
    StringBuilder out = new StringBuilder();
    TargetJson.write(target, out);
    return out.toString();
  }

  /** Text built from the grammar's own tokens, which reaches the grammar's corners faster than arbitrary text. */
  static String grammarNoise(SplittableRandom random) {
    if (random.nextInt(4) == 0) {
      return mutate(target(random, 3).format(), random);
    }
    StringBuilder out = new StringBuilder();
    int tokens = random.nextInt(16);
    for (int i = 0; i < tokens; i++) {
      out.append(NOISE[random.nextInt(NOISE.length)]);
    }
    return out.toString();
  }

  static String arbitrary(SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(24);
    for (int i = 0; i < length; i++) {
      out.append((char) (random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x10000)));
    }
    return out.toString();
  }

  private static String mutate(String text, SplittableRandom random) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits; i++) {
      int at = random.nextInt(out.length() + 1);
      String token = NOISE[random.nextInt(NOISE.length)];
      switch (random.nextInt(3)) {
        case 0 -> out.insert(at, token);
        case 1 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(3)));
        default -> out.replace(at, Math.min(out.length(), at + 1), token);
      }
    }
    return out.toString();
  }

  /** A random target that can be written as an argument (see {@link Target#format()}). */
  static Target target(SplittableRandom random, int depth) {
    int kind = depth <= 0 ? 0 : random.nextInt(10);
    if (kind < 4) {
      return path(random);
    }
    if (kind < 9) {
      List<Target> args = new ArrayList<>();
      int count = random.nextInt(4);
      for (int i = 0; i < count; i++) {
        args.add(random.nextInt(3) == 0 ? target(random, depth - 1) : literal(random));
      }
      List<Target.Keyword> kwargs = new ArrayList<>();
      int keywords = args.isEmpty() ? 0 : random.nextInt(3);
      for (int i = 0; i < keywords; i++) {
        Target value = random.nextInt(3) == 0 ? target(random, depth - 1) : literal(random);
        kwargs.add(new Target.Keyword(identifier(random), value));
      }
      return new Target.Call(identifier(random), args, kwargs);
    }
    Target inner = random.nextBoolean() ? path(random) : target(random, depth - 1);
    if (inner instanceof Target.Template) {
      inner = path(random);
    }
    List<Target> args = new ArrayList<>();
    List<Target.Keyword> kwargs = new ArrayList<>();
    int count = random.nextInt(3);
    boolean named = random.nextBoolean();
    for (int i = 0; i < count; i++) {
      Target value = templateValue(random);
      if (named) {
        kwargs.add(new Target.Keyword(identifier(random), value));
      } else {
        args.add(value);
      }
    }
    return new Target.Template(inner, args, kwargs);
  }

  private static Target templateValue(SplittableRandom random) {
    while (true) {
      Target value = literal(random);
      if (value instanceof Target.IntLiteral || value instanceof Target.FloatLiteral
          || value instanceof Target.StringLiteral) {
        return value;
      }
    }
  }

  private static String identifier(SplittableRandom random) {
    String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_";
    while (true) {
      StringBuilder out = new StringBuilder().append(letters.charAt(random.nextInt(letters.length())));
      int length = random.nextInt(9);
      for (int i = 0; i < length; i++) {
        out.append((letters + "0123456789").charAt(random.nextInt(letters.length() + 10)));
      }
      String name = out.toString();
      if (!name.equals("template") && !LITERAL_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
        return name;
      }
    }
  }

  private static Target.Path path(SplittableRandom random) {
    String first = "abcdghjklmopqrsuvwxyzABC*";
    String chars = "abcxyz019_-*?[]:#=~^$!@%&+;<>/(){},.'\"\\|";
    StringBuilder out = new StringBuilder().append(first.charAt(random.nextInt(first.length())));
    int length = random.nextInt(20);
    for (int i = 0; i < length; i++) {
      if (random.nextInt(8) == 0) {
        out.append("{ab,c").append(chars.charAt(random.nextInt(chars.length()))).append('}');
      } else {
        out.append(chars.charAt(random.nextInt(chars.length())));
      }
    }
    return new Target.Path(out.toString());
  }

  private static Target literal(SplittableRandom random) {
    switch (random.nextInt(7)) {
      case 0:
        return new Target.IntLiteral(BigInteger.valueOf(random.nextLong()).shiftRight(random.nextInt(64))
            .multiply(random.nextInt(8) == 0 ? BigInteger.TEN.pow(30) : BigInteger.ONE));
      case 1:
        return new Target.FloatLiteral(randomDouble(random));
      case 2:
        return new Target.BooleanLiteral(random.nextBoolean());
      case 3:
        return new Target.NoneLiteral();
      case 4:
        return new Target.InfinityLiteral();
      default:
        return string(random);
    }
  }

  private static double randomDouble(SplittableRandom random) {
    switch (random.nextInt(6)) {
      case 0:
        return random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
      case 1:
        return random.nextBoolean() ? -0.0 : Double.MIN_VALUE;
      case 2:
        double bits = Double.longBitsToDouble(random.nextLong());
        return Double.isNaN(bits) ? 1.0 : bits;
      default:
        return (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
    }
  }

  private static Target.StringLiteral string(SplittableRandom random) {
    String chars = "ab 1,()|.\"'\\xA=é\n\u0663";
    while (true) {
      StringBuilder out = new StringBuilder();
      int length = random.nextInt(10);
      for (int i = 0; i < length; i++) {
        out.append(chars.charAt(random.nextInt(chars.length())));
      }
      String value = out.toString();
      if (Syntax.isQuotable(value, '"') || Syntax.isQuotable(value, '\'')) {
        return new Target.StringLiteral(value);
      }
    }
  }
}
