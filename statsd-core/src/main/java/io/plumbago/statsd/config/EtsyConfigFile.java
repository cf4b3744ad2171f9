package io.plumbago.statsd.config;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.plumbago.statsd.StatsdConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Etsy statsd's config file, read leniently enough for Etsy's own examples (unquoted keys, single quotes, comments,
 * trailing commas): the options that change output become a {@link StatsdConfig}, and the listener and graphite keys
 * are kept for the program. Unknown keys are ignored, as Etsy ignores them. Internal.
 *
 * @param statsd the output options
 * @param port {@code port}, or null
 * @param address {@code address}, or null
 * @param graphiteHost {@code graphiteHost}, or null
 * @param graphitePort {@code graphitePort}, or null
 */
public record EtsyConfigFile(StatsdConfig statsd, Integer port, String address, String graphiteHost,
                             Integer graphitePort) {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, JsonReadFeature.ALLOW_SINGLE_QUOTES,
          JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
      .build();

  /** Reads {@code file}; a file that is not an object or has a value of the wrong type throws with the key named. */
  public static EtsyConfigFile read(Path file) throws IOException {
    String text = Files.readString(file).strip();
    // Etsy's files are JavaScript: a bare object, sometimes wrapped in parentheses.
    if (text.startsWith("(") && text.endsWith(")")) {
      text = text.substring(1, text.length() - 1);
    }
    JsonNode root = MAPPER.readTree(text);
    if (root == null || !root.isObject()) {
      throw new IOException(file + ": expected an object of Etsy statsd options");
    }
    StatsdConfig.Builder b = StatsdConfig.builder();
    if (root.has("flushInterval")) {
      b.flushIntervalMillis(number(root, "flushInterval").longValue());
    }
    JsonNode pct = root.get("percentThreshold");
    if (pct != null) {
      List<Double> thresholds = new ArrayList<>();
      if (pct.isArray()) {
        pct.forEach(p -> thresholds.add(p.asDouble()));
      } else {
        thresholds.add(pct.asDouble());
      }
      b.percentThresholds(thresholds);
    }
    if (root.has("deleteIdleStats")) {
      b.deleteIdleStats(root.get("deleteIdleStats").asBoolean());
    }
    if (root.has("deleteCounters")) {
      b.deleteCounters(root.get("deleteCounters").asBoolean());
    }
    if (root.has("deleteGauges")) {
      b.deleteGauges(root.get("deleteGauges").asBoolean());
    }
    if (root.has("deleteTimers")) {
      b.deleteTimers(root.get("deleteTimers").asBoolean());
    }
    if (root.has("deleteSets")) {
      b.deleteSets(root.get("deleteSets").asBoolean());
    }
    if (root.has("gaugesMaxTTL")) {
      b.gaugesMaxTtl(root.get("gaugesMaxTTL").asInt());
    }
    if (root.has("prefixStats")) {
      b.prefixStats(root.get("prefixStats").asText());
    }
    if (root.has("flush_counts")) {
      b.flushCounts(root.get("flush_counts").asBoolean());
    }
    JsonNode histogram = root.get("histogram");
    if (histogram != null && histogram.isArray()) {
      List<StatsdConfig.HistogramRule> rules = new ArrayList<>();
      for (JsonNode rule : histogram) {
        List<Double> bins = new ArrayList<>();
        for (JsonNode bin : rule.path("bins")) {
          bins.add(bin.isTextual() && bin.asText().equals("inf") ? Double.POSITIVE_INFINITY : bin.asDouble());
        }
        rules.add(new StatsdConfig.HistogramRule(rule.path("metric").asText(""), bins));
      }
      b.histogram(rules);
    }
    JsonNode calculated = root.get("calculatedTimerMetrics");
    if (calculated != null && calculated.isArray()) {
      List<String> names = new ArrayList<>();
      calculated.forEach(n -> names.add(n.asText()));
      b.calculatedTimerMetrics(names);
    }
    if (root.has("timerSignificantDigits")) {
      b.timerSignificantDigits(number(root, "timerSignificantDigits").intValue());
    }
    JsonNode graphite = root.path("graphite");
    if (graphite.has("legacyNamespace")) {
      b.legacyNamespace(graphite.get("legacyNamespace").asBoolean());
    }
    if (graphite.has("globalPrefix")) {
      b.globalPrefix(graphite.get("globalPrefix").asText());
    }
    if (graphite.has("prefixCounter")) {
      b.prefixCounter(graphite.get("prefixCounter").asText());
    }
    if (graphite.has("prefixTimer")) {
      b.prefixTimer(graphite.get("prefixTimer").asText());
    }
    if (graphite.has("prefixGauge")) {
      b.prefixGauge(graphite.get("prefixGauge").asText());
    }
    if (graphite.has("prefixSet")) {
      b.prefixSet(graphite.get("prefixSet").asText());
    }
    if (graphite.has("globalSuffix")) {
      b.globalSuffix(graphite.get("globalSuffix").asText());
    }
    return new EtsyConfigFile(b.build(),
        root.has("port") ? number(root, "port").intValue() : null,
        root.has("address") ? root.get("address").asText() : null,
        root.has("graphiteHost") ? root.get("graphiteHost").asText() : null,
        root.has("graphitePort") ? number(root, "graphitePort").intValue() : null);
  }

  private static Number number(JsonNode root, String key) throws IOException {
    JsonNode n = root.get(key);
    if (!n.isNumber()) {
      throw new IOException("option '" + key + "' must be a number, got " + n);
    }
    return n.numberValue();
  }
}
