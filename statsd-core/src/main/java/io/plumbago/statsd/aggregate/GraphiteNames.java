package io.plumbago.statsd.aggregate;

import io.plumbago.statsd.StatsdConfig;
import java.util.ArrayList;
import java.util.List;

/** Names of flushed metrics, as Etsy's graphite backend builds them. */
final class GraphiteNames {
  private final StatsdConfig config;

  GraphiteNames(StatsdConfig config) {
    this.config = config;
  }

  String counterRate(String key) {
    return config.legacyNamespace() ? name(List.of("stats"), key, List.of())
        : name(List.of(config.globalPrefix(), config.prefixCounter()), key, List.of("rate"));
  }

  String counterCount(String key) {
    return config.legacyNamespace() ? name(List.of("stats_counts"), key, List.of())
        : name(List.of(config.globalPrefix(), config.prefixCounter()), key, List.of("count"));
  }

  String timer(String key, String stat) {
    return name(namespace("timers", config.prefixTimer()), key, List.of(stat));
  }

  String gauge(String key) {
    return name(namespace("gauges", config.prefixGauge()), key, List.of());
  }

  String setCount(String key) {
    return name(namespace("sets", config.prefixSet()), key, List.of("count"));
  }

  String numStats() {
    return config.legacyNamespace() ? name(List.of(), config.prefixStats(), List.of("numStats"))
        : name(List.of(config.globalPrefix(), config.prefixStats()), "numStats", List.of());
  }

  /** statsd's and its graphite backend's measurements of themselves: {@code stats.statsd.processing_time}. */
  String ownStat(String stat) {
    return name(List.of(config.legacyNamespace() ? "stats" : config.globalPrefix(), config.prefixStats()),
        stat, List.of());
  }

  /** Etsy ignores the prefixes in the legacy namespace. */
  private List<String> namespace(String legacyPrefix, String prefix) {
    return config.legacyNamespace() ? List.of("stats", legacyPrefix) : List.of(config.globalPrefix(), prefix);
  }

  /** {@code namespace.concat(base, suffix).join('.') + globalSuffix + tags}; empty prefixes vanish. */
  private String name(List<String> namespace, String key, List<String> suffix) {
    int semicolon = key.indexOf(';');
    String base = semicolon < 0 ? key : key.substring(0, semicolon);
    String tags = semicolon < 0 ? "" : key.substring(semicolon);
    List<String> parts = new ArrayList<>();
    for (String p : namespace) {
      if (!p.isEmpty()) {
        parts.add(p);
      }
    }
    parts.add(base);
    parts.addAll(suffix);
    String suffixPart = config.globalSuffix().isEmpty() ? "" : "." + config.globalSuffix();
    return String.join(".", parts) + suffixPart + tags;
  }
}
