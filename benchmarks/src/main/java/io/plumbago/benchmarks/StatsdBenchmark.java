package io.plumbago.benchmarks;

import io.plumbago.carbon.PointSink;
import io.plumbago.statsd.EventSink;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.aggregate.Aggregator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * StatsD parse-and-aggregate on one thread, in metrics per second: 30-line datagrams (as the side-by-side script
 * sends them) handed to the aggregator as bytes, the way the UDP handler does, over 3 000 distinct keys.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class StatsdBenchmark {
  private static final int LINES = 30;
  private static final int DATAGRAMS = 100;
  private Aggregator aggregator;
  private byte[][] counters;
  private byte[][] mixed;
  private PointSink sink;
  private int next;
  private long flushAt;

  @Setup
  public void setUp(Blackhole hole) {
    aggregator = new Aggregator(StatsdConfig.defaults(), EventSink.NONE, 0);
    sink = (m, t, v) -> hole.consume(v);
    counters = new byte[DATAGRAMS][];
    mixed = new byte[DATAGRAMS][];
    for (int d = 0; d < DATAGRAMS; d++) {
      StringBuilder c = new StringBuilder();
      StringBuilder m = new StringBuilder();
      for (int l = 0; l < LINES; l++) {
        int key = d * LINES + l;
        c.append("app.web").append(key % 50).append(".requests.status_").append(key).append(":1|c\n");
        switch (l % 5) {
          case 0 -> m.append("app.api").append(key).append(".latency:").append(key % 997).append(".5|ms\n");
          case 1 -> m.append("app.api").append(key).append(".queue:").append(key % 13).append("|g\n");
          case 2 -> m.append("app.api").append(key).append(".sampled:1|c|@0.1\n");
          default -> m.append("app.api").append(key).append(".hits:").append(l).append("|c\n");
        }
      }
      counters[d] = c.toString().getBytes(StandardCharsets.UTF_8);
      mixed[d] = m.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** Counters only: {@code key:1|c}. */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void counters() {
    byte[] datagram = counters[next++ % DATAGRAMS];
    aggregator.handlePacket(datagram, 0, datagram.length);
  }

  /** Counters (some sampled), gauges and timers, flushed every 20 000 datagrams (the flush's cost included). */
  @Benchmark
  @OperationsPerInvocation(LINES)
  public void mixed() {
    byte[] datagram = mixed[next++ % DATAGRAMS];
    aggregator.handlePacket(datagram, 0, datagram.length);
    if (++flushAt % 20_000 == 0) {
      aggregator.flush(flushAt, sink);
    }
  }
}
