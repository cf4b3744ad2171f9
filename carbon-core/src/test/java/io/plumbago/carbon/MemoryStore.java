package io.plumbago.carbon;

import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** A real in-memory store standing in for whisper in cache tests: what it holds is what was persisted. */
final class MemoryStore extends ConcurrentHashMap<String, TreeMap<Long, Double>> implements Persister {
  @Override
  public void persist(String metric, long[] ts, double[] values, int count) {
    TreeMap<Long, Double> series = computeIfAbsent(metric, m -> new TreeMap<>());
    synchronized (series) {
      for (int i = 0; i < count; i++) {
        series.put(ts[i], values[i]);
      }
    }
  }

  /** A persister that writes to this store only once {@code release} opens. */
  Persister after(java.util.concurrent.CountDownLatch release) {
    return (m, ts, v, n) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new java.io.IOException(e);
      }
      persist(m, ts, v, n);
    };
  }

  /** Points held over all metrics. */
  int total() {
    return values().stream().mapToInt(TreeMap::size).sum();
  }
}
