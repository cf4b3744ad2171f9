package io.plumbago.render.format;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes plain values as a pickle (protocol 2) that graphite-web's safe unpickler reads: maps as dicts, lists as
 * lists, {@code Object[]} as tuples, strings, integers, doubles, booleans and null (None). Nothing else is accepted, so
 * an answer never names Python code.
 */
public final class Pickler {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(4096);

  private Pickler() {}

  /** The pickle of {@code value}. */
  public static byte[] dumps(Object value) {
    Pickler p = new Pickler();
    p.out.write(0x80);
    p.out.write(2);
    p.value(value);
    p.out.write('.');
    return p.out.toByteArray();
  }

  private void value(Object v) {
    if (v == null) {
      out.write('N');
    } else if (v instanceof Boolean b) {
      out.write(b ? 0x88 : 0x89);
    } else if (v instanceof String s) {
      string(s);
    } else if (v instanceof Integer || v instanceof Long) {
      integer(((Number) v).longValue());
    } else if (v instanceof BigInteger big) {
      if (big.bitLength() >= 64) {
        throw new IllegalArgumentException("integer too large to pickle here: " + big);
      }
      integer(big.longValue());
    } else if (v instanceof Double || v instanceof Float) {
      real(((Number) v).doubleValue());
    } else if (v instanceof Map<?, ?> map) {
      out.write('}');
      if (!map.isEmpty()) {
        out.write('(');
        for (Map.Entry<?, ?> e : map.entrySet()) {
          value(e.getKey());
          value(e.getValue());
        }
        out.write('u');
      }
    } else if (v instanceof List<?> list) {
      out.write(']');
      if (!list.isEmpty()) {
        out.write('(');
        for (Object item : list) {
          value(item);
        }
        out.write('e');
      }
    } else if (v instanceof Object[] tuple) {
      out.write('(');
      for (Object item : tuple) {
        value(item);
      }
      out.write('t');
    } else {
      throw new IllegalArgumentException("not a plain value: " + v.getClass().getName());
    }
  }

  private void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write('X');
    le32(b.length);
    out.write(b, 0, b.length);
  }

  private void integer(long v) {
    if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      out.write('J');
      le32((int) v);
    } else {
      out.write(0x8a); // LONG1: little-endian two's complement
      out.write(8);
      for (int i = 0; i < 8; i++) {
        out.write((int) (v >>> (8 * i)) & 0xff);
      }
    }
  }

  private void real(double v) {
    out.write('G');
    long bits = Double.doubleToLongBits(v);
    for (int i = 7; i >= 0; i--) {
      out.write((int) (bits >>> (8 * i)) & 0xff);
    }
  }

  private void le32(int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
    out.write((v >>> 16) & 0xff);
    out.write((v >>> 24) & 0xff);
  }
}
