package io.plumbago.statsd.aggregate;

/** A timer's values within one interval. Not thread-safe: guarded by the shard's lock. */
interface TimerSamples {
  void add(double value);

  /** How many values were added since the last clear. */
  int size();

  /** The values in ascending order, for Etsy's statistics (exact, or each bucket's representative value). */
  double[] sorted();

  void clear();

  /** Timers' samples as {@code config} asks. */
  static java.util.function.Supplier<TimerSamples> factory(io.plumbago.statsd.StatsdConfig config) {
    return TimerSamples::exact;
  }

  /** Every value, as Etsy keeps them. */
  static TimerSamples exact() {
    DoubleList list = new DoubleList();
    return new TimerSamples() {
      @Override
      public void add(double value) {
        list.add(value);
      }

      @Override
      public int size() {
        return list.size();
      }

      @Override
      public double[] sorted() {
        return list.sorted();
      }

      @Override
      public void clear() {
        list.clear();
      }
    };
  }
}
