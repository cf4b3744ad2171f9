package io.plumbago.client;

import io.plumbago.client.codec.DogStatsdEncoder;
import io.plumbago.client.codec.LineEncoder;
import io.plumbago.client.send.EncodedKey;
import io.plumbago.client.send.LineRing;
import io.plumbago.client.send.StatsdSender;
import io.plumbago.client.send.StreamTransport;
import io.plumbago.client.send.Transport;
import io.plumbago.client.send.UdpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Sends StatsD metrics, DogStatsD events and service checks to a server over UDP, TCP or a Unix domain socket.
 * Build one per destination with {@link #builder()}, share it between threads, close it at shutdown (closing sends
 * what is queued).
 *
 * <p>A call never blocks and never throws. The calling thread encodes the line into its own preallocated buffer and
 * appends it to its own queue, a lock-free single-producer ring of bytes; a call allocates nothing (apart from the
 * array of a varargs call the JIT does not remove: use the overloads with one or two tags on hot paths). A background
 * thread packs the queued lines of all threads into packets of at most {@link Builder#maxPacketSizeBytes} and sends
 * them every {@link Builder#flushIntervalMillis}, or sooner when a queue is half full. A line that does not fit in
 * its thread's queue, or that the socket refuses, is dropped and counted ({@link #telemetry()}).
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
  private static final byte[] COUNT = bytes("c");
  private static final byte[] GAUGE = bytes("g");
  private static final byte[] TIMER = bytes("ms");
  private static final byte[] HISTOGRAM = bytes("h");
  private static final byte[] DISTRIBUTION = bytes("d");
  private static final byte[] SET = bytes("s");
  private static final String[] NO_TAGS = {};

  private final LineEncoder encoder;
  private final StatsdSender sender;
  private final int maxLineBytes;
  private final int scratchBytes;
  private final String constantTags;
  private final ThreadLocal<LineRing> rings;
  private final EncodedKey.Factory keyFactory = this::newKey;
  /** Read on every call, written once: apart from the sender's busy fields. */
  private volatile boolean closed;
  /** The ring of the first calling thread; written once (a race only means a later thread writes it too). */
  private LineRing firstRing;

  private StatsdClient(Builder b) {
    this.encoder = new LineEncoder(b.prefix, b.constantTags);
    this.constantTags = DogStatsdEncoder.joinTags(List.of(b.constantTags));
    int packet = b.maxPacketSizeBytes > 0 ? b.maxPacketSizeBytes : b.unixSocket != null ? 8932 : 1432;
    this.maxLineBytes = packet;
    // room for a two-line gauge whose every char takes three bytes, so a line is measured before it is judged
    this.scratchBytes = 8 * packet + 256;
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
    this.rings = ThreadLocal.withInitial(() -> sender.register(scratchBytes));
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

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  // ---- counters

  /** Adds {@code delta} to counter {@code name}. */
  public void count(String name, long delta) {
    sendCount(name, delta, 1, null, null, null);
  }

  /** Adds {@code delta} to counter {@code name}, with one tag. */
  public void count(String name, long delta, String tag) {
    sendCount(name, delta, 1, tag, null, null);
  }

  /** Adds {@code delta} to counter {@code name}, with two tags; allocates nothing. */
  public void count(String name, long delta, String tag1, String tag2) {
    sendCount(name, delta, 1, tag1, tag2, null);
  }

  /** Adds {@code delta} to counter {@code name}, with tags. */
  public void count(String name, long delta, String... tags) {
    sendCount(name, delta, 1, null, null, tags);
  }

  /** Adds {@code delta} to counter {@code name}, sent with probability {@code sampleRate}. */
  public void count(String name, long delta, double sampleRate, String... tags) {
    sendCount(name, delta, sampleRate, null, null, tags);
  }

  /** Adds one to counter {@code name}. */
  public void increment(String name) {
    sendCount(name, 1, 1, null, null, null);
  }

  /** Adds one to counter {@code name}, with tags. */
  public void increment(String name, String... tags) {
    sendCount(name, 1, 1, null, null, tags);
  }

  /** Subtracts one from counter {@code name}. */
  public void decrement(String name) {
    sendCount(name, -1, 1, null, null, null);
  }

  /** Subtracts one from counter {@code name}, with tags. */
  public void decrement(String name, String... tags) {
    sendCount(name, -1, 1, null, null, tags);
  }

  // ---- gauges

  /**
   * Sets gauge {@code name} to {@code value}. A negative value is sent as {@code 0} then the value in one packet,
   * because StatsD reads a signed value as a change to a gauge that is already set.
   */
  public void gauge(String name, double value) {
    sendGauge(name, value, false, null, null, null);
  }

  /** Sets gauge {@code name} to {@code value}. */
  public void gauge(String name, long value) {
    sendGauge(name, value, false, null, null, null);
  }

  /** Sets gauge {@code name} to {@code value}, with two tags. */
  public void gauge(String name, double value, String tag1, String tag2) {
    sendGauge(name, value, false, tag1, tag2, null);
  }

  /** Sets gauge {@code name} to {@code value}, with tags. */
  public void gauge(String name, double value, String... tags) {
    sendGauge(name, value, false, null, null, tags);
  }

  /**
   * Changes gauge {@code name} by {@code delta} (sent as {@code +delta} or {@code -delta}). StatsD sets, rather than
   * changes, a gauge that has no value yet or whose value is 0.
   */
  public void gaugeDelta(String name, double delta, String... tags) {
    sendGauge(name, delta, true, null, null, tags);
  }

  // ---- timers, histograms, distributions, sets

  /** Records {@code millis} milliseconds in timer {@code name} (a negative duration is sent as 0). */
  public void time(String name, long millis, String... tags) {
    send(TIMER, name, Math.max(0, millis), Double.NaN, false, 1, null, null, tags);
  }

  /** Records {@code millis} milliseconds in timer {@code name}, sent with probability {@code sampleRate}. */
  public void time(String name, long millis, double sampleRate, String... tags) {
    send(TIMER, name, Math.max(0, millis), Double.NaN, false, sampleRate, null, null, tags);
  }

  /** The same as {@link #time(String, long, String...)}, under java-dogstatsd-client's name. */
  public void recordExecutionTime(String name, long millis, String... tags) {
    time(name, millis, tags);
  }

  /** Records {@code millis} milliseconds, fractions kept, in timer {@code name}. */
  public void timeMillis(String name, double millis, String... tags) {
    send(TIMER, name, 0, Math.max(0, millis), true, 1, null, null, tags);
  }

  /** Adds {@code value} to histogram {@code name} (DogStatsD {@code h}; Etsy statsd counts it as a counter). */
  public void histogram(String name, double value, String... tags) {
    send(HISTOGRAM, name, 0, value, true, 1, null, null, tags);
  }

  /** Adds {@code value} to histogram {@code name}, sent with probability {@code sampleRate}. */
  public void histogram(String name, double value, double sampleRate, String... tags) {
    send(HISTOGRAM, name, 0, value, true, sampleRate, null, null, tags);
  }

  /** Adds {@code value} to distribution {@code name} (DogStatsD {@code d}). */
  public void distribution(String name, double value, String... tags) {
    send(DISTRIBUTION, name, 0, value, true, 1, null, null, tags);
  }

  /** Adds {@code value} to distribution {@code name}, sent with probability {@code sampleRate}. */
  public void distribution(String name, double value, double sampleRate, String... tags) {
    send(DISTRIBUTION, name, 0, value, true, sampleRate, null, null, tags);
  }

  /** Counts {@code member} (sanitised like a name) in set {@code name}: the server counts distinct members. */
  public void set(String name, String member, String... tags) {
    LineRing ring = ring();
    try {
      if (!accepts(name) || member == null || tooLong(ring, name, member, null, tags, 2)) {
        dropOne(ring);
        return;
      }
      byte[] out = ring.scratch;
      int p = encoder.head(out, 0, name);
      p = LineEncoder.writeName(out, p, member);
      offer(ring, encoder.tail(out, p, SET, 1, null, null, tags), 1);
    } catch (RuntimeException e) {
      dropOne(ring);
    }
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
        client.timeMicros(name, (System.nanoTime() - startNanos) / 1000, tags);
      }
    }
  }

  private void timeMicros(String name, long micros, String[] tags) {
    LineRing ring = ring();
    try {
      if (!accepts(name) || tooLong(ring, name, null, null, tags, 1)) {
        dropOne(ring);
        return;
      }
      byte[] out = ring.scratch;
      int p = LineEncoder.writeScaled(out, encoder.head(out, 0, name), Math.max(0, micros), 3);
      offer(ring, encoder.tail(out, p, TIMER, 1, null, null, tags), 1);
    } catch (RuntimeException e) {
      dropOne(ring);
    }
  }

  // ---- events and service checks

  /** Sends a DogStatsD event with a title, a text and tags. */
  public void event(String title, String text, String... tags) {
    event(StatsdEvent.of(title, text, tags));
  }

  /** Sends a DogStatsD event. An event without a title is dropped. */
  public void event(StatsdEvent event) {
    LineRing ring = ring();
    try {
      if (!accepts(event.title()) || event.title().isEmpty()) {
        dropOne(ring);
        return;
      }
      sendText(ring, DogStatsdEncoder.event(event.title(), event.text(), event.timestampSeconds(), event.hostname(),
          event.aggregationKey(), event.priority(), event.sourceType(), event.alertType(), tags(event.tags())));
    } catch (RuntimeException e) {
      dropOne(ring);
    }
  }

  /** Sends a DogStatsD service check {@code name} with {@code status} and an optional {@code message}. */
  public void serviceCheck(String name, ServiceCheckStatus status, String message, String... tags) {
    LineRing ring = ring();
    try {
      if (!accepts(name) || status == null) {
        dropOne(ring);
        return;
      }
      sendText(ring, DogStatsdEncoder.serviceCheck(name, status.ordinal(), 0, null,
          tags(tags == null ? List.of() : java.util.Arrays.asList(tags)), message));
    } catch (RuntimeException e) {
      dropOne(ring);
    }
  }

  private String tags(List<String> own) {
    String joined = DogStatsdEncoder.joinTags(own == null ? List.of() : own);
    return constantTags.isEmpty() ? joined : joined.isEmpty() ? constantTags : constantTags + "," + joined;
  }

  private void sendText(LineRing ring, String line) {
    byte[] text = (line + "\n").getBytes(StandardCharsets.UTF_8);
    if (text.length > maxLineBytes || text.length > ring.scratch.length) {
      dropOne(ring);
      return;
    }
    System.arraycopy(text, 0, ring.scratch, 0, text.length);
    offer(ring, text.length, 1);
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
    closed = true;
    sender.close(5000);
  }

  // ---- the hot path

  /**
   * The calling thread's ring. The first thread to call finds its own with a field read and a compare instead of a
   * {@link ThreadLocal} lookup (most of the cost of a call); the others pay that compare on top of the lookup.
   */
  private LineRing ring() {
    LineRing first = firstRing;
    if (first != null && first.ownedByCaller()) {
      return first;
    }
    LineRing ring = rings.get();
    if (first == null) {
      firstRing = ring;
    }
    return ring;
  }

  private boolean accepts(String name) {
    return name != null && !closed;
  }

  /** Whether a sampled-out call should send nothing: true with probability 1 - rate. */
  private static boolean sampledOut(double rate) {
    return !(rate >= 1) && !(rate > 0 && ThreadLocalRandom.current().nextDouble() < rate);
  }

  private boolean tooLong(LineRing ring, String name, String t1, String t2, String[] more, int lines) {
    return (long) lines * encoder.worstCaseBytes(name, t1, t2, more) > ring.scratch.length;
  }

  /** Counts go into the thread's aggregated counters when the client aggregates, and as lines otherwise. */
  private void sendCount(String name, long delta, double rate, String t1, String t2, String[] more) {
    if (rate >= 1 && (more == null || more.length <= 2)) {
      LineRing ring = ring();
      if (ring.counters != null && name != null && !closed) {
        try {
          if (ring.counters.add(COUNT, name, first(t1, more), second(t2, more), delta, keyFactory)) {
            ring.countAggregated();
            return;
          }
        } catch (RuntimeException e) {
          dropOne(ring);
          return;
        }
      }
    }
    send(COUNT, name, delta, Double.NaN, false, rate, t1, t2, more);
  }

  private static String first(String tag, String[] more) {
    return more == null ? tag : more.length > 0 ? more[0] : null;
  }

  private static String second(String tag, String[] more) {
    return more == null ? tag : more.length > 1 ? more[1] : null;
  }

  /** The encoded text around the value of a key, or null when its line might not fit a packet. */
  private EncodedKey newKey(byte[] type, String name, String tag1, String tag2) {
    byte[] out = new byte[encoder.worstCaseBytes(name, tag1, tag2, null)];
    int head = encoder.head(out, 0, name);
    int end = encoder.tail(out, head, type, 1, tag1, tag2, null);
    if (end + LineEncoder.MAX_NUMBER_BYTES > maxLineBytes) {
      return null;
    }
    return new EncodedKey(type, name, tag1, tag2, java.util.Arrays.copyOf(out, head),
        java.util.Arrays.copyOfRange(out, head, end));
  }

  /**
   * One line: a key seen before (unsampled, at most two tags) costs two array copies and the value, written straight
   * into the thread's ring; anything else is encoded in full.
   */
  private void send(byte[] type, String name, long value, double doubleValue, boolean isDouble, double rate,
      String t1, String t2, String[] more) {
    if (sampledOut(rate)) {
      return;
    }
    LineRing ring = ring();
    try {
      if (!accepts(name) || isDouble && !Double.isFinite(doubleValue) || ring.full(maxLineBytes)) {
        dropOne(ring);
        return;
      }
      if (rate >= 1 && (more == null || more.length <= 2)) {
        EncodedKey key = ring.templates.get(type, name, first(t1, more), second(t2, more), keyFactory);
        if (key != null) {
          if (ring.offer(key, value, doubleValue, isDouble)) {
            sender.wake();
          }
          return;
        }
      }
      if (tooLong(ring, name, t1, t2, more, 1)) {
        dropOne(ring);
        return;
      }
      byte[] out = ring.scratch;
      int p = encoder.head(out, 0, name);
      p = isDouble ? LineEncoder.writeDouble(out, p, doubleValue) : LineEncoder.writeLong(out, p, value);
      offer(ring, encoder.tail(out, p, type, rate, t1, t2, more), 1);
    } catch (RuntimeException e) {
      dropOne(ring);
    }
  }

  private void sendGauge(String name, double value, boolean delta, String t1, String t2, String[] more) {
    if (!delta && value >= 0) {
      send(GAUGE, name, 0, value, true, 1, t1, t2, more);
      return;
    }
    LineRing ring = ring();
    try {
      if (!accepts(name) || !Double.isFinite(value) || tooLong(ring, name, t1, t2, more, 2)) {
        dropOne(ring);
        return;
      }
      byte[] out = ring.scratch;
      int p = 0;
      int lines = 1;
      if (!delta && value < 0) {
        p = encoder.tail(out, LineEncoder.writeLong(out, encoder.head(out, p, name), 0), GAUGE, 1, t1, t2, more);
        lines = 2;
      }
      p = encoder.head(out, p, name);
      if (delta && value >= 0) {
        out[p++] = '+';
      }
      p = LineEncoder.writeDouble(out, p, value);
      offer(ring, encoder.tail(out, p, GAUGE, 1, t1, t2, more), lines);
    } catch (RuntimeException e) {
      dropOne(ring);
    }
  }

  private void offer(LineRing ring, int length, int lines) {
    if (length > maxLineBytes * lines) {
      ring.countDropped(lines);
      return;
    }
    if (ring.offer(length, lines)) {
      sender.wake();
    }
  }

  private static void dropOne(LineRing ring) {
    ring.countDropped(1);
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
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port " + port);
      }
      this.port = port;
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
      if (bytes < 64 || bytes > 65_000) {
        throw new IllegalArgumentException("packet size " + bytes + " bytes, expected 64..65000");
      }
      this.maxPacketSizeBytes = bytes;
      return this;
    }

    /** How often, in milliseconds, the sender sends what has been queued. */
    public Builder flushIntervalMillis(long millis) {
      if (millis < 1) {
        throw new IllegalArgumentException("flush interval " + millis + " ms");
      }
      this.flushIntervalMillis = millis;
      return this;
    }

    /**
     * The size in bytes of each calling thread's queue (at least two packets, rounded up to a power of two). A line
     * is dropped when its queue has less than a packet's worth of room left.
     */
    public Builder queueCapacityBytes(int bytes) {
      if (bytes < 1024 || bytes > 1 << 28) {
        throw new IllegalArgumentException("queue capacity " + bytes + " bytes, expected 1 KiB..256 MiB");
      }
      this.queueCapacityBytes = bytes;
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
      if (millis < 0) {
        throw new IllegalArgumentException("aggregation interval " + millis + " ms");
      }
      this.aggregationIntervalMillis = millis;
      return this;
    }

    /**
     * Every {@code millis} milliseconds, sends the client's own counters ({@code statsd_client.lines_sent},
     * {@code lines_dropped}, {@code packets_sent}, {@code bytes_sent}, under the prefix); 0 (the default) for never.
     */
    public Builder telemetryIntervalMillis(long millis) {
      if (millis < 0) {
        throw new IllegalArgumentException("telemetry interval " + millis + " ms");
      }
      this.telemetryIntervalMillis = millis;
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
