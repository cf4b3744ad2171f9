package io.plumbago.statsd.aggregate;

import io.plumbago.carbon.PointSink;
import io.plumbago.statsd.EventSink;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.StatsdEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Etsy statsd's {@code handlePacket} and flush: parses lines in Etsy's order ({@code |#} tags, then {@code :} value
 * sections, then {@code |} fields), aggregates counters, timers, gauges and sets, and at each flush emits the values
 * with Etsy's graphite backend names. Thread-safe: a single lock guards the state, and a flush swaps the interval's
 * state out under it, so no sample is counted in two intervals or lost between them.
 *
 * <p>Differences from Etsy 0.9, on purpose: a sample rate of zero is a bad line (Etsy counts it as infinity).
 */
public final class Aggregator {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern NOT_KEY_CHAR = Pattern.compile("[^a-zA-Z_\\-0-9.;=]");

  private final StatsdConfig config;
  private final EventSink events;
  private long eventsTotal;
  private long serviceChecksTotal;
  private final String badLinesKey;
  private final String packetsKey;
  private final String metricsKey;
  private final String lagKey;
  private LinkedHashMap<String, Double> counters = new LinkedHashMap<>();
  private LinkedHashMap<String, DoubleList> timers = new LinkedHashMap<>();
  private LinkedHashMap<String, Double> timerCounters = new LinkedHashMap<>();
  private final LinkedHashMap<String, Double> gauges = new LinkedHashMap<>();
  private final Map<String, Integer> gaugeTtls = new java.util.HashMap<>();
  private LinkedHashMap<String, Set<String>> sets = new LinkedHashMap<>();
  private long previousFlushSeconds = -1;
  // Etsy's graphiteStats, describing the previous flush's hand-over to the sink; only the flushing thread uses them.
  private long lastWriteSeconds;
  private long lastWriteMillis;
  private long lastWriteLength;
  private long packetsTotal;
  private long metricsTotal;
  private long badLinesTotal;

  /** An aggregator with {@code config}'s naming and thresholds, ignoring DogStatsD events, started now. */
  public Aggregator(StatsdConfig config) {
    this(config, EventSink.NONE, Math.round(System.currentTimeMillis() / 1000.0));
  }

  /**
   * An aggregator with {@code config}'s naming and thresholds, handing DogStatsD events to {@code events}, started at
   * {@code startedSeconds} (Etsy's first {@code graphiteStats.last_flush}).
   */
  public Aggregator(StatsdConfig config, EventSink events, long startedSeconds) {
    this.config = config;
    this.events = events;
    this.lastWriteSeconds = startedSeconds;
    this.badLinesKey = config.prefixStats() + ".bad_lines_seen";
    this.packetsKey = config.prefixStats() + ".packets_received";
    this.metricsKey = config.prefixStats() + ".metrics_received";
    this.lagKey = config.prefixStats() + ".timestamp_lag";
    resetInternalCounters(counters);
  }

  /** Handles one datagram (or one TCP chunk of whole lines). */
  public synchronized void handlePacket(String packet) {
    packetsTotal++;
    counters.merge(packetsKey, 1.0, Double::sum);
    for (String line : packet.split("\n", -1)) {
      if (!line.isEmpty()) {
        metricsTotal++;
        counters.merge(metricsKey, 1.0, Double::sum);
        handleLine(line);
      }
    }
  }

  private void handleLine(String line) {
    // DogStatsD events and service checks: accepted and counted (Etsy would count them as bad lines); events go to
    // the event sink; neither becomes a metric.
    if (DogStatsdLines.isEvent(line)) {
      StatsdEvent event = DogStatsdLines.event(line);
      if (event == null) {
        bad();
      } else {
        eventsTotal++;
        events.event(event);
      }
      return;
    }
    if (DogStatsdLines.isServiceCheck(line)) {
      if (DogStatsdLines.validServiceCheck(line)) {
        serviceChecksTotal++;
      } else {
        bad();
      }
      return;
    }
    // Etsy: line.split('|#'); anything after a second '|#' is ignored.
    int tagAt = line.indexOf("|#");
    String metricPart = tagAt < 0 ? line : line.substring(0, tagAt);
    String tagPart = "";
    if (tagAt >= 0) {
      int next = line.indexOf("|#", tagAt + 2);
      tagPart = next < 0 ? line.substring(tagAt + 2) : line.substring(tagAt + 2, next);
    }
    String[] bits = metricPart.split(":", -1);
    String key = bits[0];
    if (!tagPart.isEmpty()) {
      StringBuilder tagged = new StringBuilder(key);
      for (String tag : tagPart.split(",", -1)) {
        tagged.append(';').append(replaceFirst(replaceFirst(tag, ';', '_'), ':', '='));
      }
      key = tagged.toString();
    }
    key = sanitize(key);
    if (bits.length == 1) {
      bad();
      return;
    }
    for (int i = 1; i < bits.length; i++) {
      handleSection(key, bits[i].split("\\|", -1));
    }
  }

  private void handleSection(String key, String[] fields) {
    if (fields.length < 2) {
      bad();
      return;
    }
    String value = fields[0];
    String rawType = fields[1];
    double sampleRate = 1;
    if (fields.length > 2) {
      sampleRate = sampleRate(fields[2]);
      if (!(sampleRate > 0)) {
        bad();
        return;
      }
    }
    // Etsy validates against the type as sent and dispatches on the trimmed type ("x:1|c\r" is a counter).
    boolean valid = switch (rawType) {
      case "s" -> true;
      case "ms" -> JsNumber.isNumber(value) && JsNumber.parse(value) >= 0;
      default -> JsNumber.isNumber(value);
    };
    if (!valid) {
      bad();
      return;
    }
    switch (rawType.strip()) {
      case "s" -> sets.computeIfAbsent(key, k -> new HashSet<>()).add(value.isEmpty() ? "0" : value);
      case "g" -> {
        Double current = gauges.get(key);
        double number = JsNumber.parse(value);
        boolean signed = value.startsWith("+") || value.startsWith("-");
        // JavaScript truthiness: a gauge at 0 (or NaN) takes a signed value as absolute.
        if (current != null && current != 0 && !current.isNaN() && signed) {
          gauges.put(key, current + number);
        } else {
          gauges.put(key, number);
        }
        gaugeTtls.put(key, config.gaugesMaxTtl());
      }
      case "ms" -> {
        timers.computeIfAbsent(key, k -> new DoubleList()).add(JsNumber.parse(value));
        timerCounters.merge(key, 1 / sampleRate, Double::sum);
      }
      default -> {
        // JavaScript: `if (!counters[key]) counters[key] = 0` also restarts a counter that became NaN.
        Double current = counters.get(key);
        double base = current == null || current.isNaN() ? 0 : current;
        counters.put(key, base + JsNumber.parse(value) * (1 / sampleRate));
      }
    }
  }

  /**
   * Etsy's sample rate: valid when {@code @} is followed by a JavaScript number not starting with {@code -}; the rate
   * is the digits-and-dots prefix of it ({@code @1e-3} is a rate of 1, as in Etsy). NaN for an invalid rate; 0 (which
   * Etsy turns into an infinite count) is refused by the caller.
   */
  private static double sampleRate(String field) {
    if (field.length() < 2 || field.charAt(0) != '@') {
      return Double.NaN;
    }
    String number = field.substring(1);
    if (!JsNumber.isNumber(number) || number.charAt(0) == '-') {
      return Double.NaN;
    }
    int end = 0;
    while (end < number.length() && (Character.isDigit(number.charAt(end)) || number.charAt(end) == '.')
        && number.charAt(end) < 128) {
      end++;
    }
    return end == 0 ? Double.NaN : JsNumber.parse(number.substring(0, end));
  }

  private void bad() {
    badLinesTotal++;
    counters.merge(badLinesKey, 1.0, Double::sum);
  }

  /** Etsy's {@code sanitizeKeyName}. */
  public static String sanitize(String key) {
    boolean clean = true;
    for (int i = 0; i < key.length() && clean; i++) {
      char c = key.charAt(i);
      clean = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
          || c == '.' || c == ';' || c == '=';
    }
    if (clean) {
      return key;
    }
    String s = WHITESPACE.matcher(key).replaceAll("_").replace('/', '-');
    return NOT_KEY_CHAR.matcher(s).replaceAll("");
  }

  private static String replaceFirst(String s, char from, char to) {
    int i = s.indexOf(from);
    return i < 0 ? s : s.substring(0, i) + to + s.substring(i + 1);
  }

  /** Lifetime totals: packets, lines, bad lines, DogStatsD events, DogStatsD service checks. */
  public synchronized long[] totals() {
    return new long[] {packetsTotal, metricsTotal, badLinesTotal, eventsTotal, serviceChecksTotal};
  }

  /**
   * Ends the interval at {@code nowSeconds}: swaps the interval's state out, computes Etsy's values and hands them to
   * {@code sink} stamped {@code nowSeconds}. Counters restart at 0 and timers and sets empty, their keys kept; gauges
   * keep their value (Etsy's defaults, without {@code deleteIdleStats}).
   */
  public void flush(long nowSeconds, PointSink sink) {
    long started = System.nanoTime();
    Map<String, Double> flushCounters;
    Map<String, DoubleList> flushTimers;
    Map<String, Double> flushTimerCounters;
    Map<String, Double> flushGauges;
    Map<String, Set<String>> flushSets;
    synchronized (this) {
      if (previousFlushSeconds >= 0) {
        gauges.put(lagKey, nowSeconds - previousFlushSeconds - config.flushIntervalSeconds());
      }
      previousFlushSeconds = nowSeconds;
      flushCounters = counters;
      flushTimers = timers;
      flushTimerCounters = timerCounters;
      flushGauges = new LinkedHashMap<>(gauges);
      flushSets = sets;
      clearAfterFlush(flushCounters, flushTimers, flushSets);
    }
    GraphiteNames names = new GraphiteNames(config);
    Payload out = new Payload(nowSeconds);
    double interval = config.flushIntervalSeconds();
    for (Map.Entry<String, Double> e : flushCounters.entrySet()) {
      out.add(names.counterRate(e.getKey()), e.getValue() / interval);
      if (config.flushCounts()) {
        out.add(names.counterCount(e.getKey()), e.getValue());
      }
    }
    for (Map.Entry<String, DoubleList> e : flushTimers.entrySet()) {
      double count = flushTimerCounters.getOrDefault(e.getKey(), 0.0);
      Map<String, Double> stats = TimerStats.compute(e.getValue().sorted(), count, interval,
          config.percentThresholds(), binsFor(e.getKey()), config.calculatedTimerMetrics());
      for (Map.Entry<String, Double> stat : stats.entrySet()) {
        out.add(names.timer(e.getKey(), stat.getKey()), stat.getValue());
      }
    }
    long processingMillis = (System.nanoTime() - started) / 1_000_000;
    for (Map.Entry<String, Double> e : flushGauges.entrySet()) {
      out.add(names.gauge(e.getKey()), e.getValue());
    }
    for (Map.Entry<String, Set<String>> e : flushSets.entrySet()) {
      out.add(names.setCount(e.getKey()), e.getValue().size());
    }
    int numStats = flushCounters.size() + flushTimers.size() + flushGauges.size() + flushSets.size();
    out.add(names.numStats(), numStats);
    out.add(names.ownStat("graphiteStats.calculationtime"), (System.nanoTime() - started) / 1_000_000);
    out.add(names.ownStat("processing_time"), processingMillis);
    out.add(names.ownStat("graphiteStats.last_exception"), 0);
    out.add(names.ownStat("graphiteStats.last_flush"), lastWriteSeconds);
    out.add(names.ownStat("graphiteStats.flush_time"), lastWriteMillis);
    out.add(names.ownStat("graphiteStats.flush_length"), lastWriteLength);
    long writeStarted = System.nanoTime();
    out.writeTo(sink);
    lastWriteMillis = (System.nanoTime() - writeStarted) / 1_000_000;
    lastWriteLength = out.textLength;
    lastWriteSeconds = nowSeconds;
  }

  /**
   * One flush's lines, held until every value is known so the sink gets them in one batch, with the length Etsy's
   * plaintext payload would have ({@code graphiteStats.flush_length}).
   */
  private static final class Payload {
    private final long timestampSeconds;
    private final int timestampLength;
    private final List<String> names = new ArrayList<>();
    private double[] values = new double[64];
    private long textLength;

    Payload(long timestampSeconds) {
      this.timestampSeconds = timestampSeconds;
      this.timestampLength = Long.toString(timestampSeconds).length();
    }

    void add(String name, double value) {
      if (names.size() == values.length) {
        values = Arrays.copyOf(values, values.length * 2);
      }
      values[names.size()] = value;
      names.add(name);
      // "<name> <value> <ts>\n"
      textLength += name.length() + JsNumber.format(value).length() + timestampLength + 3;
    }

    void writeTo(PointSink sink) {
      for (int i = 0; i < names.size(); i++) {
        sink.accept(names.get(i), timestampSeconds, values[i]);
      }
      sink.endOfBatch();
    }
  }

  /** Etsy's {@code clear_metrics}: what survives into the next interval, under each {@code delete*} option. */
  private void clearAfterFlush(Map<String, Double> flushed, Map<String, DoubleList> flushedTimers,
      Map<String, Set<String>> flushedSets) {
    counters = new LinkedHashMap<>();
    resetInternalCounters(counters);
    if (!config.deleteCounters()) {
      for (String key : flushed.keySet()) {
        counters.putIfAbsent(key, 0.0);
      }
    }
    timers = new LinkedHashMap<>();
    timerCounters = new LinkedHashMap<>();
    if (!config.deleteTimers()) {
      for (String key : flushedTimers.keySet()) {
        timers.put(key, new DoubleList());
        timerCounters.put(key, 0.0);
      }
    }
    sets = new LinkedHashMap<>();
    if (!config.deleteSets()) {
      for (String key : flushedSets.keySet()) {
        sets.put(key, new HashSet<>());
      }
    }
    if (config.deleteGauges()) {
      var it = gauges.keySet().iterator();
      while (it.hasNext()) {
        String key = it.next();
        if (key.equals(lagKey)) {
          continue; // statsd's own lag gauge is never aged out
        }
        int ttl = gaugeTtls.getOrDefault(key, config.gaugesMaxTtl()) - 1;
        if (ttl < 1) {
          it.remove();
          gaugeTtls.remove(key);
        } else {
          gaugeTtls.put(key, ttl);
        }
      }
    }
  }

  /** The bins of the first histogram rule whose metric is part of {@code key}, or none. */
  private List<Double> binsFor(String key) {
    for (StatsdConfig.HistogramRule rule : config.histogram()) {
      if (key.contains(rule.metric())) {
        return rule.bins();
      }
    }
    return List.of();
  }

  private void resetInternalCounters(Map<String, Double> into) {
    into.put(badLinesKey, 0.0);
    into.put(packetsKey, 0.0);
    into.put(metricsKey, 0.0);
  }

  /** A growable list of doubles, so timers do not box each sample. */
  static final class DoubleList {
    private double[] values = new double[8];
    private int size;

    void add(double value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    double[] sorted() {
      double[] copy = Arrays.copyOf(values, size);
      Arrays.sort(copy);
      return copy;
    }
  }

  /** The timer statistics of {@code process_metrics.js}, in Etsy's emission order. */
  static final class TimerStats {
    private static final Pattern PERCENT_SUFFIX = Pattern.compile("_(top)?\\d+$");

    private TimerStats() {}

    static Map<String, Double> compute(double[] values, double count, double interval, List<Double> thresholds,
        List<Double> bins, List<String> calculated) {
      Map<String, Double> out = compute(values, count, interval, thresholds, bins);
      if (!calculated.isEmpty()) {
        // Etsy's filter_timer_metrics: count_90 and upper_top10 are asked for as count_percent and upper_percent.
        out.keySet().removeIf(stat -> {
          int dot = stat.indexOf('.');
          String top = dot < 0 ? stat : stat.substring(0, dot);
          return !calculated.contains(PERCENT_SUFFIX.matcher(top).replaceFirst("_percent"));
        });
      }
      return out;
    }

    private static Map<String, Double> compute(double[] values, double count, double interval,
        List<Double> thresholds, List<Double> bins) {
      Map<String, Double> out = new LinkedHashMap<>();
      int n = values.length;
      if (n == 0) {
        out.put("count_ps", count / interval);
        out.put("count", count);
        return out;
      }
      double[] cumulative = new double[n];
      double[] cumulativeSquares = new double[n];
      for (int i = 0; i < n; i++) {
        cumulative[i] = (i == 0 ? 0 : cumulative[i - 1]) + values[i];
        cumulativeSquares[i] = (i == 0 ? 0 : cumulativeSquares[i - 1]) + values[i] * values[i];
      }
      double sum = cumulative[n - 1];
      double sumSquares = cumulativeSquares[n - 1];
      double mean = sum / n;
      for (double pct : thresholds) {
        String suffix = thresholdName(pct);
        double boundary;
        double pctSum;
        double pctSquares;
        int k;
        if (n > 1) {
          k = (int) Math.round(Math.abs(pct) / 100 * n);
          if (k == 0) {
            continue;
          }
          if (pct > 0) {
            boundary = values[k - 1];
            pctSum = cumulative[k - 1];
            pctSquares = cumulativeSquares[k - 1];
          } else {
            boundary = values[n - k];
            pctSum = sum - (n - k > 0 ? cumulative[n - k - 1] : 0);
            pctSquares = sumSquares - (n - k > 0 ? cumulativeSquares[n - k - 1] : 0);
          }
        } else {
          k = 1;
          boundary = values[0];
          pctSum = values[0];
          pctSquares = values[0] * values[0];
        }
        out.put("count_" + suffix, (double) k);
        out.put("mean_" + suffix, pctSum / k);
        out.put((pct > 0 ? "upper_" : "lower_") + suffix, boundary);
        out.put("sum_" + suffix, pctSum);
        out.put("sum_squares_" + suffix, pctSquares);
      }
      double variance = 0;
      for (double v : values) {
        variance += (v - mean) * (v - mean);
      }
      out.put("std", Math.sqrt(variance / n));
      out.put("upper", values[n - 1]);
      out.put("lower", values[0]);
      out.put("count", count);
      out.put("count_ps", count / interval);
      out.put("sum", sum);
      out.put("sum_squares", sumSquares);
      out.put("mean", mean);
      out.put("median", n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2);
      // Etsy's bins: values below each upper bound not counted by an earlier bin; 'inf' takes the rest.
      int v = 0;
      for (double bin : bins) {
        int freq = 0;
        while (v < n && (bin == Double.POSITIVE_INFINITY || values[v] < bin)) {
          freq++;
          v++;
        }
        out.put("histogram.bin_" + binName(bin), (double) freq);
      }
      return out;
    }

    /** {@code String(bin).replace('.', '_')}: 100, 7_5, inf. */
    static String binName(double bin) {
      if (bin == Double.POSITIVE_INFINITY) {
        return "inf";
      }
      String text = bin == Math.rint(bin) ? Long.toString((long) bin) : Double.toString(bin);
      return replaceFirst(text, '.', '_');
    }

    /** {@code String(pct).replace('.', '_').replace('-', 'top')}: 90, 99_9, top10. */
    static String thresholdName(double pct) {
      String text = pct == Math.rint(pct) ? Long.toString((long) pct) : Double.toString(pct);
      return replaceFirst(text, '.', '_').replaceFirst("-", "top");
    }
  }

  /** Names of flushed metrics, as Etsy's graphite backend builds them. */
  static final class GraphiteNames {
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
}
