package io.plumbago.carbon;

import static io.plumbago.carbon.CarbonReceiverTest.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache's write-ahead log: what is held is logged first, replayed after a crash, deleted once on disk. */
class MetricCacheWalTest {
  @TempDir
  Path dir;
  private final MemoryStore store = new MemoryStore();

  /** A persister that never gets anything to disk: the process "dies" with everything still in the cache. */
  private static final Persister STUCK = (m, ts, v, n) -> {
    throw new IOException("disk unplugged");
  };

  private Path wal() {
    return dir.resolve("wal");
  }

  private long segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(wal())) {
      return files.count();
    }
  }

  @Test
  void pointsAreHeldOnlyOnceTheirBatchEnds() throws Exception {
    MetricCache cache = MetricCache.builder(STUCK).writeAheadLog(wal(), 0).build();
    cache.accept("a.b", 10, 1);
    cache.accept("a.b", 20, 2);
    assertEquals(List.of(), cache.query("a.b"), "an open batch is not visible");
    cache.endOfBatch(); // held once the commit thread has synced it
    await(() -> cache.query("a.b").equals(List.of(new CachedPoint(10, 1), new CachedPoint(20, 2))));
    cache.close(100);
  }

  @Test
  void aNewCacheReplaysWhatTheOldOneNeverWrote() {
    MetricCache crashed = MetricCache.builder(STUCK).writeAheadLog(wal(), 0).build();
    for (int i = 0; i < 5_000; i++) {
      crashed.accept("m" + (i % 50), 1000 + i / 50, i);
      if (i % 100 == 99) {
        crashed.endOfBatch();
      }
    }
    crashed.endOfBatch();
    crashed.accept("m0", 1000, -1); // last write wins, in the log too
    crashed.endOfBatch();
    // no close: the process died; the old cache's writer keeps failing in the background

    MetricCache restarted = MetricCache.builder(store).writeAheadLog(wal(), 0).build();
    restarted.close();
    assertEquals(5_000, store.total());
    assertEquals(-1.0, store.get("m0").get(1000L));
    assertEquals(4_999.0, store.get("m49").get(1099L));
    crashed.close(10);
  }

  @Test
  void segmentsAreDeletedOnceEverythingInThemIsOnDisk() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MetricCache cache = MetricCache.builder(store.after(release)).writeAheadLog(wal(), 0).walSegmentBytes(1024).build();
    for (int i = 0; i < 2_000; i++) {
      cache.accept("s" + (i % 20), i, i);
      if (i % 10 == 9) {
        cache.endOfBatch();
      }
    }
    assertTrue(segmentFiles() > 20, "small segments roll over: " + segmentFiles());
    release.countDown();
    await(() -> cache.stats().size() == 0);
    await(() -> {
      try {
        return segmentFiles() == 1; // only the segment being written stays
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    cache.close();
    assertEquals(0, segmentFiles(), "a clean shutdown leaves no log behind");
    assertEquals(2_000, store.total());
  }

  @Test
  void aPointHeldBackIsNotDeletedWithItsSegment() throws Exception {
    // "slow" fails to write until released, while later segments fill and drain: its segment must stay.
    java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
      if (m.equals("slow") && !released.get()) {
        throw new IOException("not yet");
      }
      store.persist(m, ts, v, n);
    }).writeAheadLog(wal(), 0).walSegmentBytes(512).build();
    cache.accept("slow", 1, 1);
    cache.accept("slow", 2, 2);
    cache.endOfBatch();
    for (int i = 0; i < 500; i++) {
      cache.accept("fast" + (i % 5), i, i);
      cache.endOfBatch();
    }
    await(() -> store.total() == 500);
    Thread.sleep(1_500); // a cleaning pass runs every second
    try (Stream<Path> files = Files.list(wal())) {
      List<Path> left = files.sorted().toList();
      assertTrue(left.get(0).getFileName().toString().endsWith("0000000000000001.log"), "first segment kept: " + left);
    }
    released.set(true);
    await(() -> {
      try {
        return segmentFiles() == 1; // once "slow" is written its segment and the ones after it go too
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    cache.close();
    assertEquals(2, store.get("slow").size());
  }

  @Test
  void refusedPointsAreNeitherHeldNorLogged() {
    MetricCache full = MetricCache.builder(STUCK).writeAheadLog(wal(), 0).maxSize(3).build();
    for (int i = 1; i <= 3; i++) {
      full.accept("f", i, i);
    }
    full.endOfBatch();
    assertThrows(CarbonProtocolException.class, () -> full.accept("f", 4, 99));
    full.endOfBatch();
    assertEquals(1, full.stats().overflow());
    MetricCache restarted = MetricCache.builder(store).writeAheadLog(wal(), 0).build();
    restarted.close();
    assertArrayEquals(new Long[] {1L, 2L, 3L}, store.get("f").keySet().toArray(new Long[0]));
    full.close(10);
  }

  @Test
  void intervalSyncingHoldsAndReplaysTheSame() {
    MetricCache crashed = MetricCache.builder(STUCK).writeAheadLog(wal(), 5).build();
    crashed.accept("i", 1, 1.5);
    crashed.endOfBatch();
    assertEquals(List.of(new CachedPoint(1, 1.5)), crashed.query("i"));
    MetricCache restarted = MetricCache.builder(store).writeAheadLog(wal(), 5).build();
    restarted.close();
    assertEquals(Map.of(1L, 1.5), store.get("i"));
    crashed.close(10);
  }

  @Test
  void batchesCloseThemselvesWhenLarge() throws Exception {
    MetricCache cache = MetricCache.builder(STUCK).writeAheadLog(wal(), 0).build();
    for (int i = 0; i < MetricCache.MAX_BATCH_POINTS; i++) {
      cache.accept("big", i, i);
    }
    await(() -> cache.query("big").size() == MetricCache.MAX_BATCH_POINTS);
    cache.close(10);
  }

  @Test
  void manyThreadsLoggingWhileSegmentsRollAndAreDeletedLoseNothing() throws Exception {
    MetricCache cache = MetricCache.builder(store).writeAheadLog(wal(), 0).walSegmentBytes(4096).build();
    int threads = 4;
    int perThread = 25_000;
    Thread[] senders = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      senders[t] = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          cache.accept("t" + thread + ".m" + (i % 100), i, i);
          if (i % 50 == 49) {
            cache.endOfBatch();
          }
        }
        cache.endOfBatch();
      });
      senders[t].start();
    }
    for (Thread sender : senders) {
      sender.join(60_000);
    }
    cache.close();
    assertEquals(threads * perThread, store.total());
    assertEquals(0, segmentFiles(), "everything written, so no log is left");
  }
}
