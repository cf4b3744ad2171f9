package io.plumbago.statsd.aggregate;

import io.plumbago.statsd.StatsdConfig;
import java.util.function.Supplier;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

/** A timer's values within one interval. Not thread-safe: guarded by the shard's lock. */
abstract class TimerSamples {
  /** Values a bounded timer keeps exactly before it switches to a histogram. */
  static final int EXACT_BEFORE_HISTOGRAM = 1024;

  abstract void add(double value);

  /** The values in ascending order, for Etsy's statistics (exact, or each histogram bucket's middle value). */
  abstract double[] sorted();

  /** Timers' samples as {@code config} asks: every value, or bounded by {@code timerSignificantDigits}. */
  static Supplier<TimerSamples> factory(StatsdConfig config) {
    int digits = config.timerSignificantDigits();
    return digits == 0 ? Exact::new : () -> new Bounded(digits);
  }

  /** Every value, as Etsy keeps them. */
  static final class Exact extends TimerSamples {
    private final DoubleList values = new DoubleList();

    @Override
    void add(double value) {
      values.add(value);
    }

    @Override
    double[] sorted() {
      return values.sorted();
    }
  }

  /**
   * The first {@link #EXACT_BEFORE_HISTOGRAM} values exactly, then a histogram with a relative error of at most
   * 10<sup>-digits</sup> per value. Values a histogram cannot hold (infinite, NaN) are kept exactly.
   */
  static final class Bounded extends TimerSamples {
    private final int digits;
    private final DoubleList exact = new DoubleList();
    private DoubleHistogram histogram;

    Bounded(int digits) {
      this.digits = digits;
    }

    @Override
    void add(double value) {
      if (histogram == null && exact.size() == EXACT_BEFORE_HISTOGRAM) {
        histogram = new DoubleHistogram(digits);
        double[] values = exact.sorted();
        exact.clear();
        for (double v : values) {
          if (Double.isFinite(v)) {
            histogram.recordValue(v);
          } else {
            exact.add(v);
          }
        }
      }
      if (histogram != null && Double.isFinite(value)) {
        histogram.recordValue(value);
      } else {
        exact.add(value);
      }
    }

    @Override
    double[] sorted() {
      double[] kept = exact.sorted();
      if (histogram == null) {
        return kept;
      }
      double[] out = new double[(int) histogram.getTotalCount() + kept.length];
      int n = 0;
      for (DoubleHistogramIterationValue v : histogram.recordedValues()) {
        double middle = histogram.medianEquivalentValue(v.getValueIteratedTo());
        for (long c = v.getCountAtValueIteratedTo(); c > 0; c--) {
          out[n++] = middle;
        }
      }
      // infinities and NaN: Etsy's sort puts NaN where it falls, we put the non-finite values last
      System.arraycopy(kept, 0, out, n, kept.length);
      java.util.Arrays.sort(out);
      return out;
    }
  }
}
