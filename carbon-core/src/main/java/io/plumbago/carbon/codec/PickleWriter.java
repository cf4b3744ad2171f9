package io.plumbago.carbon.codec;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes plain values as pickle protocol 2, as carbon's CarbonLink answers ({@code pickle.dumps(result,
 * protocol=2)}): {@link Map} as dict, {@link List} as list, {@link PickleTuple} as tuple, {@link String}, integers
 * ({@link Long}, {@link Integer}, {@link BigInteger}), {@link Double}, {@link Boolean} and null as None. Anything
 * else is refused with {@link IllegalArgumentException}. Stateless.
 */
public final class PickleWriter {
  private PickleWriter() {}

  /** The pickle of {@code value}. */
  public static byte[] write(Object value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.write(0x80);
    out.write(2);
    value(out, value);
    out.write('.');
    return out.toByteArray();
  }

  private static void value(ByteArrayOutputStream out, Object value) {
    if (value == null) {
      out.write('N');
    } else if (value instanceof Boolean b) {
      out.write(b ? 0x88 : 0x89);
    } else if (value instanceof Integer || value instanceof Long) {
      long v = ((Number) value).longValue();
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        out.write('J');
        int32(out, (int) v);
      } else {
        bigInteger(out, BigInteger.valueOf(v));
      }
    } else if (value instanceof BigInteger b) {
      bigInteger(out, b);
    } else if (value instanceof Double d) {
      out.write('G');
      long bits = Double.doubleToRawLongBits(d);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (bits >>> shift));
      }
    } else if (value instanceof String s) {
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.write('X');
      int32(out, bytes.length);
      out.writeBytes(bytes);
    } else if (value instanceof PickleTuple t) {
      if (t.size() == 2) {
        value(out, t.get(0));
        value(out, t.get(1));
        out.write(0x86);
      } else {
        out.write('(');
        t.items().forEach(item -> value(out, item));
        out.write('t');
      }
    } else if (value instanceof List<?> list) {
      out.write(']');
      if (!list.isEmpty()) {
        out.write('(');
        list.forEach(item -> value(out, item));
        out.write('e');
      }
    } else if (value instanceof Map<?, ?> map) {
      out.write('}');
      if (!map.isEmpty()) {
        out.write('(');
        map.forEach((k, v) -> {
          value(out, k);
          value(out, v);
        });
        out.write('u');
      }
    } else {
      throw new IllegalArgumentException("cannot pickle a " + value.getClass().getName());
    }
  }

  private static void int32(ByteArrayOutputStream out, int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  private static void bigInteger(ByteArrayOutputStream out, BigInteger v) {
    byte[] big = v.toByteArray();
    out.write(0x8a);
    out.write(big.length);
    for (int i = big.length - 1; i >= 0; i--) {
      out.write(big[i]);
    }
  }
}
