package io.plumbago.benchmarks;

import io.plumbago.whisper.AggregationMethod;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * whisper update_many of a cache drain (60 ascending points, 10 minutes at 10 s) and fetch of the last hour, on the
 * stack's default retention {@code 10s:6h,1m:7d,10m:5y}, file kept open (mapped).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class WhisperBenchmark {
  private Path dir;
  private WhisperFile file;
  private final long[] timestamps = new long[60];
  private final double[] values = new double[60];
  private long now = 1_700_000_000L;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("whisper-bench");
    file = WhisperFile.create(dir.resolve("m.wsp"), Retention.parseList("10s:6h,1m:7d,10m:5y"), 0.5f,
        AggregationMethod.AVERAGE, false);
  }

  @TearDown
  public void tearDown() throws IOException {
    file.close();
    Files.deleteIfExists(dir.resolve("m.wsp"));
    Files.deleteIfExists(dir);
  }

  /** One update_many of 60 points, ten minutes later than the last. */
  @Benchmark
  public void updateMany60() {
    now += 600;
    for (int i = 0; i < 60; i++) {
      timestamps[i] = now - 600 + i * 10L;
      values[i] = i;
    }
    file.updateMany(timestamps, values, 60, now);
  }

  /** Fetch of the last hour (360 points of the 10 s archive). */
  @Benchmark
  public FetchResult fetchLastHour() {
    return file.fetch(now - 3600, now, now);
  }
}
