package io.plumbago.client;

import io.plumbago.client.codec.CarbonEncoder;
import io.plumbago.client.send.StreamTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Sends points ({@code path, timestamp in seconds, value}) to a carbon port (carbon-cache, carbon-relay, or
 * Plumbago's carbon-core) over TCP, in plaintext or pickle. {@link #send} never blocks and never throws: it puts the
 * point in a bounded lock-free queue, or drops and counts it when the queue is full. A background thread sends the
 * queue in batches of up to {@link Builder#batchSize} points, and on a broken or refused connection keeps the batch,
 * reconnects with exponential backoff (100 ms doubling to 10 s) and sends it again; points that arrive meanwhile wait
 * in the queue. {@link #close} sends what is queued, waiting up to its timeout. Thread-safe.
 */
public final class CarbonSender implements AutoCloseable {
  /** Carbon's TCP formats. */
  public enum Protocol {
    /** {@code path value timestamp\n}, carbon's line receiver (port 2003). */
    PLAINTEXT,
    /** Length-prefixed pickled lists of {@code (path, (timestamp, value))}, carbon's pickle receiver (port 2004). */
    PICKLE
  }

  /**
   * What a sender has done: points queued, sent (written to the socket), dropped (queue full, not a finite value,
   * or unsent at close), batches sent, and connection failures (each followed by a reconnect).
   */
  public record Stats(long pointsQueued, long pointsSent, long pointsDropped, long batchesSent,
      long connectionFailures) {}

  private record Point(String path, long timestampSeconds, double value) {}

  private final ConcurrentLinkedQueue<Point> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final int capacity;
  private final int batchSize;
  private final long flushNanos;
  private final StreamTransport transport;
  private final CarbonEncoder encoder;
  private final Consumer<Exception> errors;
  private final Thread thread;
  private final AtomicLong pointsQueued = new AtomicLong();
  private final AtomicLong pointsDropped = new AtomicLong();
  private volatile long pointsSent;
  private volatile long batchesSent;
  private volatile long failures;
  private volatile boolean closing;
  private volatile long closeDeadlineNanos;

  private CarbonSender(Builder b) {
    this.capacity = b.queueCapacity;
    this.batchSize = b.batchSize;
    this.flushNanos = TimeUnit.MILLISECONDS.toNanos(b.flushIntervalMillis);
    this.transport = new StreamTransport(new InetSocketAddress(b.host, b.port), 5000, b.minBackoffMillis,
        b.maxBackoffMillis, System::nanoTime);
    this.encoder = new CarbonEncoder(b.protocol == Protocol.PICKLE);
    this.errors = b.errorHandler;
    this.thread = new Thread(this::run, "carbon-sender-" + b.host + ":" + b.port);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** A builder for a sender to carbon at {@code host:port}. */
  public static Builder builder(String host, int port) {
    return new Builder(host, port);
  }

  /**
   * Queues one point; returns false (and counts it) when it was dropped: queue full, sender closed, a null path or a
   * value that is not finite (carbon cannot store NaN or infinity).
   */
  public boolean send(String path, long timestampSeconds, double value) {
    pointsQueued.incrementAndGet();
    if (path == null || path.isEmpty() || !Double.isFinite(value) || closing) {
      pointsDropped.incrementAndGet();
      return false;
    }
    if (queued.incrementAndGet() > capacity) {
      queued.decrementAndGet();
      pointsDropped.incrementAndGet();
      return false;
    }
    queue.offer(new Point(path, timestampSeconds, value));
    if (queued.get() >= batchSize) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  /** What the sender has done so far. */
  public Stats stats() {
    return new Stats(pointsQueued.get(), pointsSent, pointsDropped.get(), batchesSent, failures);
  }

  private void run() {
    byte[] pending = null;
    int pendingPoints = 0;
    while (true) {
      boolean last = closing;
      if (pending == null) {
        encoder.reset();
        Point p;
        while (encoder.points() < batchSize && (p = queue.poll()) != null) {
          queued.decrementAndGet();
          encoder.add(p.path(), p.timestampSeconds(), p.value());
        }
        if (encoder.points() > 0) {
          pending = encoder.finish();
          pendingPoints = encoder.points();
        }
      }
      if (pending != null) {
        try {
          transport.send(pending, pending.length);
          pointsSent = pointsSent + pendingPoints;
          batchesSent = batchesSent + 1;
          pending = null;
          continue; // more may be queued: send it before sleeping
        } catch (StreamTransport.BackingOff e) {
          // the batch waits for the next attempt
        } catch (IOException e) {
          failures = failures + 1;
          errors.accept(e);
        }
      }
      if (last && (pending == null && queue.isEmpty() || System.nanoTime() - closeDeadlineNanos > 0)) {
        if (pending != null) {
          pointsDropped.addAndGet(pendingPoints);
        }
        pointsDropped.addAndGet(queued.getAndSet(0));
        queue.clear();
        break;
      }
      LockSupport.parkNanos(this, last ? TimeUnit.MILLISECONDS.toNanos(20) : flushNanos);
    }
    try {
      transport.close();
    } catch (IOException e) {
      errors.accept(e);
    }
  }

  /** Sends what is queued, for up to five seconds, then closes the connection; later points are dropped. */
  @Override
  public void close() {
    close(5000);
  }

  /** Sends what is queued, for up to {@code timeoutMillis}, then closes; what is still unsent is counted dropped. */
  public void close(long timeoutMillis) {
    closeDeadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    closing = true;
    LockSupport.unpark(thread);
    try {
      thread.join(timeoutMillis + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Configures a {@link CarbonSender}. Defaults: plaintext, a queue of 100,000 points, batches of 500 points, a send
   * every 100 ms, reconnect backoff from 100 ms to 10 s, errors ignored (they are counted).
   */
  public static final class Builder {
    private final String host;
    private final int port;
    private Protocol protocol = Protocol.PLAINTEXT;
    private int queueCapacity = 100_000;
    private int batchSize = 500;
    private long flushIntervalMillis = 100;
    private long minBackoffMillis = 100;
    private long maxBackoffMillis = 10_000;
    private Consumer<Exception> errorHandler = e -> { };

    private Builder(String host, int port) {
      this.host = Objects.requireNonNull(host);
      this.port = (int) Args.within(port, 1, 65535, "port");
    }

    /** Plaintext (carbon's port 2003) or pickle (port 2004). */
    public Builder protocol(Protocol protocol) {
      this.protocol = Objects.requireNonNull(protocol);
      return this;
    }

    /** How many points may wait to be sent; beyond that, points are dropped. */
    public Builder queueCapacity(int points) {
      this.queueCapacity = (int) Args.within(points, 1, Integer.MAX_VALUE, "queue capacity");
      return this;
    }

    /** The most points in one write (one pickle frame). */
    public Builder batchSize(int points) {
      this.batchSize = (int) Args.within(points, 1, Integer.MAX_VALUE, "batch size");
      return this;
    }

    /** How often, in milliseconds, the sender sends a batch that is not full. */
    public Builder flushIntervalMillis(long millis) {
      this.flushIntervalMillis = Args.within(millis, 1, Long.MAX_VALUE, "flush interval");
      return this;
    }

    /** The wait after a failed connection, in milliseconds: from {@code minMillis}, doubling up to {@code maxMillis}. */
    public Builder reconnectBackoffMillis(long minMillis, long maxMillis) {
      if (minMillis < 1 || maxMillis < minMillis) {
        throw new IllegalArgumentException("backoff " + minMillis + ".." + maxMillis + " ms");
      }
      this.minBackoffMillis = minMillis;
      this.maxBackoffMillis = maxMillis;
      return this;
    }

    /** Called on the sender thread with every connection or write error. */
    public Builder errorHandler(Consumer<Exception> handler) {
      this.errorHandler = Objects.requireNonNull(handler);
      return this;
    }

    /** A started sender; it connects when it has something to send. */
    public CarbonSender build() {
      return new CarbonSender(this);
    }
  }
}
