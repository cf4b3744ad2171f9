package io.plumbago.carbon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * carbon-aggregator: points matching an {@link AggregationRule} are buffered per output name and interval
 * ({@code timestamp - timestamp % frequency}); every {@code frequency} seconds each interval that received points is
 * emitted as {@code (interval start, method(all its values))}. Values are kept, so a late point re-emits a corrected
 * aggregate; intervals more than five frequencies old are dropped. With {@code forwardAll} (carbon's default) each
 * input point is also passed on unless its own name is one of the outputs it fed. Call {@link #tick} from a timer
 * (once a second is enough). Thread-safe.
 */
public final class CarbonAggregator implements PointSink {
  private static final int MAX_AGGREGATION_INTERVALS = 5;

  private static final class Buffer {
    final AggregationRule rule;
    final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    long lastEmitSeconds;

    Buffer(AggregationRule rule, long createdSeconds) {
      this.rule = rule;
      this.lastEmitSeconds = createdSeconds;
    }
  }

  private static final class Bucket {
    double[] values = new double[4];
    int count;
    boolean active;

    void add(double value) {
      if (count == values.length) {
        values = Arrays.copyOf(values, count * 2);
      }
      values[count++] = value;
      active = true;
    }
  }

  private final List<AggregationRule> rules;
  private final PointSink output;
  private final boolean forwardAll;
  private final LongSupplier nowSeconds;
  private final Map<String, Buffer> buffers = new LinkedHashMap<>();

  /**
   * Aggregates by {@code rules} into {@code output}, forwarding inputs too when {@code forwardAll}; a buffer's first
   * emission is a frequency after it began, by {@code nowSeconds}.
   */
  public CarbonAggregator(List<AggregationRule> rules, PointSink output, boolean forwardAll, LongSupplier nowSeconds) {
    this.rules = List.copyOf(rules);
    this.output = Objects.requireNonNull(output);
    this.forwardAll = forwardAll;
    this.nowSeconds = Objects.requireNonNull(nowSeconds);
  }

  @Override
  public void accept(String metric, long timestampSeconds, double value) {
    List<String> outputs = new ArrayList<>(2);
    synchronized (buffers) {
      for (AggregationRule rule : rules) {
        String name = rule.outputFor(metric);
        if (name == null) {
          continue;
        }
        outputs.add(name);
        Buffer buffer = buffers.computeIfAbsent(name, n -> new Buffer(rule, nowSeconds.getAsLong()));
        long interval = timestampSeconds - Math.floorMod(timestampSeconds, buffer.rule.frequencySeconds());
        buffer.buckets.computeIfAbsent(interval, i -> new Bucket()).add(value);
      }
    }
    if (forwardAll && !outputs.contains(metric)) {
      output.accept(metric, timestampSeconds, value);
    }
  }

  /** Passes the end of the producer's batch on to the output (the points forwarded unaggregated). */
  @Override
  public void endOfBatch() {
    output.endOfBatch();
  }

  /**
   * Emits the aggregates whose frequency has elapsed at {@code nowSeconds}, then drops intervals older than five
   * frequencies and buffers left empty.
   */
  public void tick(long nowSeconds) {
    List<Object[]> emit = new ArrayList<>();
    synchronized (buffers) {
      Iterator<Map.Entry<String, Buffer>> it = buffers.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<String, Buffer> e = it.next();
        Buffer buffer = e.getValue();
        int frequency = buffer.rule.frequencySeconds();
        if (nowSeconds - buffer.lastEmitSeconds < frequency) {
          continue;
        }
        buffer.lastEmitSeconds = nowSeconds;
        for (Map.Entry<Long, Bucket> b : buffer.buckets.entrySet()) {
          if (b.getValue().active) {
            b.getValue().active = false;
            emit.add(new Object[] {e.getKey(), b.getKey(),
                buffer.rule.aggregate(b.getValue().values, b.getValue().count)});
          }
        }
        long current = nowSeconds - Math.floorMod(nowSeconds, frequency);
        buffer.buckets.headMap(current - (long) MAX_AGGREGATION_INTERVALS * frequency).clear();
        if (buffer.buckets.isEmpty()) {
          it.remove();
        }
      }
    }
    for (Object[] point : emit) {
      output.accept((String) point[0], (Long) point[1], (Double) point[2]);
    }
    output.endOfBatch();
  }

  /** Output names with buffered intervals right now. */
  public int bufferCount() {
    synchronized (buffers) {
      return buffers.size();
    }
  }
}
