package io.plumbago.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends StatsD metrics over UDP, one datagram per call, from the calling thread. It never blocks and never throws: a
 * datagram the socket will not take is counted in {@link #dropped()}. Names are sanitised so that no {@code :},
 * {@code |}, {@code @}, {@code #} or newline can break the line format. Thread-safe.
 */
public final class StatsdClient implements AutoCloseable {
  private final DatagramChannel channel;
  private final String prefix;
  private final String constantTags;
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  private StatsdClient(InetSocketAddress server, String prefix, String... constantTags) throws IOException {
    this.channel = DatagramChannel.open();
    this.channel.configureBlocking(false);
    this.channel.connect(server);
    this.prefix = prefix.isEmpty() ? "" : sanitize(prefix) + ".";
    this.constantTags = joinTags(constantTags);
  }

  /**
   * A client whose every metric carries {@code constantTags} ({@code key:value} or {@code word}) in DogStatsD form,
   * which statsd-core and Etsy statsd 0.9 turn into Graphite tags ({@code name;key=value}).
   */
  public static StatsdClient create(String host, int port, String prefix, String... constantTags) throws IOException {
    return new StatsdClient(new InetSocketAddress(host, port), Objects.requireNonNull(prefix), constantTags);
  }

  /** A client for the StatsD server at {@code host:port}, prefixing every name with {@code prefix} (may be empty). */
  public static StatsdClient create(String host, int port, String prefix) throws IOException {
    return new StatsdClient(new InetSocketAddress(host, port), Objects.requireNonNull(prefix));
  }

  /**
   * Adds {@code delta} to counter {@code name}, sampled: the call is sent with probability {@code sampleRate} and
   * marked {@code @rate} so the server scales it back.
   */
  public void count(String name, long delta, double sampleRate, String... tags) {
    if (sampleRate < 1 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= sampleRate) {
      return;
    }
    String rate = sampleRate < 1 ? "|@" + sampleRate : "";
    sendLine(prefix + sanitize(name) + ":" + delta + "|c" + rate + tagSuffix(tags));
  }

  /** Sets gauge {@code name} to {@code value}, with tags. */
  public void gauge(String name, double value, String... tags) {
    String key = prefix + sanitize(name);
    String suffix = tagSuffix(tags);
    String text = number(value);
    sendLine(value < 0 ? key + ":0|g" + suffix + "\n" + key + ":" + text + "|g" + suffix
        : key + ":" + text + "|g" + suffix);
  }

  /** Adds {@code value} to the histogram {@code name} (DogStatsD {@code h}). */
  public void histogram(String name, double value, String... tags) {
    sendLine(prefix + sanitize(name) + ":" + number(value) + "|h" + tagSuffix(tags));
  }

  /** Adds {@code value} to the distribution {@code name} (DogStatsD {@code d}). */
  public void distribution(String name, double value, String... tags) {
    sendLine(prefix + sanitize(name) + ":" + number(value) + "|d" + tagSuffix(tags));
  }

  /** Counts {@code member} in the set {@code name} (distinct members per flush). */
  public void set(String name, String member, String... tags) {
    sendLine(prefix + sanitize(name) + ":" + sanitize(member) + "|s" + tagSuffix(tags));
  }

  /**
   * Times a block: {@code try (var t = client.timer("db.query")) { ... }} sends the elapsed milliseconds as a timer
   * when the block ends.
   */
  public Timer timer(String name, String... tags) {
    return new Timer(this, name, tags, System.nanoTime());
  }

  /** A running timer; closing it sends the elapsed time once. */
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

    /** Sends the elapsed milliseconds (the first call only). */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        client.time(name, (System.nanoTime() - startNanos) / 1_000_000, tags);
      }
    }
  }

  private String tagSuffix(String... tags) {
    String own = joinTags(tags);
    if (own.isEmpty() && constantTags.isEmpty()) {
      return "";
    }
    return "|#" + constantTags + (!own.isEmpty() && !constantTags.isEmpty() ? "," : "") + own;
  }

  private static String joinTags(String... tags) {
    StringBuilder out = new StringBuilder();
    for (String tag : tags) {
      if (tag == null || tag.isEmpty()) {
        continue;
      }
      // a tag keeps one ':' between key and value; anything else that would break the line becomes '_'
      int colon = tag.indexOf(':');
      String clean = colon < 0 ? sanitize(tag) : sanitize(tag.substring(0, colon)) + ":"
          + sanitize(tag.substring(colon + 1));
      out.append(out.length() == 0 ? "" : ",").append(clean.replace(',', '_'));
    }
    return out.toString();
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
  }

  /** Adds {@code delta} to counter {@code name}. */
  public void count(String name, long delta) {
    count(name, delta, 1.0);
  }

  /** Adds one to counter {@code name}. */
  public void increment(String name) {
    count(name, 1);
  }

  /** Sets gauge {@code name} to {@code value} (a negative value is sent as 0 then the value, as statsd needs). */
  public void gauge(String name, long value) {
    gauge(name, (double) value);
  }

  /** Records a duration of {@code millis} milliseconds in timer {@code name}. */
  public void time(String name, long millis, String... tags) {
    sendLine(prefix + sanitize(name) + ":" + Math.max(0, millis) + "|ms" + tagSuffix(tags));
  }

  /** Datagrams handed to the socket. */
  public long sent() {
    return sent.sum();
  }

  /** Datagrams the socket would not take (buffer full, no route, closed). */
  public long dropped() {
    return dropped.sum();
  }

  private void sendLine(String line) {
    try {
      if (channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8))) > 0) {
        sent.increment();
      } else {
        dropped.increment();
      }
    } catch (IOException | RuntimeException e) {
      dropped.increment();
    }
  }

  /** Replaces every character that would break a StatsD line with {@code _}. */
  static String sanitize(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      out.append(c == ':' || c == '|' || c == '@' || c == '#' || c == '\n' || c == '\r' || Character.isWhitespace(c)
          ? '_' : c);
    }
    return out.toString();
  }

  /** Closes the socket; later calls count as dropped. */
  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException ignored) {
      // nothing was pending: every send is synchronous
    }
  }
}
