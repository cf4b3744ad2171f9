package io.plumbago.benchmarks;

import io.plumbago.whisper.AggregationMethod;
import io.plumbago.whisper.FetchResult;
import io.plumbago.whisper.Retention;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import io.plumbago.whisper.WhisperFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * whisper's work on the stack's default retention {@code 10s:6h,1m:7d,10m:5y} (average): update_many of a cache
 * drain (60 points) and of six hours (2160 points) into an open file; single-point updates spread over 10 000 files
 * through {@link WhisperDatabase} (open, update, close, as carbon's writer does); fetch of 1 h, 6 h and 7 d from a
 * file holding 7 days. {@code scripts/whisper-vs-python.sh} runs the same work through whisper.py.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.OPENS_REFLECT, JvmFlags.OPENS_NIO, JvmFlags.EXPORTS_REF})
public class WhisperBenchmark {
  static final String RETENTIONS = "10s:6h,1m:7d,10m:5y";
  static final int FILES = 10_000;
  static final long START = 1_700_000_000L;

  /** A fresh file that update_many writes ever later points into. */
  @State(Scope.Thread)
  public static class OpenFile {
    Path dir;
    WhisperFile file;
    final long[] timestamps = new long[2160];
    final double[] values = new double[2160];
    long now = START;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("whisper-bench");
      file = WhisperFile.create(dir.resolve("m.wsp"), Retention.parseList(RETENTIONS), 0.5f,
          AggregationMethod.AVERAGE, false);
    }

    void updateMany(int n) {
      now += n * 10L;
      for (int i = 0; i < n; i++) {
        timestamps[i] = now - n * 10L + i * 10L;
        values[i] = i;
      }
      file.updateMany(timestamps, values, n, now);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      file.close();
      deleteTree(dir);
    }
  }

  /** A file holding seven days of 10 s points. */
  @State(Scope.Thread)
  public static class FullFile extends OpenFile {
    long fullNow;

    @Override
    @Setup(Level.Trial)
    public void setUp() throws IOException {
      super.setUp();
      for (int day = 0; day < 7 * 4; day++) {
        updateMany(2160);
      }
      fullNow = now;
    }
  }

  /** 10 000 metrics in a whisper tree, one point each. */
  @State(Scope.Thread)
  public static class Tree {
    Path dir;
    WhisperDatabase database;
    final long[] one = new long[1];
    final double[] oneValue = new double[1];
    int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("whisper-tree");
      database = WhisperDatabase.builder(dir)
          .schemas(StorageSchemas.uniform(Retention.parseList(RETENTIONS))).sparse(true).build();
      for (int i = 0; i < FILES; i++) {
        database.write(metric(i), new long[] {START}, new double[] {1}, 1, START);
      }
      // Write the set-up's dirty pages back now: otherwise the kernel does it during the measurement and writes
      // to pages under writeback wait for the disk. The python side of the script syncs at the same point.
      try {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
      database.close();
      deleteTree(dir);
    }
  }

  static String metric(int i) {
    return "bench.host" + (i / 100) + ".metric" + (i % 100);
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** update_many of 60 points (ten minutes at 10 s), ten minutes after the last. */
  @Benchmark
  public void updateMany60(OpenFile state) {
    state.updateMany(60);
  }

  /** update_many of 2160 points (six hours at 10 s), six hours after the last. */
  @Benchmark
  public void updateMany2160(OpenFile state) {
    state.updateMany(2160);
  }

  /** One point into the next of 10 000 files through the database, as carbon's writer does. */
  @Benchmark
  public void singleUpdateAcross10kFiles(Tree tree) throws IOException {
    int i = tree.next++ % FILES;
    tree.one[0] = START + (long) (tree.next / FILES + 1) * 10L;
    tree.oneValue[0] = i;
    tree.database.write(metric(i), tree.one, tree.oneValue, 1, tree.one[0]);
  }

  /** Fetch of the last hour (360 points of the 10 s archive). */
  @Benchmark
  public FetchResult fetch1h(FullFile full) {
    return full.file.fetch(full.fullNow - 3600, full.fullNow, full.fullNow);
  }

  /** Fetch of the last six hours (2160 points of the 10 s archive). */
  @Benchmark
  public FetchResult fetch6h(FullFile full) {
    return full.file.fetch(full.fullNow - 21_600, full.fullNow, full.fullNow);
  }

  /** Fetch of the last seven days (10080 points of the 1 min archive). */
  @Benchmark
  public FetchResult fetch7d(FullFile full) {
    return full.file.fetch(full.fullNow - 7 * 86_400, full.fullNow, full.fullNow);
  }
}
