package io.plumbago.benchmarks;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import io.plumbago.client.StatsdClient;
import java.net.DatagramSocket;
import java.net.InetAddress;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost to the calling thread of one {@code count()} with two tags: client-sdk's {@link StatsdClient} against
 * DataDog's java-dogstatsd-client, from one and from four threads, feature for feature: both aggregating counters on
 * the client (java-dogstatsd-client's default), and both sending every call as a line. Both send over UDP to a local
 * socket nobody reads. Run with {@code -prof gc} for bytes allocated per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class ClientBenchmark {
  private DatagramSocket sink;
  private StatsdClient plumbago;
  private StatsDClient dogstatsd;
  private StatsdClient plumbagoLines;
  private StatsDClient dogstatsdLines;

  /** Both clients, pointed at one socket that is never read. */
  @Setup
  public void setUp() throws Exception {
    sink = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    plumbago = StatsdClient.builder().host("127.0.0.1").port(sink.getLocalPort()).prefix("app")
        .constantTags("service:api").aggregationIntervalMillis(2000).build();
    dogstatsd = new NonBlockingStatsDClientBuilder().prefix("app").hostname("127.0.0.1").port(sink.getLocalPort())
        .constantTags("service:api").build();
    plumbagoLines = StatsdClient.builder().host("127.0.0.1").port(sink.getLocalPort()).prefix("app")
        .constantTags("service:api").build();
    dogstatsdLines = new NonBlockingStatsDClientBuilder().prefix("app").hostname("127.0.0.1")
        .port(sink.getLocalPort()).constantTags("service:api").enableAggregation(false).build();
  }

  /** Closes both clients and says how much of what each was given it sent. */
  @TearDown
  public void tearDown() {
    plumbago.close();
    dogstatsd.close();
    plumbagoLines.close();
    dogstatsdLines.close();
    sink.close();
    System.out.println("plumbago telemetry: aggregating " + plumbago.telemetry() + ", lines "
        + plumbagoLines.telemetry());
  }

  /** client-sdk, one thread. */
  @Benchmark
  @Threads(1)
  public void plumbagoCount1Thread() {
    plumbago.count("requests", 1, "env:prod", "region:us");
  }

  /** client-sdk, four threads. */
  @Benchmark
  @Threads(4)
  public void plumbagoCount4Threads() {
    plumbago.count("requests", 1, "env:prod", "region:us");
  }

  /** java-dogstatsd-client, one thread. */
  @Benchmark
  @Threads(1)
  public void dogstatsdCount1Thread() {
    dogstatsd.count("requests", 1, "env:prod", "region:us");
  }

  /** java-dogstatsd-client, four threads. */
  @Benchmark
  @Threads(4)
  public void dogstatsdCount4Threads() {
    dogstatsd.count("requests", 1, "env:prod", "region:us");
  }

  /** client-sdk without aggregation, one thread. */
  @Benchmark
  @Threads(1)
  public void plumbagoLinesCount1Thread() {
    plumbagoLines.count("requests", 1, "env:prod", "region:us");
  }

  /** client-sdk without aggregation, four threads. */
  @Benchmark
  @Threads(4)
  public void plumbagoLinesCount4Threads() {
    plumbagoLines.count("requests", 1, "env:prod", "region:us");
  }

  /** java-dogstatsd-client without aggregation, one thread. */
  @Benchmark
  @Threads(1)
  public void dogstatsdLinesCount1Thread() {
    dogstatsdLines.count("requests", 1, "env:prod", "region:us");
  }

  /** java-dogstatsd-client without aggregation, four threads. */
  @Benchmark
  @Threads(4)
  public void dogstatsdLinesCount4Threads() {
    dogstatsdLines.count("requests", 1, "env:prod", "region:us");
  }
}
