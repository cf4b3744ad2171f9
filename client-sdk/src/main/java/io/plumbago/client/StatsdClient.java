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
  private final LongAdder sent = new LongAdder();
  private final LongAdder dropped = new LongAdder();

  private StatsdClient(InetSocketAddress server, String prefix) throws IOException {
    this.channel = DatagramChannel.open();
    this.channel.configureBlocking(false);
    this.channel.connect(server);
    this.prefix = prefix.isEmpty() ? "" : sanitize(prefix) + ".";
  }

  /** A client for the StatsD server at {@code host:port}, prefixing every name with {@code prefix} (may be empty). */
  public static StatsdClient create(String host, int port, String prefix) throws IOException {
    return new StatsdClient(new InetSocketAddress(host, port), Objects.requireNonNull(prefix));
  }

  /** Adds {@code delta} to counter {@code name}. */
  public void count(String name, long delta) {
    send(name, Long.toString(delta), "c");
  }

  /** Adds one to counter {@code name}. */
  public void increment(String name) {
    count(name, 1);
  }

  /** Sets gauge {@code name} to {@code value} (a negative value is sent as 0 then the value, as statsd needs). */
  public void gauge(String name, long value) {
    if (value < 0) {
      String key = prefix + sanitize(name);
      sendLine(key + ":0|g\n" + key + ":" + value + "|g");
    } else {
      send(name, Long.toString(value), "g");
    }
  }

  /** Records a duration of {@code millis} milliseconds in timer {@code name}. */
  public void time(String name, long millis) {
    send(name, Long.toString(Math.max(0, millis)), "ms");
  }

  /** Datagrams handed to the socket. */
  public long sent() {
    return sent.sum();
  }

  /** Datagrams the socket would not take (buffer full, no route, closed). */
  public long dropped() {
    return dropped.sum();
  }

  private void send(String name, String value, String type) {
    sendLine(prefix + sanitize(name) + ":" + value + "|" + type);
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
