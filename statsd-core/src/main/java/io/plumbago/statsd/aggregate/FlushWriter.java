package io.plumbago.statsd.aggregate;

import io.plumbago.carbon.PointSink;
import io.plumbago.statsd.StatsdConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Writes one flush's values to the sink as Etsy's graphite backend names them, in Etsy's order, followed by statsd's
 * and the backend's measurements of themselves ({@code graphiteStats.*}, which describe the previous flush). Used by
 * the flushing thread only.
 */
final class FlushWriter {
  private final StatsdConfig config;
  private final GraphiteNames names;
  private long lastWriteSeconds;
  private long lastWriteMillis;
  private long lastWriteLength;

  /** {@code startedSeconds} is Etsy's first {@code graphiteStats.last_flush}. */
  FlushWriter(StatsdConfig config, long startedSeconds) {
    this.config = config;
    this.names = new GraphiteNames(config);
    this.lastWriteSeconds = startedSeconds;
  }

  void write(long nowSeconds, PointSink sink, long started, double[] own, String[] ownKeys,
      List<Shard.Flushed> counters, Shard.Drained drained) {
    Payload out = new Payload(nowSeconds);
    double interval = config.flushIntervalSeconds();
    for (int i = 0; i < own.length; i++) {
      counter(out, ownKeys[i], own[i], interval);
    }
    for (Shard.Flushed f : counters) {
      counter(out, f.key(), f.value(), interval);
    }
    for (Shard.Flushed f : drained.timers()) {
      var stats = TimerStats.compute(f.sorted(), f.value(), interval, config.percentThresholds(),
          binsFor(f.key()), config.calculatedTimerMetrics());
      for (var stat : stats.entrySet()) {
        out.add(names.timer(f.key(), stat.getKey()), stat.getValue());
      }
    }
    long processingMillis = (System.nanoTime() - started) / 1_000_000;
    for (Shard.Flushed f : drained.gauges()) {
      out.add(names.gauge(f.key()), f.value());
    }
    for (Shard.Flushed f : drained.sets()) {
      out.add(names.setCount(f.key()), f.value());
    }
    int numStats = own.length + counters.size() + drained.timers().size() + drained.gauges().size()
        + drained.sets().size();
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

  private void counter(Payload out, String key, double value, double interval) {
    out.add(names.counterRate(key), value / interval);
    if (config.flushCounts()) {
      out.add(names.counterCount(key), value);
    }
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

  /** The bins of the first histogram rule whose metric is part of {@code key}, or none. */
  private List<Double> binsFor(String key) {
    for (StatsdConfig.HistogramRule rule : config.histogram()) {
      if (key.contains(rule.metric())) {
        return rule.bins();
      }
    }
    return List.of();
  }
}
