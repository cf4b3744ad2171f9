package io.plumbago.render.format;

import io.plumbago.render.eval.Series;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * graphite-web's {@code format=pickle}: a pickled list of dicts ({@code name, start, end, step, values,
 * pathExpression, valuesPerPoint, consolidationFunc, xFilesFactor}), as graphite-web's remote finder reads it. Written
 * in pickle protocol 2 from plain values only.
 */
public final class PickleFormat {
  private PickleFormat() {}

  /** The pickle body. */
  public static byte[] write(List<Series> series) {
    Out out = new Out();
    out.write(0x80);
    out.write(2);
    out.write(']');
    if (!series.isEmpty()) {
      out.write('(');
      for (Series s : series) {
        out.write('}');
        out.write('(');
        out.string("name");
        out.string(s.name());
        out.string("start");
        out.integer(s.start());
        out.string("end");
        out.integer(s.end());
        out.string("step");
        out.integer(s.step());
        out.string("values");
        out.write(']');
        double[] values = s.iterated();
        if (values.length > 0) {
          out.write('(');
          for (double v : values) {
            if (Double.isNaN(v)) {
              out.write('N');
            } else if (s.integral() && v == Math.rint(v) && Math.abs(v) < 1e18) {
              out.integer((long) v);
            } else {
              out.real(v);
            }
          }
          out.write('e');
        }
        out.string("pathExpression");
        out.string(s.pathExpression());
        out.string("valuesPerPoint");
        out.integer(s.valuesPerPoint());
        out.string("consolidationFunc");
        out.string(s.consolidationFunc());
        out.string("xFilesFactor");
        out.real(s.xFilesFactor());
        out.write('u');
      }
      out.write('e');
    }
    out.write('.');
    return out.toByteArray();
  }

  private static final class Out extends ByteArrayOutputStream {
    Out() {
      super(4096);
    }

    void string(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      write('X');
      le32(b.length);
      write(b, 0, b.length);
    }

    void integer(long v) {
      if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
        write('J');
        le32((int) v);
      } else {
        write(0x8a); // LONG1: little-endian two's complement
        write(8);
        for (int i = 0; i < 8; i++) {
          write((int) (v >>> (8 * i)) & 0xff);
        }
      }
    }

    void real(double v) {
      write('G');
      long bits = Double.doubleToLongBits(v);
      for (int i = 7; i >= 0; i--) {
        write((int) (bits >>> (8 * i)) & 0xff);
      }
    }

    private void le32(int v) {
      write(v & 0xff);
      write((v >>> 8) & 0xff);
      write((v >>> 16) & 0xff);
      write((v >>> 24) & 0xff);
    }
  }
}
