package io.plumbago.render.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fast float repr (Schubfach's shortest digits) equals the exact one (BigDecimal: the shortest correctly rounded
 * decimal that reads back) on random bit patterns and on the kinds of values series hold.
 */
class PythonFloatsProperties {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4})
  void fastEqualsExact(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 50_000; i++) {
      double v = switch (i % 5) {
        case 0 -> Double.longBitsToDouble(random.nextLong());
        case 1 -> random.nextInt(1, 1_000_000) / 7.0;
        case 2 -> random.nextDouble() * Math.pow(10, random.nextInt(-30, 30));
        case 3 -> Math.scalb(1.0, random.nextInt(-1000, 1000)); // powers of two: lopsided rounding intervals
        default -> random.nextInt(1, 100_000) / 100.0;
      };
      if (Double.isNaN(v) || Double.isInfinite(v) || v == 0) {
        continue;
      }
      assertEquals(PythonFloats.exact(v), PythonFloats.repr(v), "seed " + seed + " bits "
          + Long.toHexString(Double.doubleToRawLongBits(v)));
    }
  }
}
