package io.plumbago.client.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Carbon's two TCP formats for a batch of points: plaintext lines ({@code path value timestamp\n}) and a pickle
 * frame (a 4-byte big-endian length, then a protocol-2 pickle of a list of {@code (path, (timestamp, value))}
 * tuples, as carbon-relay sends it). Paths lose whitespace and control characters (they would split the line). Not
 * thread-safe: one per sender thread; the batch grows in place and is reused.
 */
public final class CarbonEncoder {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
  private final byte[] number = new byte[LineEncoder.MAX_NUMBER_BYTES];
  private final boolean pickle;
  private int points;

  /** An encoder for pickle frames when {@code pickle}, else plaintext lines. */
  public CarbonEncoder(boolean pickle) {
    this.pickle = pickle;
  }

  /** Starts a new batch. */
  public void reset() {
    out.reset();
    points = 0;
    if (pickle) {
      out.write(new byte[] {0, 0, 0, 0, (byte) 0x80, 2, ']', '('}, 0, 8); // length, PROTO 2, EMPTY_LIST, MARK
    }
  }

  /** Adds a point. */
  public void add(String path, long timestampSeconds, double value) {
    points++;
    String clean = sanitize(path);
    if (pickle) {
      byte[] name = clean.getBytes(StandardCharsets.UTF_8);
      out.write('X'); // BINUNICODE: 4-byte little-endian length
      writeIntLe(name.length);
      out.write(name, 0, name.length);
      if (timestampSeconds >= Integer.MIN_VALUE && timestampSeconds <= Integer.MAX_VALUE) {
        out.write('J'); // BININT: 4-byte little-endian signed
        writeIntLe((int) timestampSeconds);
      } else {
        out.write(0x8a); // LONG1: 8 bytes little-endian two's complement
        out.write(8);
        writeIntLe((int) timestampSeconds);
        writeIntLe((int) (timestampSeconds >>> 32));
      }
      out.write('G'); // BINFLOAT: 8-byte big-endian IEEE 754
      long bits = Double.doubleToLongBits(value);
      for (int shift = 56; shift >= 0; shift -= 8) {
        out.write((int) (bits >>> shift));
      }
      out.write(0x86); // TUPLE2 (timestamp, value)
      out.write(0x86); // TUPLE2 (path, (timestamp, value))
    } else {
      byte[] name = clean.getBytes(StandardCharsets.UTF_8);
      out.write(name, 0, name.length);
      out.write(' ');
      out.write(number, 0, LineEncoder.writeDouble(number, 0, value));
      out.write(' ');
      out.write(number, 0, LineEncoder.writeLong(number, 0, timestampSeconds));
      out.write('\n');
    }
  }

  /** Points in the batch. */
  public int points() {
    return points;
  }

  /** The finished batch: lines, or one pickle frame. */
  public byte[] finish() {
    if (!pickle) {
      return out.toByteArray();
    }
    out.write('e'); // APPENDS
    out.write('.'); // STOP
    byte[] frame = out.toByteArray();
    int length = frame.length - 4;
    frame[0] = (byte) (length >>> 24);
    frame[1] = (byte) (length >>> 16);
    frame[2] = (byte) (length >>> 8);
    frame[3] = (byte) length;
    return frame;
  }

  private void writeIntLe(int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }

  /** Whitespace and control characters become {@code _}: carbon splits a line on whitespace. */
  static String sanitize(String path) {
    StringBuilder clean = null;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isISOControl(c)) {
        if (clean == null) {
          clean = new StringBuilder(path);
        }
        clean.setCharAt(i, '_');
      }
    }
    return clean == null ? path : clean.toString();
  }
}
