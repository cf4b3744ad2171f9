package io.plumbago.statsd;

import java.util.List;
import java.util.Objects;

/**
 * The Etsy statsd options that change what is flushed, with Etsy's names and defaults.
 *
 * @param flushIntervalSeconds how often aggregates are flushed ({@code flushInterval}, 10 s)
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
 */
public record StatsdConfig(int flushIntervalSeconds, boolean legacyNamespace, List<Double> percentThresholds,
                           String globalPrefix, String prefixCounter, String prefixTimer, String prefixGauge,
                           String prefixSet, String prefixStats, String globalSuffix) {
  /** Checks the values. */
  public StatsdConfig {
    if (flushIntervalSeconds <= 0) {
      throw new IllegalArgumentException("flushIntervalSeconds must be positive: " + flushIntervalSeconds);
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
  }

  /** Etsy statsd's defaults: 10 s flush, legacy namespace, 90th percentile. */
  public static StatsdConfig defaults() {
    return new StatsdConfig(10, true, List.of(90.0), "stats", "counters", "timers", "gauges", "sets", "statsd", "");
  }

  /** This config with another flush interval. */
  public StatsdConfig withFlushIntervalSeconds(int seconds) {
    return new StatsdConfig(seconds, legacyNamespace, percentThresholds, globalPrefix, prefixCounter, prefixTimer,
        prefixGauge, prefixSet, prefixStats, globalSuffix);
  }

  /** This config with the legacy namespace on or off. */
  public StatsdConfig withLegacyNamespace(boolean legacy) {
    return new StatsdConfig(flushIntervalSeconds, legacy, percentThresholds, globalPrefix, prefixCounter, prefixTimer,
        prefixGauge, prefixSet, prefixStats, globalSuffix);
  }
}
