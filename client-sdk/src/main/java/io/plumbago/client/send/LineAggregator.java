package io.plumbago.client.send;

import io.plumbago.client.codec.LineEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Client-side aggregation on the sender thread: within one interval, unsampled counter lines of the same name and
 * tags become one line with the sum, gauge lines one line with the gauge's final value (with Etsy's rule: a signed
 * value changes a gauge that was set, an unsigned one sets it), and set lines one line per distinct member. Every
 * other line passes through. The calling threads are untouched: it reads the lines they already encoded. Not
 * thread-safe (the sender's own).
 */
public final class LineAggregator {
  /** Receives an emitted line (newline included). */
  @FunctionalInterface
  public interface LineSink {
    void line(byte[] bytes, int offset, int length);
  }

  private static final class Gauge {
    boolean set;
    double value;
  }

  private final Map<String, double[]> counters = new LinkedHashMap<>();
  private final Map<String, Gauge> gauges = new LinkedHashMap<>();
  private final Map<String, Set<String>> sets = new LinkedHashMap<>();
  private final byte[] out;
  private volatile long merged;

  /** An aggregator whose emitted lines are at most {@code maxLineBytes} long. */
  public LineAggregator(int maxLineBytes) {
    out = new byte[maxLineBytes + 2 * LineEncoder.MAX_NUMBER_BYTES];
  }

  /**
   * Takes the line at {@code bytes[offset, offset + length)} (newline excluded) if it aggregates, and returns whether
   * it did; a line it returns false for must be sent as it is.
   */
  public boolean absorb(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int colon = indexOf(bytes, offset, end, (byte) ':');
    int bar = colon < 0 ? -1 : indexOf(bytes, colon + 1, end, (byte) '|');
    if (bar < 0 || bar + 1 >= end) {
      return false;
    }
    int typeEnd = indexOf(bytes, bar + 1, end, (byte) '|');
    if (typeEnd < 0) {
      typeEnd = end;
    }
    if (typeEnd + 1 < end && bytes[typeEnd + 1] == '@') {
      return false; // sampled: the server scales it
    }
    byte type = typeEnd - bar == 2 ? bytes[bar + 1] : 0;
    if (type != 'c' && type != 'g' && type != 's') {
      return false;
    }
    String value = new String(bytes, colon + 1, bar - colon - 1, StandardCharsets.ISO_8859_1);
    // the key keeps the name and everything after the value, so it can be written back around a new value
    String key = new String(bytes, offset, colon - offset, StandardCharsets.ISO_8859_1) + '\u0000'
        + new String(bytes, bar, end - bar, StandardCharsets.ISO_8859_1);
    if (type == 's') {
      sets.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(value);
      merged = merged + 1;
      return true;
    }
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return false;
    }
    if (!Double.isFinite(number)) {
      return false;
    }
    if (type == 'c') {
      counters.computeIfAbsent(key, k -> new double[1])[0] += number;
    } else {
      Gauge gauge = gauges.computeIfAbsent(key, k -> new Gauge());
      boolean signed = value.charAt(0) == '+' || value.charAt(0) == '-';
      if (gauge.set || !signed) {
        gauge.value = signed ? gauge.value + number : number;
        gauge.set = true;
      } else {
        gauge.value += number;
      }
    }
    merged = merged + 1;
    return true;
  }

  /** Lines merged away since this aggregator was made: lines absorbed less lines emitted. */
  public long merged() {
    return merged;
  }

  /** Hands every aggregated line of the interval to {@code sink} and starts a new interval. */
  public void emit(LineSink sink) {
    counters.forEach((key, sum) -> write(sink, key, sum[0], false));
    gauges.forEach((key, gauge) -> {
      if (gauge.set && gauge.value < 0) {
        write(sink, key, 0, false); // a negative absolute gauge needs a zero first, or statsd reads a change
      }
      write(sink, key, gauge.value, !gauge.set);
    });
    sets.forEach((key, members) -> members.forEach(member -> {
      int split = key.indexOf('\u0000');
      int p = ascii(key, 0, split, 0);
      out[p++] = ':';
      p = ascii(member, 0, member.length(), p);
      p = ascii(key, split + 1, key.length(), p);
      out[p++] = '\n';
      sink.line(out, 0, p);
    merged = merged - 1;
    }));
    counters.clear();
    gauges.clear();
    sets.clear();
  }

  private void write(LineSink sink, String key, double value, boolean signed) {
    int split = key.indexOf('\u0000');
    int p = ascii(key, 0, split, 0);
    out[p++] = ':';
    if (signed && value >= 0) {
      out[p++] = '+';
    }
    p = LineEncoder.writeDouble(out, p, value);
    p = ascii(key, split + 1, key.length(), p);
    out[p++] = '\n';
    sink.line(out, 0, p);
    merged = merged - 1;
  }

  private int ascii(String s, int from, int to, int p) {
    for (int i = from; i < to; i++) {
      out[p++] = (byte) s.charAt(i);
    }
    return p;
  }

  private static int indexOf(byte[] bytes, int from, int end, byte b) {
    for (int i = from; i < end; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
