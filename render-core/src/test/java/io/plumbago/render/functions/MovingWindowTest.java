package io.plumbago.render.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MovingWindowTest {
  /** graphite-web's loop as written: each window copied, None dropped, then aggregated. */
  private static double[] naive(double[] v, int w, String func, double xff) {
    double[] out = new double[Math.max(0, v.length - w)];
    for (int i = w; i < v.length; i++) {
      double[] nonNull = AggFuncs.nonNull(Arrays.copyOfRange(v, i - w, i));
      out[i - w] = nonNull.length > 0 && AggFuncs.xff(nonNull.length, w, xff)
          ? AggFuncs.get(func, func).apply(nonNull) : Double.NaN;
    }
    return out;
  }

  @Test
  void slidingWindowsGiveTheBitsOfTheNaiveLoop() {
    SplittableRandom random = new SplittableRandom(20231114L);
    for (int round = 0; round < 300; round++) {
      int n = random.nextInt(0, 120);
      double[] v = new double[n];
      double nones = random.nextDouble();
      for (int i = 0; i < n; i++) {
        double x = random.nextInt(4) == 0 ? random.nextInt(-3, 4) : random.nextDouble(-1e6, 1e6);
        v[i] = random.nextDouble() < nones ? Double.NaN : x;
      }
      int w = random.nextInt(1, 30);
      double xff = random.nextInt(3) == 0 ? 0 : random.nextDouble();
      for (String func : AggFuncs.NAMES) {
        double[] expected = naive(v, w, func, xff);
        double[] actual = MovingWindow.apply(v, w, func, xff);
        assertEquals(expected.length, actual.length, func);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], actual[i], 0.0, func + " w=" + w + " xff=" + xff + " at " + i);
        }
      }
    }
  }

  @Test
  void oddWindowsFollowPythonSlices() {
    double[] v = {1, 2, Double.NaN, 4};
    assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN},
        MovingWindow.apply(v, 0, "sum", 0));
    assertEquals(6, MovingWindow.apply(v, -2, "sum", 0).length);
    assertEquals(0, MovingWindow.apply(v, 9, "sum", 0).length);
  }
}
