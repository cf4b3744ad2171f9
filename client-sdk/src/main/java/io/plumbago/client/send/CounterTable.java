package io.plumbago.client.send;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * One calling thread's client-side aggregation of counters: a small open table of (name, tag, tag) entries, each a
 * running total that only the owner thread writes (no compare-and-set, no lock) and the sender thread reads,
 * reporting what was added since its last look. A call whose key is in the table costs a hash, a few reference
 * compares and a store; a key that finds its slot taken is not aggregated (the caller sends a line instead), so the
 * table never evicts under the owner's feet and never allocates once warm. The sender frees the slots of entries
 * that stayed idle for a whole interval, and reports a freed entry once more an interval later, in case the owner
 * was adding to it as it was freed.
 */
public final class CounterTable {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(EncodedKey[].class);
  private static final VarHandle TOTAL;

  static {
    try {
      TOTAL = MethodHandles.lookup().findVarHandle(EncodedKey.class, "total", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Receives the change of one counter since it was last reported. */
  @FunctionalInterface
  public interface DeltaSink {
    void delta(EncodedKey key, long delta);
  }

  private final EncodedKey[] slots;
  private final int mask;
  // sender only: entries freed at the last report, reported once more at the next
  private List<EncodedKey> freed = new ArrayList<>();

  /** A table of {@code size} slots (a power of two). */
  public CounterTable(int size) {
    slots = new EncodedKey[size];
    mask = size - 1;
  }

  /**
   * Owner only: adds {@code delta} to the counter of (name, tag1, tag2) and returns true, or returns false when the
   * key's slot holds another key (the caller then sends a line).
   */
  public boolean add(byte[] type, String name, String tag1, String tag2, long delta, EncodedKey.Factory factory) {
    int slot = EncodedKey.hash(type, name, tag1, tag2) & mask;
    EncodedKey e = (EncodedKey) SLOTS.getAcquire(slots, slot);
    if (e == null) {
      e = factory.create(type, name, tag1, tag2);
      if (e == null) {
        return false;
      }
      SLOTS.setRelease(slots, slot, e);
    } else if (!e.matches(type, name, tag1, tag2)) {
      return false;
    }
    TOTAL.setRelease(e, e.total + delta);
    return true;
  }

  /**
   * Sender only: hands every counter that changed since the last call to {@code sink}, with the change, and frees the
   * slots of those that did not change for {@code idleIntervals} calls.
   */
  public void report(DeltaSink sink, int idleIntervals) {
    for (EncodedKey e : freed) {
      reportOne(e, sink);
    }
    freed = new ArrayList<>(0);
    for (int i = 0; i < slots.length; i++) {
      EncodedKey e = (EncodedKey) SLOTS.getAcquire(slots, i);
      if (e != null && !reportOne(e, sink) && ++e.idleIntervals >= idleIntervals) {
        SLOTS.setRelease(slots, i, null);
        freed.add(e);
      }
    }
  }

  private static boolean reportOne(EncodedKey e, DeltaSink sink) {
    long total = (long) TOTAL.getAcquire(e);
    if (total == e.reported) {
      return false;
    }
    sink.delta(e, total - e.reported);
    e.reported = total;
    e.idleIntervals = 0;
    return true;
  }
}
