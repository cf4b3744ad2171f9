package io.plumbago.carbon.codec;

import io.plumbago.carbon.CarbonProtocolException;
import io.plumbago.carbon.PointSink;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * carbon's pickle protocol for metrics: a frame body is a pickled list of {@code (path, (timestamp, value))}.
 * {@link #decode} hands each good element to a sink as carbon's {@code MetricPickleReceiver} does (a bad element is
 * skipped, a NaN value dropped, {@code -1} means now); {@link #encode} writes what carbon-relay writes (protocol 2).
 * Thread-safe.
 */
public final class PickleMetrics {
  private final PickleDecoder decoder;

  /** Frames decode with at most {@code maxObjects} values each. */
  public PickleMetrics(int maxObjects) {
    this.decoder = new PickleDecoder(maxObjects, 64);
  }

  /**
   * Decodes one frame body and passes its points to {@code sink}; returns how many elements were skipped as
   * malformed. A body that is not a pickled list throws {@link CarbonProtocolException} (the whole frame is dropped).
   */
  public int decode(byte[] body, int offset, int length, long nowSeconds, PointSink sink) {
    Object root = decoder.decode(body, offset, length);
    List<?> elements;
    if (root instanceof List<?> list) {
      elements = list;
    } else if (root instanceof PickleTuple tuple) {
      elements = tuple.items();
    } else {
      throw new CarbonProtocolException("invalid pickle: expected a list of (path, (timestamp, value))");
    }
    int skipped = 0;
    for (Object element : elements) {
      if (!accept(element, nowSeconds, sink)) {
        skipped++;
      }
    }
    return skipped;
  }

  private static boolean accept(Object element, long nowSeconds, PointSink sink) {
    if (!(pair(element) instanceof PickleTuple outer) || !(outer.get(0) instanceof String metric)
        || !(pair(outer.get(1)) instanceof PickleTuple point)) {
      return false;
    }
    Double timestamp = number(point.get(0));
    Double value = number(point.get(1));
    if (timestamp == null || value == null) {
      return false;
    }
    if (value.isNaN()) {
      return true; // carbon drops NaN values without complaint
    }
    long seconds = CarbonTimestamps.toSeconds(timestamp, nowSeconds);
    if (seconds == CarbonTimestamps.REFUSED) {
      return false;
    }
    sink.accept(metric, seconds, value);
    return true;
  }

  private static Object pair(Object o) {
    if (o instanceof PickleTuple t && t.size() == 2) {
      return t;
    }
    if (o instanceof List<?> l && l.size() == 2) {
      return new PickleTuple(java.util.Arrays.asList(l.get(0), l.get(1)));
    }
    return null;
  }

  /** Python's {@code float(x)} for what a sender may put in a point. */
  private static Double number(Object o) {
    if (o instanceof Double d) {
      return d;
    }
    if (o instanceof Long l) {
      return (double) l;
    }
    if (o instanceof BigInteger b) {
      return b.doubleValue();
    }
    if (o instanceof Boolean b) {
      return b ? 1.0 : 0.0;
    }
    if (o instanceof String s) {
      return PythonFloat.parse(s);
    }
    return null;
  }

  /**
   * A frame body as carbon-relay sends it: protocol 2, a list of {@code (path, (timestamp, value))} with the
   * timestamp an int and the value a float.
   */
  public static byte[] encode(List<String> metrics, long[] timestampsSeconds, double[] values) {
    int size = 8;
    byte[][] names = new byte[metrics.size()][];
    for (int i = 0; i < names.length; i++) {
      names[i] = metrics.get(i).getBytes(StandardCharsets.UTF_8);
      size += names[i].length + 30;
    }
    ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    out.put((byte) 0x80).put((byte) 2).put((byte) ']');
    if (!metrics.isEmpty()) {
      out.put((byte) '(');
      for (int i = 0; i < names.length; i++) {
        out.put((byte) 'X').putInt(names[i].length).put(names[i]);
        long ts = timestampsSeconds[i];
        if (ts >= Integer.MIN_VALUE && ts <= Integer.MAX_VALUE) {
          out.put((byte) 'J').putInt((int) ts);
        } else {
          out.put((byte) 0x8a).put((byte) 8).putLong(ts);
        }
        out.put((byte) 'G').order(ByteOrder.BIG_ENDIAN).putDouble(values[i]).order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 0x86).put((byte) 0x86);
      }
      out.put((byte) 'e');
    }
    out.put((byte) '.');
    byte[] body = new byte[out.position()];
    out.flip().get(body);
    return body;
  }
}
