package io.plumbago.statsd.aggregate;

import io.plumbago.carbon.PointSink;
import io.plumbago.statsd.EventSink;
import io.plumbago.statsd.StatsdConfig;
import io.plumbago.statsd.StatsdEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Etsy statsd's {@code handlePacket} and flush: parses lines in Etsy's order ({@code |#} tags, then {@code :} value
 * sections, then {@code |} fields), aggregates counters, timers, gauges and sets, and at each flush emits the values
 * with Etsy's graphite backend names.
 *
 * <p>Thread-safe without a global lock: metrics are spread over shards by the hash of their key, each shard guarded by
 * its own monitor, and a flush drains each shard under its monitor, so no sample is counted in two intervals or lost
 * between them. The common line ({@code key:number|c}, {@code |ms}, {@code |g}, with an optional {@code |@rate}, and a
 * key Etsy would not change) is parsed from the datagram's bytes and finds its metric by those bytes, without making a
 * String; every other line takes Etsy's own path through Strings.
 *
 * <p>Differences from Etsy 0.9, on purpose: a sample rate of zero is a bad line (Etsy counts it as infinity).
 */
public final class Aggregator {
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern NOT_KEY_CHAR = Pattern.compile("[^a-zA-Z_\\-0-9.;=]");
  /** Bytes Etsy's sanitising keeps. */
  private static final boolean[] KEY_BYTE = new boolean[256];
  private static final double[] POWERS_OF_TEN = new double[16];

  static {
    for (int c = 0; c < 256; c++) {
      KEY_BYTE[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
          || c == '-' || c == '.' || c == ';' || c == '=';
    }
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = Math.pow(10, i);
    }
  }

  private final StatsdConfig config;
  private final EventSink events;
  private final Shard[] shards;
  private final Supplier<TimerSamples> timerSamples;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong eventsTotal = new AtomicLong();
  private final AtomicLong serviceChecksTotal = new AtomicLong();
  private final AtomicLong packetsTotal = new AtomicLong();
  private final AtomicLong metricsTotal = new AtomicLong();
  private final AtomicLong badLinesTotal = new AtomicLong();
  private final String badLinesKey;
  private final String packetsKey;
  private final String metricsKey;
  private final String lagKey;
  // The flushing thread's own state (flushes are serialised by the caller or by flushLock).
  private final Object flushLock = new Object();
  private final long[] flushedTotals = new long[3];
  private long previousFlushSeconds = -1;
  private double lag;
  private long lagOrder = -1;
  private final FlushWriter writer;

  /** An aggregator with {@code config}'s naming and thresholds, ignoring DogStatsD events, started now. */
  public Aggregator(StatsdConfig config) {
    this(config, EventSink.NONE, Math.round(System.currentTimeMillis() / 1000.0));
  }

  /**
   * An aggregator with {@code config}'s naming and thresholds, handing DogStatsD events to {@code events}, started at
   * {@code startedSeconds} (Etsy's first {@code graphiteStats.last_flush}), with a shard per two cores' worth of
   * threads (16).
   */
  public Aggregator(StatsdConfig config, EventSink events, long startedSeconds) {
    this(config, events, startedSeconds, 16);
  }

  /** As above with {@code shardCount} shards (rounded up to a power of two). */
  public Aggregator(StatsdConfig config, EventSink events, long startedSeconds, int shardCount) {
    this.config = config;
    this.events = events;
    this.writer = new FlushWriter(config, startedSeconds);
    this.shards = new Shard[Integer.highestOneBit(Math.max(1, shardCount - 1)) << (shardCount > 1 ? 1 : 0)];
    for (int i = 0; i < shards.length; i++) {
      shards[i] = new Shard();
    }
    this.timerSamples = TimerSamples.factory(config);
    this.badLinesKey = config.prefixStats() + ".bad_lines_seen";
    this.packetsKey = config.prefixStats() + ".packets_received";
    this.metricsKey = config.prefixStats() + ".metrics_received";
    this.lagKey = config.prefixStats() + ".timestamp_lag";
  }

  /** Handles one datagram (or one TCP chunk of whole lines), given as text. */
  public void handlePacket(String packet) {
    byte[] bytes = packet.getBytes(StandardCharsets.UTF_8);
    handlePacket(bytes, 0, bytes.length);
  }

  /** Handles one datagram (or one TCP chunk of whole lines): {@code length} bytes of UTF-8 from {@code offset}. */
  public void handlePacket(byte[] packet, int offset, int length) {
    int end = offset + length;
    int lines = 0;
    int start = offset;
    while (start < end) {
      if (packet[start] == '\n') {
        start++;
        continue;
      }
      lines++;
      int newline = fastLine(packet, start, end);
      if (newline < 0) {
        newline = start;
        while (newline < end && packet[newline] != '\n') {
          newline++;
        }
        handleLine(new String(packet, start, newline - start, StandardCharsets.UTF_8));
      }
      start = newline + 1;
    }
    packetsTotal.incrementAndGet();
    metricsTotal.addAndGet(lines);
  }

  /**
   * The common line, straight from the bytes: {@code key:value|type[|@rate]} with a key of bytes Etsy keeps, a plain
   * decimal value of at most 15 digits (so {@code digits / 10^scale} is exactly {@code Number(value)}), and type
   * {@code c}, {@code ms}, {@code g}, {@code h} or {@code d}, parsed in the same pass that looks for the line's end.
   * Returns where the line ends (its newline, or {@code end}), or -1, having done nothing, for any other line.
   */
  private int fastLine(byte[] b, int start, int end) {
    int hash = 0;
    int i = start;
    for (; i < end && b[i] != ':'; i++) {
      if (!KEY_BYTE[b[i] & 0xff]) {
        return -1;
      }
      hash = 31 * hash + b[i];
    }
    int keyEnd = i;
    if (keyEnd == start || ++i >= end) {
      return -1;
    }
    boolean signed = b[i] == '-' || b[i] == '+';
    boolean negative = b[i] == '-';
    if (signed) {
      i++;
    }
    long digits = 0;
    int count = 0;
    int scale = -1;
    for (; i < end; i++) {
      byte c = b[i];
      if (c >= '0' && c <= '9') {
        if (++count > 15) {
          return -1;
        }
        digits = digits * 10 + (c - '0');
        if (scale >= 0) {
          scale++;
        }
      } else if (c == '.' && scale < 0) {
        scale = 0;
      } else {
        break;
      }
    }
    if (count == 0 || i >= end || b[i] != '|') {
      return -1;
    }
    double value = scale <= 0 ? digits : digits / POWERS_OF_TEN[scale];
    if (negative) {
      value = -value;
    }
    int typeStart = ++i;
    while (i < end && b[i] != '|' && b[i] != '\n') {
      i++;
    }
    byte kind;
    int typeLength = i - typeStart;
    byte t = typeLength > 0 ? b[typeStart] : 0;
    if (typeLength == 1 && (t == 'c' || t == 'h' || t == 'd')) {
      kind = Metric.COUNTER;
    } else if (typeLength == 1 && t == 'g') {
      kind = Metric.GAUGE;
    } else if (typeLength == 2 && t == 'm' && b[typeStart + 1] == 's' && !signed) {
      kind = Metric.TIMER;
    } else {
      return -1;
    }
    double factor = 1;
    if (i < end && b[i] == '|') {
      // |@rate: digits and at most one dot, nothing after it
      if (++i >= end || b[i] != '@') {
        return -1;
      }
      long rateDigits = 0;
      int rateCount = 0;
      int rateScale = -1;
      for (i++; i < end && b[i] != '\n'; i++) {
        byte c = b[i];
        if (c >= '0' && c <= '9' && rateCount < 15) {
          rateDigits = rateDigits * 10 + (c - '0');
          rateCount++;
          if (rateScale >= 0) {
            rateScale++;
          }
        } else if (c == '.' && rateScale < 0) {
          rateScale = 0;
        } else {
          return -1;
        }
      }
      double rate = rateScale <= 0 ? rateDigits : rateDigits / POWERS_OF_TEN[rateScale];
      if (rateCount == 0 || rate == 0) {
        return -1;
      }
      factor = 1 / rate;
    }
    int keyLength = keyEnd - start;
    switch (kind) {
      case Metric.COUNTER -> counter(b, start, keyLength, hash, value, factor);
      case Metric.TIMER -> timer(b, start, keyLength, hash, value, factor);
      default -> gauge(b, start, keyLength, hash, value, signed);
    }
    return i;
  }

  private static int hash(byte[] key, int offset, int length) {
    int hash = 0;
    for (int i = offset; i < offset + length; i++) {
      hash = 31 * hash + key[i];
    }
    return hash;
  }

  private Shard shard(int hash) {
    int mixed = hash * 0x9E3779B9;
    return shards[(mixed >>> 16) & (shards.length - 1)];
  }

  /** The shard's metric for the key, added if new; call holding the shard's monitor. */
  private Metric metric(Shard shard, byte kind, byte[] key, int offset, int length, int hash) {
    Metric m = shard.find(kind, key, offset, length, hash);
    return m != null ? m : shard.add(kind, key, offset, length, hash, sequence.incrementAndGet());
  }

  private void counter(byte[] key, int offset, int length, int hash, double value, double factor) {
    Shard shard = shard(hash);
    synchronized (shard) {
      Metric m = metric(shard, Metric.COUNTER, key, offset, length, hash);
      // JavaScript: `if (!counters[key]) counters[key] = 0` also restarts a counter that became NaN.
      m.value = (Double.isNaN(m.value) ? 0 : m.value) + value * factor;
    }
  }

  private void timer(byte[] key, int offset, int length, int hash, double value, double factor) {
    Shard shard = shard(hash);
    synchronized (shard) {
      Metric m = metric(shard, Metric.TIMER, key, offset, length, hash);
      if (m.samples == null) {
        m.samples = timerSamples.get();
      }
      m.samples.add(value);
      m.value += factor;
    }
  }

  private void gauge(byte[] key, int offset, int length, int hash, double value, boolean signed) {
    Shard shard = shard(hash);
    synchronized (shard) {
      Metric m = metric(shard, Metric.GAUGE, key, offset, length, hash);
      // A new gauge has no TTL yet. JavaScript truthiness: a gauge at 0 (or NaN) takes a signed value as absolute.
      if (m.ttl > 0 && signed && m.value != 0 && !Double.isNaN(m.value)) {
        m.value += value;
      } else {
        m.value = value;
      }
      m.ttl = config.gaugesMaxTtl();
    }
  }

  private void setMember(String key, String member) {
    byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
    int hash = hash(bytes, 0, bytes.length);
    Shard shard = shard(hash);
    synchronized (shard) {
      Metric m = metric(shard, Metric.SET, bytes, 0, bytes.length, hash);
      if (m.members == null) {
        m.members = new HashSet<>();
      }
      m.members.add(member);
    }
  }

  private void handleLine(String line) {
    // DogStatsD events and service checks: accepted and counted (Etsy would count them as bad lines); events go to
    // the event sink; neither becomes a metric.
    if (DogStatsdLines.isEvent(line)) {
      StatsdEvent event = DogStatsdLines.event(line);
      if (event == null) {
        bad();
      } else {
        eventsTotal.incrementAndGet();
        events.event(event);
      }
      return;
    }
    if (DogStatsdLines.isServiceCheck(line)) {
      if (DogStatsdLines.validServiceCheck(line)) {
        serviceChecksTotal.incrementAndGet();
      } else {
        bad();
      }
      return;
    }
    // Etsy: line.split('|#'); anything after a second '|#' is ignored.
    int tagAt = line.indexOf("|#");
    String metricPart = tagAt < 0 ? line : line.substring(0, tagAt);
    String tagPart = "";
    if (tagAt >= 0) {
      int next = line.indexOf("|#", tagAt + 2);
      tagPart = next < 0 ? line.substring(tagAt + 2) : line.substring(tagAt + 2, next);
    }
    String[] bits = metricPart.split(":", -1);
    String key = bits[0];
    if (!tagPart.isEmpty()) {
      StringBuilder tagged = new StringBuilder(key);
      for (String tag : tagPart.split(",", -1)) {
        tagged.append(';').append(TimerStats.replaceFirst(TimerStats.replaceFirst(tag, ';', '_'), ':', '='));
      }
      key = tagged.toString();
    }
    key = sanitize(key);
    if (bits.length == 1) {
      bad();
      return;
    }
    for (int i = 1; i < bits.length; i++) {
      handleSection(key, bits[i].split("\\|", -1));
    }
  }

  private void handleSection(String key, String[] fields) {
    if (fields.length < 2) {
      bad();
      return;
    }
    String value = fields[0];
    String rawType = fields[1];
    double sampleRate = 1;
    if (fields.length > 2) {
      sampleRate = sampleRate(fields[2]);
      if (!(sampleRate > 0)) {
        bad();
        return;
      }
    }
    // Etsy validates against the type as sent and dispatches on the trimmed type ("x:1|c\r" is a counter).
    boolean valid = switch (rawType) {
      case "s" -> true;
      case "ms" -> JsNumber.isNumber(value) && JsNumber.parse(value) >= 0;
      default -> JsNumber.isNumber(value);
    };
    if (!valid) {
      bad();
      return;
    }
    switch (rawType.strip()) {
      case "s" -> setMember(key, value.isEmpty() ? "0" : value);
      case "g" -> {
        byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
        gauge(bytes, 0, bytes.length, hash(bytes, 0, bytes.length), JsNumber.parse(value),
            value.startsWith("+") || value.startsWith("-"));
      }
      case "ms" -> {
        byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
        timer(bytes, 0, bytes.length, hash(bytes, 0, bytes.length), JsNumber.parse(value), 1 / sampleRate);
      }
      default -> {
        byte[] bytes = key.getBytes(StandardCharsets.ISO_8859_1);
        counter(bytes, 0, bytes.length, hash(bytes, 0, bytes.length), JsNumber.parse(value), 1 / sampleRate);
      }
    }
  }

  /**
   * Etsy's sample rate: valid when {@code @} is followed by a JavaScript number not starting with {@code -}; the rate
   * is the digits-and-dots prefix of it ({@code @1e-3} is a rate of 1, as in Etsy). NaN for an invalid rate; 0 (which
   * Etsy turns into an infinite count) is refused by the caller.
   */
  private static double sampleRate(String field) {
    if (field.length() < 2 || field.charAt(0) != '@') {
      return Double.NaN;
    }
    String number = field.substring(1);
    if (!JsNumber.isNumber(number) || number.charAt(0) == '-') {
      return Double.NaN;
    }
    int end = 0;
    while (end < number.length() && (Character.isDigit(number.charAt(end)) || number.charAt(end) == '.')
        && number.charAt(end) < 128) {
      end++;
    }
    return end == 0 ? Double.NaN : JsNumber.parse(number.substring(0, end));
  }

  private void bad() {
    badLinesTotal.incrementAndGet();
  }

  /** Etsy's {@code sanitizeKeyName}. */
  public static String sanitize(String key) {
    boolean clean = true;
    for (int i = 0; i < key.length() && clean; i++) {
      char c = key.charAt(i);
      clean = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
          || c == '.' || c == ';' || c == '=';
    }
    if (clean) {
      return key;
    }
    String s = WHITESPACE.matcher(key).replaceAll("_").replace('/', '-');
    return NOT_KEY_CHAR.matcher(s).replaceAll("");
  }

  /** Lifetime totals: packets, lines, bad lines, DogStatsD events, DogStatsD service checks. */
  public long[] totals() {
    return new long[] {packetsTotal.get(), metricsTotal.get(), badLinesTotal.get(), eventsTotal.get(),
        serviceChecksTotal.get()};
  }

  /**
   * Ends the interval at {@code nowSeconds}: drains every shard, computes Etsy's values and hands them to
   * {@code sink} stamped {@code nowSeconds}, then ends the sink's batch. Counters restart at 0 and timers and sets
   * empty, their keys kept unless {@code delete*}; gauges keep their value. Flushes are serialised.
   */
  public void flush(long nowSeconds, PointSink sink) {
    synchronized (flushLock) {
      long started = System.nanoTime();
      Shard.Drained drained = new Shard.Drained(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
          new ArrayList<>());
      for (Shard shard : shards) {
        synchronized (shard) {
          shard.drain(drained, config.deleteCounters(), config.deleteTimers(), config.deleteGauges(),
              config.deleteSets());
        }
      }
      if (previousFlushSeconds >= 0) {
        lag = nowSeconds - previousFlushSeconds - config.flushIntervalSeconds();
        if (lagOrder < 0) {
          lagOrder = sequence.incrementAndGet();
        }
      }
      previousFlushSeconds = nowSeconds;
      if (lagOrder >= 0) {
        drained.gauges().add(new Shard.Flushed(lagOrder, lagKey, lag, null));
      }
      // statsd's own counters: this interval's share of the lifetime totals, plus any client sending to their keys.
      double[] own = {interval(0, badLinesTotal), interval(1, packetsTotal), interval(2, metricsTotal)};
      String[] ownKeys = {badLinesKey, packetsKey, metricsKey};
      List<Shard.Flushed> counters = new ArrayList<>();
      for (Shard.Flushed f : drained.counters()) {
        int at = Arrays.asList(ownKeys).indexOf(f.key());
        if (at >= 0) {
          own[at] += f.value();
        } else {
          counters.add(f);
        }
      }
      Comparator<Shard.Flushed> inserted = Comparator.comparingLong(Shard.Flushed::order);
      counters.sort(inserted);
      drained.timers().sort(inserted);
      drained.gauges().sort(inserted);
      drained.sets().sort(inserted);
      writer.write(nowSeconds, sink, started, own, ownKeys, counters, drained);
    }
  }

  private double interval(int which, AtomicLong total) {
    long now = total.get();
    long count = now - flushedTotals[which];
    flushedTotals[which] = now;
    return count;
  }

}
