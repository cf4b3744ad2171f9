package io.plumbago.statsd;

import io.plumbago.statsd.config.EtsyConfigFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The Etsy statsd options that change what is flushed, with Etsy's names and defaults. Build with {@link #builder()}
 * or read Etsy's own config file with {@link #read(Path)}.
 *
 * @param flushIntervalMillis {@code flushInterval}, 10 000 ms
 * @param legacyNamespace {@code graphite.legacyNamespace}: {@code stats.<key>} / {@code stats_counts.<key>} for
 *     counters when true (Etsy's default), {@code stats.counters.<key>.rate} / {@code .count} when false
 * @param percentThresholds {@code percentThreshold}, default {@code [90]}; negative means "top"
 * @param globalPrefix {@code graphite.globalPrefix} ("stats"; ignored in legacy mode)
 * @param prefixCounter {@code graphite.prefixCounter} ("counters"; ignored in legacy mode)
 * @param prefixTimer {@code graphite.prefixTimer} ("timers")
 * @param prefixGauge {@code graphite.prefixGauge} ("gauges")
 * @param prefixSet {@code graphite.prefixSet} ("sets")
 * @param prefixStats {@code prefixStats}, the namespace of statsd's own metrics ("statsd")
 * @param globalSuffix {@code graphite.globalSuffix} ("" for none)
 * @param flushCounts {@code flush_counts}: also flush each counter's raw count (true)
 * @param deleteCounters {@code deleteCounters}: forget counters after each flush instead of sending 0 (false)
 * @param deleteGauges {@code deleteGauges}: forget gauges not updated for {@code gaugesMaxTtl} flushes (false)
 * @param deleteTimers {@code deleteTimers}: forget timers after each flush (false)
 * @param deleteSets {@code deleteSets}: forget sets after each flush (false)
 * @param gaugesMaxTtl {@code gaugesMaxTTL}: flushes a gauge survives without updates when deleted (1)
 * @param histogram {@code histogram}: timer bins, the first rule whose {@code metric} is part of the key wins
 * @param calculatedTimerMetrics {@code calculatedTimerMetrics}: the timer statistics to flush, by Etsy's names
 *     ({@code count}, {@code mean}, {@code upper_percent} for every {@code upper_90}...), or empty for all
 * @param timerSignificantDigits {@code timerSignificantDigits} (Plumbago's, Etsy ignores it): 0 keeps every timer
 *     value of an interval, as Etsy does (memory grows with the rate); 1 to 5 keeps the first 1 024 values of a timer
 *     per interval exactly and from then on counts them in an HdrHistogram with that many significant decimal digits,
 *     bounding memory per timer, at a relative error of at most 10<sup>-digits</sup> on lower, upper, mean, median,
 *     sum and the percentile statistics (3 digits: 0.1%), twice that on the sums of squares; std is computed from the
 *     same bucket values; counts stay exact
 */
public record StatsdConfig(long flushIntervalMillis, boolean legacyNamespace, List<Double> percentThresholds,
                           String globalPrefix, String prefixCounter, String prefixTimer, String prefixGauge,
                           String prefixSet, String prefixStats, String globalSuffix, boolean flushCounts,
                           boolean deleteCounters, boolean deleteGauges, boolean deleteTimers, boolean deleteSets,
                           int gaugesMaxTtl, List<HistogramRule> histogram,
                           List<String> calculatedTimerMetrics, int timerSignificantDigits) {
  /**
   * One {@code histogram} entry: timers whose key contains {@code metric} count their values into {@code bins}
   * (upper bounds, exclusive; {@link Double#POSITIVE_INFINITY} is Etsy's {@code 'inf'}).
   */
  public record HistogramRule(String metric, List<Double> bins) {
    /** Copies the bins. */
    public HistogramRule {
      Objects.requireNonNull(metric);
      bins = List.copyOf(bins);
    }
  }

  /** Checks the values. */
  public StatsdConfig {
    if (flushIntervalMillis <= 0) {
      throw new IllegalArgumentException("flushInterval must be positive: " + flushIntervalMillis);
    }
    percentThresholds = List.copyOf(percentThresholds);
    for (double pct : percentThresholds) {
      if (pct == 0 || pct > 100 || pct < -100 || Double.isNaN(pct)) {
        throw new IllegalArgumentException("percentThreshold must be in [-100, 0) or (0, 100]: " + pct);
      }
    }
    Objects.requireNonNull(globalPrefix);
    Objects.requireNonNull(prefixCounter);
    Objects.requireNonNull(prefixTimer);
    Objects.requireNonNull(prefixGauge);
    Objects.requireNonNull(prefixSet);
    Objects.requireNonNull(prefixStats);
    Objects.requireNonNull(globalSuffix);
    gaugesMaxTtl = gaugesMaxTtl > 1 ? gaugesMaxTtl : 1; // Etsy forces anything else to 1
    histogram = List.copyOf(histogram);
    calculatedTimerMetrics = List.copyOf(calculatedTimerMetrics);
    if (timerSignificantDigits < 0 || timerSignificantDigits > 5) {
      throw new IllegalArgumentException("timerSignificantDigits must be 0 (exact) to 5: " + timerSignificantDigits);
    }
  }

  /** Etsy statsd's defaults: 10 s flush, legacy namespace, 90th percentile, nothing deleted. */
  public static StatsdConfig defaults() {
    return builder().build();
  }

  /** A builder starting from Etsy's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads Etsy statsd's own config file (its keys, the JavaScript object syntax Etsy's example uses: unquoted keys,
   * single quotes and comments are accepted), so one file drives both servers.
   */
  public static StatsdConfig read(Path file) throws IOException {
    return EtsyConfigFile.read(file).statsd();
  }

  /** The flush interval in seconds, as Etsy divides counts by it for rates. */
  public double flushIntervalSeconds() {
    return flushIntervalMillis / 1000.0;
  }

  /** A builder holding this config's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.flushIntervalMillis = flushIntervalMillis;
    b.legacyNamespace = legacyNamespace;
    b.percentThresholds = percentThresholds;
    b.globalPrefix = globalPrefix;
    b.prefixCounter = prefixCounter;
    b.prefixTimer = prefixTimer;
    b.prefixGauge = prefixGauge;
    b.prefixSet = prefixSet;
    b.prefixStats = prefixStats;
    b.globalSuffix = globalSuffix;
    b.flushCounts = flushCounts;
    b.deleteCounters = deleteCounters;
    b.deleteGauges = deleteGauges;
    b.deleteTimers = deleteTimers;
    b.deleteSets = deleteSets;
    b.gaugesMaxTtl = gaugesMaxTtl;
    b.histogram = histogram;
    b.calculatedTimerMetrics = calculatedTimerMetrics;
    b.timerSignificantDigits = timerSignificantDigits;
    return b;
  }

  /** This config with another flush interval. */
  public StatsdConfig withFlushIntervalSeconds(int seconds) {
    return toBuilder().flushIntervalMillis(seconds * 1000L).build();
  }

  /** This config with the legacy namespace on or off. */
  public StatsdConfig withLegacyNamespace(boolean legacy) {
    return toBuilder().legacyNamespace(legacy).build();
  }

  /** Builds a {@link StatsdConfig}; every setter is named after Etsy's key. */
  public static final class Builder {
    private long flushIntervalMillis = 10_000;
    private boolean legacyNamespace = true;
    private List<Double> percentThresholds = List.of(90.0);
    private String globalPrefix = "stats";
    private String prefixCounter = "counters";
    private String prefixTimer = "timers";
    private String prefixGauge = "gauges";
    private String prefixSet = "sets";
    private String prefixStats = "statsd";
    private String globalSuffix = "";
    private boolean flushCounts = true;
    private boolean deleteCounters;
    private boolean deleteGauges;
    private boolean deleteTimers;
    private boolean deleteSets;
    private int gaugesMaxTtl = 1;
    private List<HistogramRule> histogram = List.of();
    private List<String> calculatedTimerMetrics = List.of();
    private int timerSignificantDigits;

    private Builder() {}

    /** {@code flushInterval} in milliseconds. */
    public Builder flushIntervalMillis(long millis) {
      this.flushIntervalMillis = millis;
      return this;
    }

    /** {@code graphite.legacyNamespace}. */
    public Builder legacyNamespace(boolean legacy) {
      this.legacyNamespace = legacy;
      return this;
    }

    /** {@code percentThreshold}. */
    public Builder percentThresholds(List<Double> thresholds) {
      this.percentThresholds = thresholds;
      return this;
    }

    /** {@code graphite.globalPrefix}. */
    public Builder globalPrefix(String prefix) {
      this.globalPrefix = prefix;
      return this;
    }

    /** {@code graphite.prefixCounter}. */
    public Builder prefixCounter(String prefix) {
      this.prefixCounter = prefix;
      return this;
    }

    /** {@code graphite.prefixTimer}. */
    public Builder prefixTimer(String prefix) {
      this.prefixTimer = prefix;
      return this;
    }

    /** {@code graphite.prefixGauge}. */
    public Builder prefixGauge(String prefix) {
      this.prefixGauge = prefix;
      return this;
    }

    /** {@code graphite.prefixSet}. */
    public Builder prefixSet(String prefix) {
      this.prefixSet = prefix;
      return this;
    }

    /** {@code prefixStats}. */
    public Builder prefixStats(String prefix) {
      this.prefixStats = prefix;
      return this;
    }

    /** {@code graphite.globalSuffix}. */
    public Builder globalSuffix(String suffix) {
      this.globalSuffix = suffix;
      return this;
    }

    /** {@code flush_counts}. */
    public Builder flushCounts(boolean flush) {
      this.flushCounts = flush;
      return this;
    }

    /** {@code deleteIdleStats}: sets all four {@code delete*} options (each can still be set after). */
    public Builder deleteIdleStats(boolean delete) {
      deleteCounters = delete;
      deleteGauges = delete;
      deleteTimers = delete;
      deleteSets = delete;
      return this;
    }

    /** {@code deleteCounters}. */
    public Builder deleteCounters(boolean delete) {
      this.deleteCounters = delete;
      return this;
    }

    /** {@code deleteGauges}. */
    public Builder deleteGauges(boolean delete) {
      this.deleteGauges = delete;
      return this;
    }

    /** {@code deleteTimers}. */
    public Builder deleteTimers(boolean delete) {
      this.deleteTimers = delete;
      return this;
    }

    /** {@code deleteSets}. */
    public Builder deleteSets(boolean delete) {
      this.deleteSets = delete;
      return this;
    }

    /** {@code gaugesMaxTTL}. */
    public Builder gaugesMaxTtl(int flushes) {
      this.gaugesMaxTtl = flushes;
      return this;
    }

    /** {@code histogram}. */
    public Builder histogram(List<HistogramRule> rules) {
      this.histogram = rules;
      return this;
    }

    /** {@code calculatedTimerMetrics}; empty flushes every timer statistic. */
    public Builder calculatedTimerMetrics(List<String> names) {
      this.calculatedTimerMetrics = names;
      return this;
    }

    /** {@code timerSignificantDigits}: 0 for exact timers (the default), 1 to 5 for bounded memory. */
    public Builder timerSignificantDigits(int digits) {
      this.timerSignificantDigits = digits;
      return this;
    }

    /** The config. */
    public StatsdConfig build() {
      return new StatsdConfig(flushIntervalMillis, legacyNamespace, percentThresholds, globalPrefix, prefixCounter,
          prefixTimer, prefixGauge, prefixSet, prefixStats, globalSuffix, flushCounts, deleteCounters, deleteGauges,
          deleteTimers, deleteSets, gaugesMaxTtl, histogram, calculatedTimerMetrics,
          timerSignificantDigits);
    }
  }
}
