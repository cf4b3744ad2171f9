package io.plumbago.statsd.aggregate;

import java.util.Arrays;
import java.util.List;

/**
 * The metrics whose keys hash to one shard: a chained hash table keyed by metric type and the key's bytes, so a line
 * parsed from a datagram finds its metric without making a String. Every method must be called holding this shard's
 * monitor; a flush drains a shard under it, so each sample lands in exactly one interval.
 */
final class Shard {
  private Metric[] table = new Metric[64];
  private int size;

  /** The metric, or null. */
  Metric find(byte kind, byte[] bytes, int offset, int length, int hash) {
    for (Metric m = table[index(hash, kind, table.length)]; m != null; m = m.next) {
      if (m.hash == hash && m.kind == kind && m.key.length == length
          && Arrays.equals(m.key, 0, length, bytes, offset, offset + length)) {
        return m;
      }
    }
    return null;
  }

  /** Adds a new metric (not present: the caller looked). */
  Metric add(byte kind, byte[] bytes, int offset, int length, int hash, long order) {
    if (size >= table.length * 3 / 4) {
      grow();
    }
    Metric m = new Metric(kind, Arrays.copyOfRange(bytes, offset, offset + length), hash, order);
    int i = index(hash, kind, table.length);
    m.next = table[i];
    table[i] = m;
    size++;
    return m;
  }

  private static int index(int hash, byte kind, int length) {
    return (hash + kind) & (length - 1);
  }

  private void grow() {
    Metric[] bigger = new Metric[table.length * 2];
    for (Metric head : table) {
      for (Metric m = head; m != null; ) {
        Metric next = m.next;
        int i = index(m.hash, m.kind, bigger.length);
        m.next = bigger[i];
        bigger[i] = m;
        m = next;
      }
    }
    table = bigger;
  }

  /** What one flush takes from a metric. */
  record Flushed(long order, String key, double value, TimerSamples samples) {
    /** A timer's values in ascending order; none when it had no samples. */
    double[] sorted() {
      return samples == null ? new double[0] : samples.sorted();
    }
  }

  /** The flushed values, by type. */
  record Drained(List<Flushed> counters, List<Flushed> timers, List<Flushed> gauges, List<Flushed> sets) {}

  /**
   * Etsy's flush and {@code clear_metrics} for this shard: hands every metric's interval to {@code into}, then resets
   * counters, timers and sets (or forgets them, per {@code delete*}) and ages gauges when {@code deleteGauges}.
   */
  void drain(Drained into, boolean deleteCounters, boolean deleteTimers, boolean deleteGauges, boolean deleteSets) {
    for (int i = 0; i < table.length; i++) {
      Metric previous = null;
      for (Metric m = table[i]; m != null; m = m.next) {
        boolean delete = switch (m.kind) {
          case Metric.COUNTER -> {
            into.counters.add(new Flushed(m.order, m.name, m.value, null));
            m.value = 0;
            yield deleteCounters;
          }
          case Metric.TIMER -> {
            // the samples go with the flush (sorted later, outside the lock); the next sample starts new ones
            into.timers.add(new Flushed(m.order, m.name, m.value, m.samples));
            m.value = 0;
            m.samples = null;
            yield deleteTimers;
          }
          case Metric.GAUGE -> {
            into.gauges.add(new Flushed(m.order, m.name, m.value, null));
            yield deleteGauges && --m.ttl < 1;
          }
          default -> {
            into.sets.add(new Flushed(m.order, m.name, m.members.size(), null));
            m.members.clear();
            yield deleteSets;
          }
        };
        if (delete) {
          size--;
          if (previous == null) {
            table[i] = m.next;
          } else {
            previous.next = m.next;
          }
        } else {
          previous = m;
        }
      }
    }
  }
}
