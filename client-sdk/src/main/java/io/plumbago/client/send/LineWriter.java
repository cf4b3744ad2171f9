package io.plumbago.client.send;

import io.plumbago.client.codec.DogStatsdEncoder;
import io.plumbago.client.codec.LineEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The calling threads' side of a StatsD client: encodes each call into the calling thread's own {@link LineRing}
 * (through its caches of {@link EncodedKey}s), or adds it to the thread's {@link CounterTable} when the client
 * aggregates. Never blocks, never throws, and allocates nothing for a key it has seen: anything unusable is dropped
 * and counted. Thread-safe.
 */
public final class LineWriter {
  /** StatsD's type codes. */
  public static final byte[] COUNT = bytes("c");
  public static final byte[] GAUGE = bytes("g");
  public static final byte[] TIMER = bytes("ms");
  public static final byte[] HISTOGRAM = bytes("h");
  public static final byte[] DISTRIBUTION = bytes("d");
  public static final byte[] SET = bytes("s");

  private final LineEncoder encoder;
  private final StatsdSender sender;
  private final int maxLineBytes;
  private final String constantTags;
  private final ThreadLocal<LineRing> rings;
  private final EncodedKey.Factory keyFactory = this::newKey;
  /** Read on every call, written once: apart from the sender's busy fields. */
  private volatile boolean closed;
  /**
   * Rings by thread id (modulo the table size), so a thread finds its own with an array read and a compare instead of
   * a {@link ThreadLocal} lookup. A slot is written once, by the first thread that maps to it, and cleared by the
   * sender when that thread's ring is retired; a thread whose slot holds another's ring uses the ThreadLocal.
   */
  private final LineRing[] byThread = new LineRing[THREAD_SLOTS];
  private static final int THREAD_SLOTS = 1024;


  /**
   * A writer encoding with {@code encoder} into rings registered with {@code sender}; lines longer than
   * {@code maxLineBytes} are dropped; {@code constantTags} (joined) go on events and service checks.
   */
  public LineWriter(LineEncoder encoder, StatsdSender sender, int maxLineBytes, String constantTags) {
    this.encoder = encoder;
    this.sender = sender;
    this.maxLineBytes = maxLineBytes;
    this.constantTags = constantTags;
    // room for a two-line gauge whose every char takes three bytes, so a line is measured before it is judged
    int scratchBytes = 8 * maxLineBytes + 256;
    this.rings = ThreadLocal.withInitial(() -> sender.register(scratchBytes));
    sender.onRetire(this::retired);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Frees the slot of a ring the sender has retired (its thread ended). */
  private void retired(LineRing ring) {
    int slot = (int) ring.ownerId() & (THREAD_SLOTS - 1);
    if (byThread[slot] == ring) {
      byThread[slot] = null;
    }
  }

  /** From now on every call is dropped. */
  public void close() {
    closed = true;
  }

  /** The calling thread's ring: from its slot by thread id when it holds it, else from the ThreadLocal. */
  @SuppressWarnings("deprecation") // Thread.getId(): threadId() only exists from Java 19
  private LineRing ring() {
    Thread thread = Thread.currentThread();
    int slot = (int) thread.getId() & (THREAD_SLOTS - 1);
    LineRing ring = byThread[slot];
    if (ring != null && ring.ownedBy(thread)) {
      return ring;
    }
    ring = rings.get();
    if (byThread[slot] == null) {
      byThread[slot] = ring; // the ring's final fields are safely published; the rest only its owner touches
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

  /** A counter: into the thread's aggregated counters when the client aggregates, and as a line otherwise. */
  public void count(String name, long delta, double rate, String t1, String t2, String[] more) {
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
    value(COUNT, name, delta, Double.NaN, false, rate, t1, t2, more);
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
    return new EncodedKey(type, name, tag1, tag2, Arrays.copyOf(out, head),
        Arrays.copyOfRange(out, head, end));
  }

  /**
   * One line: a key seen before (unsampled, at most two tags) costs two array copies and the value, written straight
   * into the thread's ring; anything else is encoded in full.
   */
  public void value(byte[] type, String name, long value, double doubleValue, boolean isDouble, double rate,
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

  /** A gauge: absolute ({@code delta} false; a negative value sent after a zero) or a signed change. */
  public void gauge(String name, double value, boolean delta, String t1, String t2, String[] more) {
    if (!delta && value >= 0) {
      value(GAUGE, name, 0, value, true, 1, t1, t2, more);
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

  /** A set member, sanitised like a name. */
  public void set(String name, String member, String[] tags) {
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

  /** A timer value of {@code micros} microseconds, sent as milliseconds with three decimals. */
  public void timeMicros(String name, long micros, String[] tags) {
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

  /** A DogStatsD event; one without a title is dropped. */
  public void event(String title, String text, long timestampSeconds, String hostname, String aggregationKey,
      String priority, String sourceType, String alertType, List<String> tags) {
    LineRing ring = ring();
    try {
      if (!accepts(title) || title.isEmpty()) {
        dropOne(ring);
        return;
      }
      sendText(ring, DogStatsdEncoder.event(title, text, timestampSeconds, hostname, aggregationKey, priority,
          sourceType, alertType, tags(tags)));
    } catch (RuntimeException e) {
      dropOne(ring);
    }
  }

  /** A DogStatsD service check; a status outside 0..3 is dropped. */
  public void serviceCheck(String name, int status, String message, String[] tags) {
    LineRing ring = ring();
    try {
      if (!accepts(name) || status < 0 || status > 3) {
        dropOne(ring);
        return;
      }
      sendText(ring, DogStatsdEncoder.serviceCheck(name, status, 0, null,
          tags(tags == null ? List.of() : Arrays.asList(tags)), message));
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
}
