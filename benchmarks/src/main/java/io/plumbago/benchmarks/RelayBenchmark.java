package io.plumbago.benchmarks;

import io.plumbago.carbon.ConsistentHashRing;
import io.plumbago.carbon.Destination;
import io.plumbago.carbon.codec.PickleMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** The relay's per-point work: a ring lookup (carbon_ch, fnv1a_ch) and decoding a 500-point pickle frame. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class RelayBenchmark {
  private ConsistentHashRing carbonCh;
  private ConsistentHashRing fnv1aCh;
  private final String[] metrics = new String[1024];
  private int next;
  private byte[] frame;
  private final PickleMetrics pickle = new PickleMetrics(1 << 20);

  @Setup
  public void setUp() {
    List<Destination> destinations = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      destinations.add(new Destination("10.0.0." + i, 2004, "cache-" + i));
    }
    carbonCh = ConsistentHashRing.of(destinations, ConsistentHashRing.HashType.CARBON_CH);
    fnv1aCh = ConsistentHashRing.of(destinations, ConsistentHashRing.HashType.FNV1A_CH);
    for (int i = 0; i < metrics.length; i++) {
      metrics[i] = "servers.web" + (i % 50) + ".cpu.core" + i + ".user";
    }
    List<String> names = new ArrayList<>();
    long[] ts = new long[500];
    double[] values = new double[500];
    for (int i = 0; i < 500; i++) {
      names.add(metrics[i]);
      ts[i] = 1_700_000_000L + i;
      values[i] = i * 1.5;
    }
    frame = PickleMetrics.encode(names, ts, values);
  }

  /** One carbon_ch lookup (md5). */
  @Benchmark
  public Destination ringLookupCarbonCh() {
    return carbonCh.nodeFor(metrics[next++ & 1023]);
  }

  /** One fnv1a_ch lookup. */
  @Benchmark
  public Destination ringLookupFnv1aCh() {
    return fnv1aCh.nodeFor(metrics[next++ & 1023]);
  }

  /** One 500-point pickle frame decoded into a sink (divide by 500 for points). */
  @Benchmark
  public int pickleDecode500(Blackhole hole) {
    return pickle.decode(frame, 0, frame.length, 0, (m, t, v) -> hole.consume(m));
  }
}
