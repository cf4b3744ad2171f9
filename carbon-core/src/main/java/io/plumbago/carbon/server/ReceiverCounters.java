package io.plumbago.carbon.server;

import java.util.concurrent.atomic.LongAdder;

/** The live counters of one receiver, updated by its I/O threads. Internal; read through a snapshot. */
public final class ReceiverCounters {
  public final LongAdder connections = new LongAdder();
  public final LongAdder lines = new LongAdder();
  public final LongAdder points = new LongAdder();
  public final LongAdder badLines = new LongAdder();
  public final LongAdder refused = new LongAdder();
  public final LongAdder frames = new LongAdder();
  public final LongAdder badFrames = new LongAdder();
}
