package io.plumbago.render.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** percentileOfSeries' rank arithmetic (the NIST method graphite-web uses), values worked out by hand. */
class CombinePercentileTest {
  private static final double NONE = Double.NaN;

  @Test
  void withoutInterpolationTheRankRoundsUpToAnActualValue() {
    double[] row = {15, 20, 35, 40, 50};
    assertEquals(15, Combine.percentile(null, row, 5, false)); // rank 0.3 -> 1
    assertEquals(20, Combine.percentile(null, row, 30, false)); // rank 1.8 -> 2
    assertEquals(35, Combine.percentile(null, row, 50, false)); // rank 3
    assertEquals(50, Combine.percentile(null, row, 100, false)); // rank 6 = length + 1: the last
  }

  @Test
  void interpolationMovesTowardsTheNextValue() {
    double[] row = {50, 15, NONE, 35, 20, 40};
    assertEquals(15 + 0.8 * 5, Combine.percentile(null, row, 30, true), 1e-12); // rank 1.8
    assertEquals(15, Combine.percentile(null, row, 10, true), 1e-12); // rank 0.6 -> 0: the first, no step
    assertEquals(50, Combine.percentile(null, row, 90, true), 1e-12); // rank 5.4 -> 5 = length: the last
  }

  @Test
  void noValuesIsNone() {
    assertTrue(Double.isNaN(Combine.percentile(null, new double[] {NONE, NONE}, 50, false)));
  }
}
