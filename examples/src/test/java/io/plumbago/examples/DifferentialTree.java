package io.plumbago.examples;

import io.plumbago.whisper.StorageAggregation;
import io.plumbago.whisper.StorageSchemas;
import io.plumbago.whisper.WhisperDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * The whisper tree the render differential test reads: the same bytes on every run (fixed seed, fixed {@link #NOW}),
 * so a corpus line that fails, fails the same way again. Most files keep {@code 10s:6h,60s:2d}, so ranges under six
 * hours read the fine archive and longer ones the coarse one; {@code test.other.*} keeps {@code 60s:2d} only, so
 * combining it with 10-second series exercises the lcm step.
 *
 * <pre>
 * test.servers.{web1,web2,web3,db1}.cpu       sine waves, web2 with a None every 37th point, db1 shifted negative
 * test.servers.{web1,web2,web3,db1}.memory    web1 constant 1024, others ramps (db1 negative)
 * test.servers.{web1,web2,web3,db1}.requests  counters (sum aggregation) that reset to 0 once (web1 3 h ago, web3 1 d ago)
 * test.servers.{web1,web2,web3,db1}.errors    mostly 0 with integer spikes (max aggregation)
 * test.servers.{web1,web2,web3,db1}.disk.{sda,sdb}.used   slow ramps with noise
 * test.app.{eu,us}.{frontend,backend}.latency seeded noise with decimals (0.1-style floats)
 * test.other.{a,b,c}                          60 s step: noise, negatives, all zeros
 * test.sparse.{s1,s2}                         one point in 17 (s1), one in 101 (s2); the rest None
 * test.special.{big,tiny,mixed}               1e15-scale, 1e-12-scale, alternating sign and magnitude
 * </pre>
 */
final class DifferentialTree {
  /** The render clock: 2023-11-14 21:19:26 UTC, deliberately not on a 10 s or 60 s boundary. */
  static final long NOW = 1_700_000_000L - 1_700_000_000L % 3600 - 2434;
  private static final long SEED = 20231114L;
  private static final long SIX_HOURS = 6 * 3600;
  private static final long TWO_DAYS = 2 * 86_400;

  private DifferentialTree() {}

  /** Creates every file under {@code whisper}; {@code scratch} holds the two carbon conf files. */
  static void build(Path whisper, Path scratch) throws IOException {
    Path schemas = scratch.resolve("storage-schemas.conf");
    Files.writeString(schemas, String.join("\n",
        "[other]", "pattern = ^test\\.other\\.", "retentions = 60s:2d",
        "[default]", "pattern = .*", "retentions = 10s:6h,60s:2d", ""));
    Path aggregation = scratch.resolve("storage-aggregation.conf");
    Files.writeString(aggregation, String.join("\n",
        "[requests]", "pattern = \\.requests$", "xFilesFactor = 0", "aggregationMethod = sum",
        "[errors]", "pattern = \\.errors$", "xFilesFactor = 0.1", "aggregationMethod = max",
        "[sparse]", "pattern = ^test\\.sparse\\.", "xFilesFactor = 0", "aggregationMethod = last",
        ""));
    try (WhisperDatabase db = WhisperDatabase.builder(whisper).schemas(StorageSchemas.parse(schemas))
        .aggregation(StorageAggregation.parse(aggregation)).build()) {
      String[] hosts = {"web1", "web2", "web3", "db1"};
      for (int h = 0; h < hosts.length; h++) {
        int host = h;
        String base = "test.servers." + hosts[h] + ".";
        double phase = h * 0.7;
        write(db, base + "cpu", 10, t -> {
          if (host == 1 && (t / 10) % 37 == 0) {
            return null;
          }
          return 50 + 40 * Math.sin(t / 600.0 + phase) - (host == 3 ? 70 : 0);
        });
        write(db, base + "memory", 10, t -> host == 0 ? 1024.0 : (host == 3 ? -1 : 1) * (t - NOW + TWO_DAYS) / 100.0);
        long reset = host == 0 ? NOW - 3 * 3600 : host == 2 ? NOW - 86_400 : NOW - TWO_DAYS;
        write(db, base + "requests", 10, t -> (double) ((t >= reset ? t - reset : t - (NOW - TWO_DAYS)) / 10
            * (host + 1)));
        SplittableRandom spikes = new SplittableRandom(SEED + h);
        write(db, base + "errors", 10, t -> spikes.nextInt(20) == 0 ? (double) spikes.nextInt(1, 9) : 0.0);
        for (String disk : new String[] {"sda", "sdb"}) {
          SplittableRandom noise = new SplittableRandom(SEED * 31 + h * 7 + disk.hashCode());
          write(db, base + "disk." + disk + ".used", 10, t -> 1e9 + (t - NOW) * 1000.0 + noise.nextInt(1000));
        }
      }
      int r = 0;
      for (String region : new String[] {"eu", "us"}) {
        for (String tier : new String[] {"frontend", "backend"}) {
          SplittableRandom noise = new SplittableRandom(SEED + 100 + r++);
          write(db, "test.app." + region + "." + tier + ".latency", 10,
              t -> Math.round(noise.nextDouble(0, 500) * 10) / 10.0);
        }
      }
      SplittableRandom other = new SplittableRandom(SEED + 200);
      write(db, "test.other.a", 60, t -> other.nextDouble(-5, 5));
      write(db, "test.other.b", 60, t -> -((t / 60) % 50) - 0.25);
      write(db, "test.other.c", 60, t -> 0.0);
      write(db, "test.sparse.s1", 10, t -> (t / 10) % 17 == 0 ? (double) (t % 1000) : null);
      write(db, "test.sparse.s2", 10, t -> (t / 10) % 101 == 0 ? 3.5 : null);
      SplittableRandom special = new SplittableRandom(SEED + 300);
      write(db, "test.special.big", 10, t -> 1e15 + special.nextDouble() * 1e12);
      write(db, "test.special.tiny", 10, t -> special.nextDouble() * 1e-12);
      write(db, "test.special.mixed", 10, t -> ((t / 10) % 2 == 0 ? 1 : -1) * Math.pow(10, (t / 10) % 7 - 3));
    }
  }

  /**
   * Writes {@code value(t)} (null: no point) every {@code step} seconds over the last six hours and every 60 s over
   * the two days before, as carbon would have written it live; whisper propagates the fine points to the coarse archive.
   */
  private static void write(WhisperDatabase db, String metric, int step, LongFunction<Double> value)
      throws IOException {
    int capacity = (int) (TWO_DAYS / 60 + SIX_HOURS / step + 2);
    long[] times = new long[capacity];
    double[] values = new double[capacity];
    int n = 0;
    long coarseStart = NOW - TWO_DAYS + 120 - (NOW - TWO_DAYS) % 60;
    long fineStart = NOW - SIX_HOURS + 2L * step - (NOW - SIX_HOURS) % step;
    for (long t = coarseStart; t < fineStart; t += 60) {
      n = add(times, values, n, t, value.apply(t));
    }
    for (long t = fineStart; t <= NOW; t += step) {
      n = add(times, values, n, t, value.apply(t));
    }
    db.write(metric, Arrays.copyOf(times, n), Arrays.copyOf(values, n), n, NOW);
  }

  private static int add(long[] times, double[] values, int n, long t, Double v) {
    if (v == null) {
      return n;
    }
    times[n] = t;
    values[n] = v;
    return n + 1;
  }
}
