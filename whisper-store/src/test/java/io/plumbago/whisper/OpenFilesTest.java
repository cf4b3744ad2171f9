package io.plumbago.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database's bounded set of mapped files: bounded, whole points under concurrency, replaced files noticed. */
class OpenFilesTest {
  @TempDir
  Path root;

  private WhisperDatabase database(int maxOpen) {
    return WhisperDatabase.builder(root).schemas(StorageSchemas.uniform(Retention.parseList("1s:60")))
        .maxOpenFiles(maxOpen).build();
  }

  @Test
  void neverMapsMoreThanItsCapacityAndLosesNothingOnEviction() throws IOException {
    try (WhisperDatabase db = database(3)) {
      long now = 1_700_000_000L;
      for (int round = 0; round < 5; round++) {
        for (int m = 0; m < 20; m++) {
          db.write("m" + m, new long[] {now - round}, new double[] {m * 10 + round}, 1, now);
          assertTrue(db.openFiles() <= 3, "mapped " + db.openFiles());
        }
      }
      for (int m = 0; m < 20; m++) {
        FetchResult r = db.fetch("m" + m, now - 5, now, now);
        double[] v = r.values();
        for (int round = 0; round < 5; round++) {
          assertEquals(m * 10 + round, v[v.length - 1 - round], "m" + m + " round " + round);
        }
      }
    }
  }

  @Test
  void readersAlwaysSeeWholePointsWhileAWriterWrites() throws Exception {
    try (WhisperDatabase db = database(4)) {
      long start = 1_700_000_000L;
      db.write("hot", new long[] {start}, new double[] {start * 2.0}, 1, start);
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong writerNow = new AtomicLong(start);
      ExecutorService pool = Executors.newFixedThreadPool(3);
      try {
        Future<Long> writer = pool.submit(() -> {
          long now = start;
          long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
          long[] ts = new long[30];
          double[] vs = new double[30];
          while (System.nanoTime() < deadline && now < start + 2_000_000) {
            now += 30;
            for (int i = 0; i < 30; i++) {
              ts[i] = now - 29 + i;
              vs[i] = ts[i] * 2.0; // every value names its own timestamp
            }
            db.write("hot", ts, vs, 30, now);
            writerNow.set(now);
          }
          writing.set(false);
          return now;
        });
        List<Future<Long>> readers = List.of(pool.submit(() -> read(db, writing, writerNow)),
            pool.submit(() -> read(db, writing, writerNow)));
        writer.get(30, TimeUnit.SECONDS);
        long checked = 0;
        for (Future<Long> reader : readers) {
          checked += reader.get(30, TimeUnit.SECONDS);
        }
        assertTrue(checked > 0, "readers checked points");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static long read(WhisperDatabase db, AtomicBoolean writing, AtomicLong writerNow) throws IOException {
    long checked = 0;
    while (writing.get()) {
      long now = writerNow.get();
      FetchResult r = db.fetch("hot", now - 59, now, now);
      if (r == null) {
        continue;
      }
      double[] v = r.values();
      for (int i = 0; i < v.length; i++) {
        if (!Double.isNaN(v[i])) {
          assertEquals(r.timestampAt(i) * 2.0, v[i], "a torn point at " + r.timestampAt(i) + " (now " + now + ")");
          checked++;
        }
      }
    }
    return checked;
  }

  @Test
  void byDefaultKeepsThousandsOfFilesMapped() throws IOException {
    try (WhisperDatabase db = WhisperDatabase.builder(root).schemas(StorageSchemas.uniform(Retention.parseList("1s:60")))
        .sparse(true).build()) {
      for (int m = 0; m < 1000; m++) {
        db.write("many.m" + m, new long[] {1_700_000_000L}, new double[] {m}, 1, 1_700_000_000L);
      }
      assertEquals(1000, db.openFiles(), "the default capacity is in the thousands (from vm.max_map_count)");
    }
  }

  @Test
  void aDeletedFileIsCreatedAgainOnTheNextWrite() throws Exception {
    try (WhisperDatabase db = database(8)) {
      long now = 1_700_000_000L;
      db.write("d", new long[] {now}, new double[] {1}, 1, now);
      Files.delete(db.pathFor("d"));
      Thread.sleep(OpenFiles.REVALIDATE_NANOS / 1_000_000 + 100);
      db.write("d", new long[] {now}, new double[] {2}, 1, now);
      assertTrue(Files.isRegularFile(db.pathFor("d")));
      assertEquals(2.0, db.fetch("d", now - 1, now, now).values()[0]);
    }
  }

  @Test
  void aFileReplacedOnDiskIsMappedAfresh() throws Exception {
    try (WhisperDatabase db = database(8)) {
      long now = 1_700_000_000L;
      db.write("r", new long[] {now}, new double[] {1}, 1, now);
      Path path = db.pathFor("r");
      Path replacement = root.resolve("replacement.wsp");
      try (WhisperFile file = WhisperFile.create(replacement, Retention.parseList("1s:60"), 0.5f,
          AggregationMethod.SUM, false)) {
        file.update(7, now - 1, now);
      }
      Files.move(replacement, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(OpenFiles.REVALIDATE_NANOS / 1_000_000 + 100); // the inode is compared at most once a second
      db.write("r", new long[] {now}, new double[] {9}, 1, now);
      FetchResult r = db.fetch("r", now - 2, now, now);
      assertEquals(List.of(7.0, 9.0), List.of(r.values()[0], r.values()[1]));
      assertEquals(AggregationMethod.SUM, db.info("r").aggregationMethod());
    }
  }
}
