package io.plumbago.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.plumbago.carbon.codec.PickleDecoder;
import io.plumbago.carbon.codec.PickleMetrics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PickleTest {
  private final PickleMetrics pickle = new PickleMetrics(100_000);
  private final List<String> seen = new ArrayList<>();
  private final PointSink sink = (m, t, v) -> seen.add(m + " " + v + " " + t);

  private int decode(byte[] body) {
    return pickle.decode(body, 0, body.length, 1000, sink);
  }

  private static byte[] latin1(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsAPythonTwoProtocolZeroFrame() {
    int skipped = decode(latin1("(lp0\n(S'a.b'\np1\n(I1700000000\nF1.5\ntp2\ntp3\na(S'c'\n(I-1\nI7\ntta."));
    assertEquals(0, skipped);
    assertEquals(List.of("a.b 1.5 1700000000", "c 7.0 1000"), seen);
  }

  @Test
  void skipsBadElementsAndKeepsTheGoodOnes() {
    // [('bad',), ('ok', (1, 2.0)), ('nan', (1, nan)), ('x', (1, 'v'))] in protocol 0 text
    int skipped = decode(latin1("(lp0\n(S'bad'\ntp1\na(S'ok'\n(I1\nF2.0\nttp2\na(S'nan'\n(I1\nFnan\ntta"
        + "(S'x'\n(I1\nS'v'\ntta."));
    assertEquals(List.of("ok 2.0 1"), seen);
    assertEquals(2, skipped, "('bad',) and ('x', (1, 'v')) are skipped; the NaN is dropped silently");
  }

  @Test
  void refusesEveryOpcodeThatCouldRunCode() {
    String[] attacks = {
        "cos\nsystem\n(S'touch /tmp/pwned'\ntR.", // GLOBAL + REDUCE
        "\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093.", // STACK_GLOBAL
        "(S'x'\nios\nsystem\n.", // INST
        "(lp0\n(dp1\nb.", // BUILD
        "\u0080\u0002(\u0081.", // NEWOBJ
        "P1\n.", // PERSID
    };
    for (String attack : attacks) {
      CarbonProtocolException e = assertThrows(CarbonProtocolException.class, () -> decode(latin1(attack)), attack);
      assertTrue(e.getMessage().startsWith("invalid pickle"), e.getMessage());
    }
    assertTrue(seen.isEmpty());
  }

  @Test
  void limitsHowMuchOneFrameMayBuild() {
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      deep.append('(');
    }
    assertThrows(CarbonProtocolException.class, () -> decode(latin1(deep + "l.")));
    PickleMetrics small = new PickleMetrics(10);
    byte[] many = PickleMetrics.encode(List.of("a", "b", "c", "d"), new long[] {1, 2, 3, 4}, new double[] {1, 2, 3, 4});
    assertThrows(CarbonProtocolException.class, () -> small.decode(many, 0, many.length, 0, sink));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void encodedPointsDecodeExactly(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 50; round++) {
      int n = random.nextInt(50);
      List<String> names = new ArrayList<>();
      long[] ts = new long[n];
      double[] values = new double[n];
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        names.add("m" + random.nextInt(1000) + (random.nextBoolean() ? ".é" : ".x;tag=v"));
        ts[i] = random.nextLong(0, 1L << 32);
        values[i] = random.nextBoolean() ? random.nextInt() : Double.longBitsToDouble(random.nextLong());
        if (!Double.isNaN(values[i])) {
          expected.add(names.get(i) + " " + values[i] + " " + ts[i]);
        }
      }
      seen.clear();
      byte[] body = PickleMetrics.encode(names, ts, values);
      assertEquals(0, decode(body), "seed " + seed);
      assertEquals(expected, seen, "seed " + seed);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {101, 102, 103, 104, 105, 106, 107, 108, 109, 110})
  void arbitraryAndMutatedBytesOnlyEverFailWithTheProtocolException(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    PickleDecoder decoder = new PickleDecoder(10_000, 64);
    byte[] valid = PickleMetrics.encode(List.of("a.b", "c"), new long[] {1, 2}, new double[] {1.5, 2});
    for (int i = 0; i < 1000; i++) {
      byte[] bytes;
      if (random.nextBoolean()) {
        bytes = valid.clone();
        for (int k = 1 + random.nextInt(3); k > 0; k--) {
          bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
        }
      } else {
        bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
      }
      try {
        decoder.decode(bytes, 0, bytes.length);
        pickle.decode(bytes, 0, bytes.length, 0, (m, t, v) -> { });
      } catch (CarbonProtocolException expected) {
        // refused: fine
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        fail("seed " + seed + " case " + i + ": " + java.util.HexFormat.of().formatHex(bytes), e);
      }
    }
  }
}
