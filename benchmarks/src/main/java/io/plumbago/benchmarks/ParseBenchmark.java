package io.plumbago.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.plumbago.carbon.codec.PlaintextLineParser;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.aggregate.Aggregator;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The per-line cost of carbon's plaintext parser and of StatsD's parse-and-aggregate. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class ParseBenchmark {
  private final PlaintextLineParser parser = new PlaintextLineParser();
  private final ByteBuf line = Unpooled.copiedBuffer("servers.web01.cpu.user 12.5 1700000000",
      StandardCharsets.UTF_8);
  private final byte[] lineBytes = "servers.web01.cpu.user 12.5 1700000000".getBytes(StandardCharsets.US_ASCII);
  private final Aggregator aggregator = new Aggregator(StatsdConfig.defaults());
  private io.plumbago.carbon.PointSink sink;

  /** One sink for the whole run, so the benchmark measures parsing and not a lambda per call. */
  @org.openjdk.jmh.annotations.Setup
  public void setUp(Blackhole hole) {
    sink = (m, t, v) -> hole.consume(m);
  }

  /** One carbon plaintext line parsed into a sink. */
  @Benchmark
  public boolean carbonPlaintextLine() {
    return parser.parse(line, 1_700_000_000L, sink);
  }

  /** The same line as the TCP receiver parses it: in place, in the connection's array. */
  @Benchmark
  public boolean carbonPlaintextLineInArray() {
    return parser.parse(lineBytes, 0, lineBytes.length, 1_700_000_000L, sink);
  }

  /** One StatsD datagram with a counter, a timer and a gauge. */
  @Benchmark
  public void statsdPacket() {
    aggregator.handlePacket("api.requests:1|c|@0.5\napi.latency:12|ms\napi.queue:7|g");
  }
}
