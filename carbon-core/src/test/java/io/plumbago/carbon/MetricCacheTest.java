package io.plumbago.carbon;

import static io.plumbago.carbon.CarbonReceiverTest.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MetricCacheTest {
  private final MemoryStore store = new MemoryStore();

  @Test
  void closeWritesDownEverythingAcceptedAndLastValueWins() {
    MetricCache cache = MetricCache.builder(store).build();
    for (int i = 0; i < 10_000; i++) {
      cache.accept("m" + (i % 7), 1000 + i / 7, i);
    }
    cache.accept("m0", 1000, -1);
    cache.close();
    int total = store.total();
    assertEquals(10_000, total);
    assertEquals(-1.0, store.get("m0").get(1000L));
    CacheStats stats = cache.stats();
    assertEquals(0, stats.size());
    assertTrue(stats.committedPoints() >= 10_000, stats.toString());
    assertThrows(CarbonProtocolException.class, () -> cache.accept("late", 1, 1));
  }

  @Test
  void taggedNamesAreHeldUnderCarbonsNormalForm() {
    MetricCache cache = MetricCache.builder(store).build();
    cache.accept("disk.used;rack=a1;dc=dc1", 10, 1);
    cache.accept("disk.used;dc=dc1;rack=a1", 20, 2);
    cache.accept("~plain.name", 10, 3);
    cache.accept("bad;tag", 10, 4);
    cache.close();
    assertEquals(new TreeMap<>(Map.of(10L, 1.0, 20L, 2.0)), store.get("disk.used;dc=dc1;rack=a1"));
    assertEquals(3.0, store.get("plain.name").get(10L));
    assertEquals(4.0, store.get("bad;tag").get(10L), "a name carbon cannot parse is kept as it came");
  }

  @Test
  void metricsThatWouldCreateFilesWaitForACreateTokenInsteadOfBeingDropped() throws Exception {
    java.util.Set<String> created = java.util.concurrent.ConcurrentHashMap.newKeySet();
    MetricCache cache = MetricCache.builder(new Persister() {
      @Override
      public void persist(String metric, long[] ts, double[] values, int count) {
        created.add(metric);
        store.persist(metric, ts, values, count);
      }

      @Override
      public boolean needsCreate(String metric) {
        return !created.contains(metric);
      }
    }).maxCreatesPerMinute(1).build();
    cache.accept("new.a", 1, 1);
    cache.accept("new.b", 1, 2);
    cache.accept("new.c", 1, 3);
    await(() -> store.size() == 1);
    Thread.sleep(300);
    assertEquals(1, store.size(), "one create token a minute");
    assertEquals(2, cache.stats().metrics(), "the other two are still held, not dropped");
    cache.close();
    assertEquals(java.util.Set.of("new.a", "new.b", "new.c"), store.keySet(), "the final drain creates them all");
  }

  @Test
  void updatesPerSecondAreLimitedAndTimesortedWritesTheOldestFirst() throws Exception {
    List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch hold = new CountDownLatch(1);
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
      try {
        hold.await();
      } catch (InterruptedException e) {
        throw new IOException(e);
      }
      order.add(m);
    }).writeStrategy(WriteStrategy.TIMESORTED).maxUpdatesPerSecond(2).build();
    cache.accept("first", 1, 0); // taken at once, and held by the latch while the others arrive
    Thread.sleep(100);
    cache.accept("late", 300, 1);
    cache.accept("old", 100, 1);
    cache.accept("middle", 200, 1);
    hold.countDown();
    Thread.sleep(300);
    assertTrue(order.size() <= 3, "two tokens at the start and little refill in 0.4 s: " + order);
    cache.close();
    assertEquals(List.of("first", "old", "middle", "late"), order);
  }

  @Test
  void queryShowsPointsNotYetWritten() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MetricCache cache = MetricCache.builder(store.after(release)).build();
    cache.accept("q", 20, 2);
    cache.accept("q", 10, 1);
    // While the writer is stuck on the first batch, newer points arrive too.
    Thread.sleep(100);
    cache.accept("q", 30, 3);
    assertEquals(List.of(new CachedPoint(10, 1), new CachedPoint(20, 2), new CachedPoint(30, 3)), cache.query("q"));
    assertEquals(List.of(), cache.query("other"));
    release.countDown();
    cache.close();
    assertEquals(List.of(), cache.query("q"));
    assertEquals(3, store.get("q").size());
  }

  @Test
  void failedWritesAreRetriedWithoutLosingPoints() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new IOException("disk full");
      }
      store.persist(m, ts, v, n);
    }).build();
    cache.accept("r", 1, 1);
    cache.accept("r", 2, 2);
    cache.close();
    assertEquals(new TreeMap<>(Map.of(1L, 1.0, 2L, 2.0)), store.get("r"));
    assertEquals(3, cache.stats().errors());
  }

  @Test
  void namesTheStoreRefusesAreCountedAndLetGo() throws Exception {
    List<String> refused = new ArrayList<>();
    MetricCache cache = MetricCache.builder((m, ts, v, n) -> {
      if (m.contains("..")) {
        refused.add(m);
        throw new IllegalArgumentException("escapes the root");
      }
      store.persist(m, ts, v, n);
    }).build();
    cache.accept("a..b", 1, 1);
    cache.accept("ok", 1, 1);
    cache.close();
    assertEquals(List.of("a..b"), refused);
    assertEquals(1, cache.stats().errors());
    assertEquals(0, cache.stats().size());
    assertTrue(store.containsKey("ok"));
  }

  @Test
  void aFullCacheRefusesAndCountsNewPoints() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    MetricCache cache = MetricCache.builder(store.after(release)).maxSize(3).build();
    cache.accept("f", 1, 1);
    cache.accept("f", 2, 2);
    cache.accept("f", 3, 3);
    assertThrows(CarbonProtocolException.class, () -> cache.accept("f", 4, 99));
    assertEquals(1, cache.stats().overflow());
    release.countDown();
    await(() -> cache.stats().size() == 0);
    cache.accept("f", 5, 5);
    cache.close();
    // the refused point is nowhere; the one after the drain is stored
    assertEquals(List.of(1L, 2L, 3L, 5L), List.copyOf(store.get("f").keySet()));
  }
}
