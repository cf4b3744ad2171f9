package io.plumbago.carbon.codec;

import io.netty.buffer.ByteBuf;
import io.plumbago.carbon.CarbonProtocolException;
import io.plumbago.carbon.PointSink;
import java.nio.charset.StandardCharsets;

/**
 * Parses one carbon plaintext line, {@code <path> <value> <timestamp>}, with carbon's rules, and hands the point to a
 * {@link PointSink}. Fields are split on any run of whitespace and each number is read as Python's {@code float()}
 * reads it; a NaN value is dropped without complaint, and a timestamp whose integer part is {@code -1} means "now".
 * Where carbon would pass a point on that whisper then silently loses (a negative timestamp, or one at or past
 * 2<sup>32</sup> seconds that makes whisper drop the whole batch), this parser refuses the line instead, so it is
 * counted. Thread-safe: each thread parses in its own scratch array.
 */
public final class PlaintextLineParser {
  /** Longest text of a bad line quoted in an error message, as carbon's log cuts it. */
  static final int QUOTE_LIMIT = 400;
  /** Each thread's copy of the line being parsed. */
  private final ThreadLocal<byte[]> scratch = ThreadLocal.withInitial(() -> new byte[256]);

  /**
   * Parses the readable bytes of {@code line} (without its newline; a trailing {@code \r} is whitespace) and passes
   * the point to {@code sink}. Returns {@code true} when the sink took a point, {@code false} when the line carried a
   * NaN (dropped, as carbon drops it) or was blank. Throws {@link CarbonProtocolException} for a bad line.
   */
  public boolean parse(ByteBuf line, long nowSeconds, PointSink sink) {
    // One bulk copy out of the (usually direct) buffer, then plain array reads: no bounds and reference-count check
    // per byte.
    int length = line.readableBytes();
    byte[] bytes = scratch.get();
    if (bytes.length < length) {
      bytes = new byte[Math.max(length, bytes.length * 2)];
      scratch.set(bytes);
    }
    line.getBytes(line.readerIndex(), bytes, 0, length);
    return parse(bytes, 0, length, nowSeconds, sink);
  }

  /** {@link #parse(ByteBuf, long, PointSink)} for the line in {@code bytes[start, end)}. */
  public boolean parse(byte[] bytes, int start, int end, long nowSeconds, PointSink sink) {
    // One pass: the three fields, split on runs of whitespace, and whether any byte is outside ASCII.
    int nameStart = -1;
    int nameEnd = -1;
    int valueStart = -1;
    int valueEnd = -1;
    int timeStart = -1;
    int timeEnd = -1;
    int fields = 0;
    int high = 0;
    boolean inField = false;
    for (int i = start; i < end; i++) {
      byte b = bytes[i];
      high |= b;
      boolean space = isSpace(b);
      if (!space && !inField) {
        inField = true;
        fields++;
        switch (fields) {
          case 1 -> nameStart = i;
          case 2 -> valueStart = i;
          case 3 -> timeStart = i;
          default -> throw bad(bytes, start, end, "expected 3 fields, found more");
        }
      } else if (space && inField) {
        inField = false;
        switch (fields) {
          case 1 -> nameEnd = i;
          case 2 -> valueEnd = i;
          default -> timeEnd = i;
        }
      }
    }
    if (inField) {
      switch (fields) {
        case 1 -> nameEnd = end;
        case 2 -> valueEnd = end;
        default -> timeEnd = end;
      }
    }
    if (fields == 0) {
      return false;
    }
    if (fields != 3) {
      throw bad(bytes, start, end, "expected 3 fields, found " + fields);
    }
    boolean ascii = high >= 0;
    if (!ascii && !isUtf8(bytes, start, end)) {
      throw bad(bytes, start, end, "not UTF-8");
    }
    double value = number(bytes, start, end, valueStart, valueEnd, "value");
    double timestamp = number(bytes, start, end, timeStart, timeEnd, "timestamp");
    if (Double.isNaN(value)) {
      return false;
    }
    long seconds = CarbonTimestamps.toSeconds(timestamp, nowSeconds);
    if (seconds == CarbonTimestamps.REFUSED) {
      throw bad(bytes, start, end, "timestamp out of range [0, 2^32)");
    }
    // ASCII is its own Latin-1, which Java copies straight into a compact string
    String metric = new String(bytes, nameStart, nameEnd - nameStart,
        ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    sink.accept(metric, seconds, value);
    return true;
  }

  private static boolean isUtf8(byte[] bytes, int start, int end) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes, start, end - start));
      return true;
    } catch (java.nio.charset.CharacterCodingException e) {
      return false;
    }
  }

  /** A field as Python's float() reads it: the allocation-free path first, the general one when it declines. */
  private static double number(byte[] bytes, int lineStart, int lineEnd, int start, int end, String what) {
    double fast = PythonFloat.parseFast(bytes, start, end - start);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    Double slow = PythonFloat.parse(new String(bytes, start, end - start, StandardCharsets.ISO_8859_1));
    if (slow == null) {
      throw bad(bytes, lineStart, lineEnd, what + " is not a number");
    }
    return slow;
  }

  /** Python's {@code str.split()} whitespace within ASCII. */
  static boolean isSpace(byte b) {
    return b == ' ' || (b >= 0x09 && b <= 0x0d) || (b >= 0x1c && b <= 0x1f);
  }

  private static CarbonProtocolException bad(byte[] bytes, int start, int end, String why) {
    int length = Math.min(end - start, QUOTE_LIMIT);
    String text = new String(bytes, start, length, StandardCharsets.UTF_8);
    StringBuilder quoted = new StringBuilder(text.length() + 16);
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c < 0x20 || c == 0x7f) {
        quoted.append(String.format("\\x%02x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return new CarbonProtocolException("invalid line (" + why + "): " + quoted);
  }
}
