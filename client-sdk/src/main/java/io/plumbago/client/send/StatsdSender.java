package io.plumbago.client.send;

import io.plumbago.client.codec.LineEncoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The background thread of a StatsD client: every flush interval, or sooner when a calling thread's ring is half
 * full, it drains the rings of all calling threads, packs whole lines into packets of at most {@code maxPacketBytes},
 * passes them through the optional {@link LineAggregator}, and writes them to the {@link Transport}. Lines it cannot
 * write are counted as dropped and the error goes to the error handler. Its own counters are read by any thread.
 */
public final class StatsdSender implements Runnable {
  private final Transport transport;
  private final int maxPacketBytes;
  private final int ringBytes;
  private final long flushNanos;
  private final LineAggregator aggregator;
  private final long aggregationNanos;
  private final long telemetryNanos;
  private final LineEncoder telemetryEncoder;
  private final Consumer<Exception> errors;
  private final Thread thread;
  private final byte[] packet;
  private final byte[] chunk;
  private final byte[] deltaLine;
  private volatile LineRing[] rings = new LineRing[0];
  private volatile Consumer<LineRing> retireListener = r -> { };
  private volatile boolean closing;
  /** Whether the thread is parked, at index 16 of 32: alone on a cache line the calling threads read. */
  private final int[] parked = new int[32];
  private static final java.lang.invoke.VarHandle INTS =
      java.lang.invoke.MethodHandles.arrayElementVarHandle(int[].class);
  private int packetBytes;
  private int packetLines;
  private volatile long linesSent;
  private volatile long linesFailed;
  private volatile long packetsSent;
  private volatile long bytesSent;
  private long retiredOffered;
  private long retiredDropped;
  private long retiredAggregated;
  private volatile long deltaLines;
  private final long[] reported = new long[4];

  /**
   * A sender (not started) writing to {@code transport}. {@code aggregationMillis} and {@code telemetryMillis} of 0
   * turn aggregation and self-reporting off; self-reported metrics are encoded by {@code telemetryEncoder}.
   */
  public StatsdSender(Transport transport, int maxPacketBytes, int ringBytes, long flushMillis,
      long aggregationMillis, long telemetryMillis, LineEncoder telemetryEncoder, Consumer<Exception> errors,
      String threadName) {
    this.transport = transport;
    this.maxPacketBytes = maxPacketBytes;
    this.ringBytes = ringBytes;
    this.flushNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(1, flushMillis));
    this.aggregationNanos = TimeUnit.MILLISECONDS.toNanos(aggregationMillis);
    this.aggregator = aggregationMillis > 0 ? new LineAggregator(maxPacketBytes) : null;
    this.telemetryNanos = TimeUnit.MILLISECONDS.toNanos(telemetryMillis);
    this.telemetryEncoder = telemetryEncoder;
    this.errors = errors;
    this.packet = new byte[maxPacketBytes];
    this.chunk = new byte[maxPacketBytes];
    this.deltaLine = new byte[maxPacketBytes + LineEncoder.MAX_NUMBER_BYTES];
    this.thread = new Thread(this, threadName);
    this.thread.setDaemon(true);
  }

  /** Starts the thread. */
  public void start() {
    thread.start();
  }

  /** Tells {@code listener} of every ring retired because its thread ended. */
  public void onRetire(Consumer<LineRing> listener) {
    this.retireListener = listener;
  }

  /** A ring for the calling thread, registered with this sender. Lines longer than the packet size do not fit. */
  public synchronized LineRing register(int scratchBytes) {
    // at least two packets, so a ring always has room for a line once drained
    LineRing ring = new LineRing(Math.max(ringBytes, 2 * maxPacketBytes), scratchBytes, aggregator == null ? null : new CounterTable(256),
        Thread.currentThread());
    LineRing[] now = Arrays.copyOf(rings, rings.length + 1);
    now[now.length - 1] = ring;
    rings = now;
    return ring;
  }

  /** Wakes the thread to drain now (a ring is filling up) if it is parked; cheap when it is not. */
  public void wake() {
    if ((int) INTS.getOpaque(parked, 16) == 1 && INTS.compareAndSet(parked, 16, 1, 0)) {
      LockSupport.unpark(thread);
    }
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    long nextAggregation = now + aggregationNanos;
    long nextTelemetry = now + telemetryNanos;
    while (true) {
      boolean last = closing;
      drainRings();
      now = System.nanoTime();
      if (aggregator != null && (last || now - nextAggregation >= 0)) {
        for (LineRing ring : rings) {
          ring.counters.report(this::appendDelta, 2);
        }
        aggregator.emit(this::append);
        nextAggregation = now + aggregationNanos;
      }
      if (telemetryNanos > 0 && (last || now - nextTelemetry >= 0)) {
        reportTelemetry();
        nextTelemetry = now + telemetryNanos;
      }
      sendPacket();
      if (last) {
        break;
      }
      INTS.setVolatile(parked, 16, 1);
      LockSupport.parkNanos(this, flushNanos);
      INTS.setOpaque(parked, 16, 0);
    }
    try {
      transport.close();
    } catch (IOException e) {
      errors.accept(e);
    }
  }

  private void drainRings() {
    LineRing[] all = rings;
    boolean retire = false;
    for (LineRing ring : all) {
      int n;
      while ((n = ring.drainTo(chunk, 0, chunk.length)) > 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] == '\n') {
            if (aggregator == null || !aggregator.absorb(chunk, start, i - start)) {
              append(chunk, start, i + 1 - start);
            }
            start = i + 1;
          }
        }
      }
      retire |= ring.ownerGone() && ring.isEmpty();
    }
    if (retire) {
      retireDeadRings();
    }
  }

  private synchronized void retireDeadRings() {
    LineRing[] kept = Arrays.stream(rings).filter(r -> !(r.ownerGone() && r.isEmpty())).toArray(LineRing[]::new);
    for (LineRing ring : rings) {
      if (ring.ownerGone() && ring.isEmpty()) {
        if (ring.counters != null) {
          ring.counters.report(this::appendDelta, 0);
          ring.counters.report(this::appendDelta, 0);
        }
        retireListener.accept(ring);
        retiredOffered += ring.offered();
        retiredAggregated += ring.aggregated();
        retiredDropped += ring.dropped();
      }
    }
    rings = kept;
  }

  /** Adds one line (newline included) to the packet, sending the packet first if the line would not fit. */
  private void append(byte[] bytes, int offset, int length) {
    if (packetBytes + length > maxPacketBytes) {
      sendPacket();
    }
    if (length > maxPacketBytes) {
      linesFailed = linesFailed + 1;
      return;
    }
    System.arraycopy(bytes, offset, packet, packetBytes, length);
    packetBytes += length;
    packetLines++;
  }

  private void appendDelta(EncodedKey entry, long delta) {
    int p = entry.head.length;
    System.arraycopy(entry.head, 0, deltaLine, 0, p);
    p = LineEncoder.writeLong(deltaLine, p, delta);
    System.arraycopy(entry.tail, 0, deltaLine, p, entry.tail.length);
    append(deltaLine, 0, p + entry.tail.length);
    deltaLines = deltaLines + 1;
  }

  private void sendPacket() {
    if (packetBytes == 0) {
      return;
    }
    // a datagram carries no final newline; a stream needs every one
    int length = transport.stream() ? packetBytes : packetBytes - 1;
    try {
      transport.send(packet, length);
      linesSent = linesSent + packetLines;
      packetsSent = packetsSent + 1;
      bytesSent = bytesSent + length;
    } catch (IOException | RuntimeException e) {
      linesFailed = linesFailed + packetLines;
      if (!(e instanceof StreamTransport.BackingOff)) {
        errors.accept(e);
      }
    }
    packetBytes = 0;
    packetLines = 0;
  }

  private void reportTelemetry() {
    long[] now = {linesSent, dropped(), packetsSent, bytesSent};
    String[] names = {"statsd_client.lines_sent", "statsd_client.lines_dropped", "statsd_client.packets_sent",
        "statsd_client.bytes_sent"};
    byte[] line = new byte[telemetryEncoder.worstCaseBytes(names[3], null, null, null)];
    byte[] count = "c".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < names.length; i++) {
      int p = telemetryEncoder.head(line, 0, names[i]);
      p = LineEncoder.writeLong(line, p, now[i] - reported[i]);
      p = telemetryEncoder.tail(line, p, count, 1, null, null, null);
      reported[i] = now[i];
      append(line, 0, p);
    }
  }

  /** Asks the thread to send everything queued and stop, and waits up to {@code timeoutMillis} for it. */
  public void close(long timeoutMillis) {
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lines written to the transport. */
  public long linesSent() {
    return linesSent;
  }

  /** Lines lost: rings full, bad input, the transport failing. */
  public synchronized long dropped() {
    long dropped = retiredDropped + linesFailed;
    for (LineRing ring : rings) {
      dropped += ring.dropped();
    }
    return dropped;
  }

  /** Lines the calling threads queued, or added to their aggregated counters. */
  public synchronized long offered() {
    long offered = retiredOffered + retiredAggregated;
    for (LineRing ring : rings) {
      offered += ring.offered() + ring.aggregated();
    }
    return offered;
  }

  /** Lines merged into others by client-side aggregation. */
  public synchronized long aggregated() {
    if (aggregator == null) {
      return 0;
    }
    long calls = retiredAggregated;
    for (LineRing ring : rings) {
      calls += ring.aggregated();
    }
    return aggregator.merged() + calls - deltaLines;
  }

  /** Packets (datagrams or stream writes) sent. */
  public long packetsSent() {
    return packetsSent;
  }

  /** Bytes sent. */
  public long bytesSent() {
    return bytesSent;
  }
}
