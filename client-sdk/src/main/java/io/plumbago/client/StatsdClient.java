package io.plumbago.client;

import io.plumbago.client.codec.DogStatsdEncoder;
import io.plumbago.client.codec.LineEncoder;
import io.plumbago.client.send.LineWriter;
import io.plumbago.client.send.StatsdSender;
import io.plumbago.client.send.StreamTransport;
import io.plumbago.client.send.Transport;
import io.plumbago.client.send.UdpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Sends StatsD metrics, DogStatsD events and service checks to a server over UDP, TCP or a Unix domain socket.
 * Build one per destination with {@link #builder()}, share it between threads, close it at shutdown (closing sends
 * what is queued).
 *
 * <p>A call never blocks and never throws (a thread's very first call registers its queue under a lock held for
 * microseconds at most). The calling thread writes the line into its own queue, a lock-free single-producer ring of
 * bytes; a key (type, name, up to two tags) it has sent before costs two array copies and the value, and allocates
 * nothing (a varargs call may allocate its array unless the JIT removes it: use the overloads with one or two tags
 * on hot paths). With {@link Builder#aggregationIntervalMillis} a counter call only adds to a per-thread total. A
 * background thread packs the queued lines of all threads into packets of at most
 * {@link Builder#maxPacketSizeBytes} and sends them every {@link Builder#flushIntervalMillis}, or sooner when a
 * queue is half full. A line that does not fit in its thread's queue, or that the socket refuses, is dropped and
 * counted ({@link #telemetry()}).
 *
 * <p>Names, set members and tags are sanitised: {@code :}, {@code |}, {@code @}, {@code #}, whitespace and line
 * breaks become {@code _} (in a tag the first {@code :}, between key and value, stays, and {@code ,} becomes
 * {@code _}), so no input can break the line format. Tags are sent in DogStatsD form ({@code |#k:v,word}), which
 * statsd-core and Etsy statsd 0.9+ turn into Graphite tags ({@code name;k=v}).
 *
 * <p>Units: timers take milliseconds; sample rates are probabilities in (0, 1] (a call is sent with that probability
 * and marked {@code @rate} so the server scales it back; a rate of 0 or less, or NaN, sends nothing).
 */
public final class StatsdClient implements AutoCloseable {
  private static final String[] NO_TAGS = {};

  private final StatsdSender sender;
  private final LineWriter writer;

  private StatsdClient(Builder b) {
    LineEncoder encoder = new LineEncoder(b.prefix, b.constantTags);
    int packet = b.maxPacketSizeBytes > 0 ? b.maxPacketSizeBytes : b.unixSocket != null ? 8932 : 1432;
    Transport transport;
    try {
      if (b.unixSocket != null) {
        transport = new StreamTransport(UnixDomainSocketAddress.of(b.unixSocket), 5000, 100, 10_000,
            System::nanoTime);
      } else if (b.tcp) {
        transport = new StreamTransport(new InetSocketAddress(b.host, b.port), 5000, 100, 10_000, System::nanoTime);
      } else {
        InetSocketAddress address = new InetSocketAddress(b.host, b.port);
        if (address.isUnresolved()) {
          throw new IOException("cannot resolve " + b.host);
        }
        transport = new UdpTransport(address);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.sender = new StatsdSender(transport, packet, b.queueCapacityBytes, b.flushIntervalMillis,
        b.aggregationIntervalMillis, b.telemetryIntervalMillis, encoder, b.errorHandler,
        "statsd-client-" + b.host + ":" + b.port);
    this.writer = new LineWriter(encoder, sender, packet, DogStatsdEncoder.joinTags(List.of(b.constantTags)));
    sender.start();
  }

  /** A builder for a client sending over UDP to 127.0.0.1:8125, no prefix, no tags. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A UDP client for {@code host:port} prefixing every name with {@code prefix} (may be empty) and adding
   * {@code constantTags} ({@code key:value} or a word) to every metric.
   */
  public static StatsdClient create(String host, int port, String prefix, String... constantTags)
      throws IOException {
    try {
      return builder().host(host).port(port).prefix(Objects.requireNonNull(prefix)).constantTags(constantTags)
          .build();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  // ---- counters

  /** Adds {@code delta} to counter {@code name}. */
  public void count(String name, long delta) {
    writer.count(name, delta, 1, null, null, null);
  }

  /** Adds {@code delta} to counter {@code name}, with one tag. */
  public void count(String name, long delta, String tag) {
    writer.count(name, delta, 1, tag, null, null);
  }

  /** Adds {@code delta} to counter {@code name}, with two tags; allocates nothing. */
  public void count(String name, long delta, String tag1, String tag2) {
    writer.count(name, delta, 1, tag1, tag2, null);
  }

  /** Adds {@code delta} to counter {@code name}, with tags. */
  public void count(String name, long delta, String... tags) {
    writer.count(name, delta, 1, null, null, tags);
  }

  /** Adds {@code delta} to counter {@code name}, sent with probability {@code sampleRate}. */
  public void count(String name, long delta, double sampleRate, String... tags) {
    writer.count(name, delta, sampleRate, null, null, tags);
  }

  /** Adds one to counter {@code name}. */
  public void increment(String name) {
    writer.count(name, 1, 1, null, null, null);
  }

  /** Adds one to counter {@code name}, with tags. */
  public void increment(String name, String... tags) {
    writer.count(name, 1, 1, null, null, tags);
  }

  /** Subtracts one from counter {@code name}. */
  public void decrement(String name) {
    writer.count(name, -1, 1, null, null, null);
  }

  /** Subtracts one from counter {@code name}, with tags. */
  public void decrement(String name, String... tags) {
    writer.count(name, -1, 1, null, null, tags);
  }

  // ---- gauges

  /**
   * Sets gauge {@code name} to {@code value}. A negative value is sent as {@code 0} then the value in one packet,
   * because StatsD reads a signed value as a change to a gauge that is already set.
   */
  public void gauge(String name, double value) {
    writer.gauge(name, value, false, null, null, null);
  }

  /** Sets gauge {@code name} to {@code value}. */
  public void gauge(String name, long value) {
    writer.gauge(name, value, false, null, null, null);
  }

  /** Sets gauge {@code name} to {@code value}, with two tags. */
  public void gauge(String name, double value, String tag1, String tag2) {
    writer.gauge(name, value, false, tag1, tag2, null);
  }

  /** Sets gauge {@code name} to {@code value}, with tags. */
  public void gauge(String name, double value, String... tags) {
    writer.gauge(name, value, false, null, null, tags);
  }

  /**
   * Changes gauge {@code name} by {@code delta} (sent as {@code +delta} or {@code -delta}). StatsD sets, rather than
   * changes, a gauge that has no value yet or whose value is 0.
   */
  public void gaugeDelta(String name, double delta, String... tags) {
    writer.gauge(name, delta, true, null, null, tags);
  }

  // ---- timers, histograms, distributions, sets

  /** Records {@code millis} milliseconds in timer {@code name} (a negative duration is sent as 0). */
  public void time(String name, long millis, String... tags) {
    writer.value(LineWriter.TIMER, name, Math.max(0, millis), Double.NaN, false, 1, null, null, tags);
  }

  /** Records {@code millis} milliseconds in timer {@code name}, sent with probability {@code sampleRate}. */
  public void time(String name, long millis, double sampleRate, String... tags) {
    writer.value(LineWriter.TIMER, name, Math.max(0, millis), Double.NaN, false, sampleRate, null, null, tags);
  }

  /** The same as {@link #time(String, long, String...)}, under java-dogstatsd-client's name. */
  public void recordExecutionTime(String name, long millis, String... tags) {
    time(name, millis, tags);
  }

  /** Records {@code millis} milliseconds, fractions kept, in timer {@code name}. */
  public void timeMillis(String name, double millis, String... tags) {
    writer.value(LineWriter.TIMER, name, 0, Math.max(0, millis), true, 1, null, null, tags);
  }

  /** Adds {@code value} to histogram {@code name} (DogStatsD {@code h}; Etsy statsd counts it as a counter). */
  public void histogram(String name, double value, String... tags) {
    writer.value(LineWriter.HISTOGRAM, name, 0, value, true, 1, null, null, tags);
  }

  /** Adds {@code value} to histogram {@code name}, sent with probability {@code sampleRate}. */
  public void histogram(String name, double value, double sampleRate, String... tags) {
    writer.value(LineWriter.HISTOGRAM, name, 0, value, true, sampleRate, null, null, tags);
  }

  /** Adds {@code value} to distribution {@code name} (DogStatsD {@code d}). */
  public void distribution(String name, double value, String... tags) {
    writer.value(LineWriter.DISTRIBUTION, name, 0, value, true, 1, null, null, tags);
  }

  /** Adds {@code value} to distribution {@code name}, sent with probability {@code sampleRate}. */
  public void distribution(String name, double value, double sampleRate, String... tags) {
    writer.value(LineWriter.DISTRIBUTION, name, 0, value, true, sampleRate, null, null, tags);
  }

  /** Counts {@code member} (sanitised like a name) in set {@code name}: the server counts distinct members. */
  public void set(String name, String member, String... tags) {
    writer.set(name, member, tags);
  }

  /**
   * Times a block: {@code try (var t = client.timer("db.query")) { ... }} records the elapsed milliseconds (with
   * microsecond precision) in timer {@code name} when the block ends.
   */
  public Timer timer(String name, String... tags) {
    return new Timer(this, name, tags, System.nanoTime());
  }

  /** A running timer; closing it records the elapsed time once. Used by one thread. */
  public static final class Timer implements AutoCloseable {
    private final StatsdClient client;
    private final String name;
    private final String[] tags;
    private final long startNanos;
    private boolean closed;

    private Timer(StatsdClient client, String name, String[] tags, long startNanos) {
      this.client = client;
      this.name = name;
      this.tags = tags;
      this.startNanos = startNanos;
    }

    /** Records the elapsed milliseconds (the first call only). */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        client.writer.timeMicros(name, (System.nanoTime() - startNanos) / 1000, tags);
      }
    }
  }

  // ---- events and service checks

  /** Sends a DogStatsD event with a title, a text and tags. */
  public void event(String title, String text, String... tags) {
    event(StatsdEvent.of(title, text, tags));
  }

  /** Sends a DogStatsD event. An event without a title is dropped. */
  public void event(StatsdEvent event) {
    if (event == null) {
      writer.event(null, null, 0, null, null, null, null, null, null);
    } else {
      writer.event(event.title(), event.text(), event.timestampSeconds(), event.hostname(), event.aggregationKey(),
          event.priority(), event.sourceType(), event.alertType(), event.tags());
    }
  }

  /** Sends a DogStatsD service check {@code name} with {@code status} and an optional {@code message}. */
  public void serviceCheck(String name, ServiceCheckStatus status, String message, String... tags) {
    writer.serviceCheck(name, status == null ? -1 : status.ordinal(), message, tags);
  }

  // ---- telemetry and lifecycle

  /** What the client has sent and dropped so far. */
  public StatsdTelemetry telemetry() {
    return new StatsdTelemetry(sender.offered(), sender.linesSent(), sender.dropped(), sender.aggregated(),
        sender.packetsSent(), sender.bytesSent());
  }

  /** Lines written to the socket so far. */
  public long sent() {
    return sender.linesSent();
  }

  /** Lines dropped so far (see {@link StatsdTelemetry#linesDropped()}). */
  public long dropped() {
    return sender.dropped();
  }

  /** Sends what is queued, waiting up to five seconds for it, and closes the socket; later calls are dropped. */
  @Override
  public void close() {
    writer.close();
    sender.close(5000);
  }

  /**
   * Configures a {@link StatsdClient}. Defaults: UDP to 127.0.0.1:8125, no prefix, no constant tags, packets of 1432
   * bytes (8932 over a Unix socket), a flush every 100 ms, 64 KiB of queue per calling thread, errors ignored (they
   * are counted), no aggregation, no self-reporting.
   */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8125;
    private boolean tcp;
    private Path unixSocket;
    private String prefix = "";
    private String[] constantTags = NO_TAGS;
    private int maxPacketSizeBytes;
    private long flushIntervalMillis = 100;
    private int queueCapacityBytes = 64 * 1024;
    private Consumer<Exception> errorHandler = e -> { };
    private long aggregationIntervalMillis;
    private long telemetryIntervalMillis;

    private Builder() {}

    /** The server's host name or address. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** The server's port. */
    public Builder port(int port) {
      this.port = (int) Args.within(port, 0, 65535, "port");
      return this;
    }

    /** Sends over TCP to host:port instead of UDP (lines kept whole across writes, reconnecting after failures). */
    public Builder tcp() {
      this.tcp = true;
      return this;
    }

    /** Sends over a Unix domain stream socket at {@code path} (newline-separated lines) instead of host:port. */
    public Builder unixSocket(Path path) {
      this.unixSocket = Objects.requireNonNull(path);
      return this;
    }

    /** A prefix for every name, joined with a dot; empty for none. */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix);
      return this;
    }

    /** Tags ({@code key:value} or a word) added to every metric, event and service check. */
    public Builder constantTags(String... tags) {
      this.constantTags = tags == null ? NO_TAGS : tags.clone();
      return this;
    }

    /**
     * The largest packet in bytes: 1432 (Ethernet MTU less headers) by default, 8932 for jumbo frames and over a Unix
     * socket; a single line longer than this is dropped.
     */
    public Builder maxPacketSizeBytes(int bytes) {
      this.maxPacketSizeBytes = (int) Args.within(bytes, 64, 65_000, "packet size");
      return this;
    }

    /** How often, in milliseconds, the sender sends what has been queued. */
    public Builder flushIntervalMillis(long millis) {
      this.flushIntervalMillis = Args.within(millis, 1, Long.MAX_VALUE, "flush interval");
      return this;
    }

    /**
     * The size in bytes of each calling thread's queue (at least two packets, rounded up to a power of two). A line
     * is dropped when its queue has less than a packet's worth of room left.
     */
    public Builder queueCapacityBytes(int bytes) {
      this.queueCapacityBytes = (int) Args.within(bytes, 1024, 1 << 28, "queue capacity");
      return this;
    }

    /** Called on the sender thread with every socket error (the lines concerned are counted as dropped). */
    public Builder errorHandler(Consumer<Exception> handler) {
      this.errorHandler = Objects.requireNonNull(handler);
      return this;
    }

    /**
     * Aggregates unsampled counters (summed), gauges (last value) and sets (distinct members) on the sender thread
     * and sends them once every {@code millis} milliseconds; 0 (the default) sends every line as it is.
     */
    public Builder aggregationIntervalMillis(long millis) {
      this.aggregationIntervalMillis = Args.within(millis, 0, Long.MAX_VALUE, "aggregation interval");
      return this;
    }

    /**
     * Every {@code millis} milliseconds, sends the client's own counters ({@code statsd_client.lines_sent},
     * {@code lines_dropped}, {@code packets_sent}, {@code bytes_sent}, under the prefix); 0 (the default) for never.
     */
    public Builder telemetryIntervalMillis(long millis) {
      this.telemetryIntervalMillis = Args.within(millis, 0, Long.MAX_VALUE, "telemetry interval");
      return this;
    }

    /**
     * A started client. Throws {@link UncheckedIOException} when the UDP socket cannot be opened or the host not
     * resolved (TCP and Unix sockets connect on first send, and reconnect).
     */
    public StatsdClient build() {
      return new StatsdClient(this);
    }
  }
}
