package io.plumbago.render.functions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The column-wise aggregations give exactly the doubles of graphite-web's row-wise ones, None and ragged ends included. */
class ColumnAggregationProperties {
  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void equalsTheRowWiseAggregation(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int round = 0; round < 300; round++) {
      int series = random.nextInt(1, 40);
      int length = random.nextInt(0, 60);
      List<double[]> columns = new ArrayList<>();
      for (int s = 0; s < series; s++) {
        double[] v = new double[random.nextInt(2) == 0 ? length : random.nextInt(0, length + 1)];
        double nones = random.nextDouble();
        for (int i = 0; i < v.length; i++) {
          v[i] = random.nextDouble() < nones ? Double.NaN
              : random.nextInt(3) == 0 ? random.nextInt(-5, 5) : (random.nextDouble() - 0.5) * Math.pow(10,
                  random.nextInt(-12, 16));
        }
        columns.add(v);
      }
      double xff = random.nextInt(3) == 0 ? 0 : random.nextDouble();
      for (String func : new String[] {"sum", "total", "average", "avg", "min", "max", "count"}) {
        double[] expected = new double[length];
        double[] row = new double[series];
        AggFuncs.AggFunc f = AggFuncs.get(func, func);
        for (int i = 0; i < length; i++) {
          for (int s = 0; s < series; s++) {
            row[s] = i < columns.get(s).length ? columns.get(s)[i] : Double.NaN;
          }
          expected[i] = AggFuncs.xff(row, xff) ? f.apply(row) : Double.NaN;
        }
        assertArrayEquals(expected, ColumnAggregation.aggregate(columns, length, func, xff),
            "seed " + seed + " round " + round + " " + func);
      }
    }
  }
}
