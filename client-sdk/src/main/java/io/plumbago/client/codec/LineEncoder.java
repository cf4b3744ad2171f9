package io.plumbago.client.codec;

import java.nio.charset.StandardCharsets;

/**
 * Writes StatsD lines ({@code prefix.name:value|type|@rate|#tags}) as UTF-8 straight into a byte array, without
 * allocating: every method takes the array and a position and returns the position after what it wrote. The caller
 * sizes the array with {@link #worstCaseBytes}. Stateless apart from the prefix and constant tags it was built with;
 * thread-safe.
 *
 * <p>Sanitising: in names and set members every {@code :}, {@code |}, {@code @}, {@code #}, whitespace, control
 * character and line break becomes {@code _}; in tags the first {@code :} (between key and value) is kept and
 * {@code ,} also becomes {@code _}. A lone UTF-16 surrogate becomes {@code _}. So no input can end a line, a field or
 * a tag early.
 */
public final class LineEncoder {
  /** Longest text of a long ({@code -9223372036854775808}) or of a double we write. */
  public static final int MAX_NUMBER_BYTES = 32;
  private static final byte[] NAME_TABLE = table(":|@#");
  private static final byte[] TAG_TABLE = table(":|@#,");
  private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
      100_000_000, 1_000_000_000};
  /** Integers up to here are exact in a double and short to print. */
  private static final double LONG_LIMIT = 1e15;

  private final byte[] prefix;
  private final byte[] constantTags;

  /**
   * An encoder that starts every name with {@code prefix} and a dot (none when empty) and adds {@code constantTags}
   * before a call's own tags.
   */
  public LineEncoder(String prefix, String... constantTags) {
    byte[] scratch = new byte[4 * (prefix.length() + 1) + 8];
    int p = 0;
    if (!prefix.isEmpty()) {
      p = writeName(scratch, 0, prefix);
      scratch[p++] = '.';
    }
    this.prefix = java.util.Arrays.copyOf(scratch, p);
    int length = 0;
    for (String tag : constantTags) {
      length += tag == null ? 0 : 4 * tag.length() + 1;
    }
    byte[] tags = new byte[length];
    int t = 0;
    for (String tag : constantTags) {
      if (tag != null && !tag.isEmpty()) {
        if (t > 0) {
          tags[t++] = ',';
        }
        t = writeTag(tags, t, tag);
      }
    }
    this.constantTags = java.util.Arrays.copyOf(tags, t);
  }

  private static byte[] table(String breakers) {
    byte[] table = new byte[128];
    for (int c = 0; c < 128; c++) {
      table[c] = (byte) (breakers.indexOf(c) >= 0 || Character.isWhitespace(c) || c < 0x20 || c == 0x7f ? '_' : c);
    }
    return table;
  }

  /** Bytes of the prefix and constant tags, which every line carries. */
  public int fixedBytes() {
    return prefix.length + constantTags.length + 8;
  }

  /**
   * The most bytes one line can take: fixed parts, up to 3 UTF-8 bytes per char of {@code name}, {@code member} and
   * the tags, a value, a type and a sample rate. A negative result never happens; null strings count 0.
   */
  public int worstCaseBytes(String name, String t1, String t2, String[] more) {
    long chars = length(name) + length(t1) + length(t2) + 3;
    if (more != null) {
      for (String tag : more) {
        chars += length(tag) + 1;
      }
    }
    return (int) Math.min(Integer.MAX_VALUE / 2, 3 * chars + fixedBytes() + 2L * MAX_NUMBER_BYTES + 8);
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  /** Writes the prefix, the sanitised {@code name} and {@code :}. */
  public int head(byte[] out, int p, String name) {
    System.arraycopy(prefix, 0, out, p, prefix.length);
    p = writeName(out, p + prefix.length, name);
    out[p] = ':';
    return p + 1;
  }

  /**
   * Writes {@code |type}, {@code |@rate} when {@code rate < 1}, the tags ({@code |#constant,t1,t2,more...}; null and
   * empty tags skipped) and the closing newline.
   */
  public int tail(byte[] out, int p, byte[] type, double rate, String t1, String t2, String[] more) {
    out[p++] = '|';
    System.arraycopy(type, 0, out, p, type.length);
    p += type.length;
    if (rate < 1) {
      out[p++] = '|';
      out[p++] = '@';
      p = writeDouble(out, p, rate);
    }
    int tagsAt = p;
    out[p++] = '|';
    out[p++] = '#';
    int first = p;
    System.arraycopy(constantTags, 0, out, p, constantTags.length);
    p += constantTags.length;
    p = tagIfAny(out, p, first, t1);
    p = tagIfAny(out, p, first, t2);
    if (more != null) {
      for (String tag : more) {
        p = tagIfAny(out, p, first, tag);
      }
    }
    if (p == first) {
      p = tagsAt;
    }
    out[p] = '\n';
    return p + 1;
  }

  private static int tagIfAny(byte[] out, int p, int first, String tag) {
    if (tag == null || tag.isEmpty()) {
      return p;
    }
    if (p > first) {
      out[p++] = ',';
    }
    return writeTag(out, p, tag);
  }

  /** Writes {@code name} sanitised (see the class comment). */
  public static int writeName(byte[] out, int p, String name) {
    return write(out, p, name, NAME_TABLE, false);
  }

  /** Writes {@code tag} sanitised, keeping its first {@code :}. */
  public static int writeTag(byte[] out, int p, String tag) {
    return write(out, p, tag, TAG_TABLE, true);
  }

  private static int write(byte[] out, int p, String s, byte[] table, boolean keepFirstColon) {
    boolean colon = keepFirstColon;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c == ':' && colon) {
          colon = false;
          out[p++] = ':';
        } else {
          out[p++] = table[c];
        }
      } else if (c <= 0x9f) {
        out[p++] = '_'; // C1 controls, NEL among them
      } else if (c < 0x800) {
        out[p++] = (byte) (0xc0 | c >> 6);
        out[p++] = (byte) (0x80 | c & 0x3f);
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          out[p++] = (byte) (0xf0 | cp >> 18);
          out[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
          out[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
          out[p++] = (byte) (0x80 | cp & 0x3f);
        } else {
          out[p++] = '_';
        }
      } else if (Character.isWhitespace(c) || c == '\u2028' || c == '\u2029') {
        out[p++] = '_';
      } else {
        out[p++] = (byte) (0xe0 | c >> 12);
        out[p++] = (byte) (0x80 | c >> 6 & 0x3f);
        out[p++] = (byte) (0x80 | c & 0x3f);
      }
    }
    return p;
  }

  /** Writes {@code value} in decimal. */
  public static int writeLong(byte[] out, int p, long value) {
    if (value == Long.MIN_VALUE) {
      byte[] min = "-9223372036854775808".getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(min, 0, out, p, min.length);
      return p + min.length;
    }
    if (value < 0) {
      out[p++] = '-';
      value = -value;
    }
    int digits = 1;
    for (long v = value; v >= 10; v /= 10) {
      digits++;
    }
    int end = p + digits;
    for (int i = end - 1; i >= p; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
    return end;
  }

  /** Writes {@code unscaled / 10^scale} in decimal, e.g. (12345, 3) as {@code 12.345}, trailing zeros dropped. */
  public static int writeScaled(byte[] out, int p, long unscaled, int scale) {
    while (scale > 0 && unscaled % 10 == 0) {
      unscaled /= 10;
      scale--;
    }
    if (scale == 0) {
      return writeLong(out, p, unscaled);
    }
    if (unscaled < 0) {
      out[p++] = '-';
      unscaled = -unscaled;
    }
    long whole = unscaled / POWERS_OF_TEN[scale];
    long fraction = unscaled % POWERS_OF_TEN[scale];
    p = writeLong(out, p, whole);
    out[p++] = '.';
    for (int i = scale - 1; i >= 0; i--) {
      out[p + i] = (byte) ('0' + fraction % 10);
      fraction /= 10;
    }
    return p + scale;
  }

  /**
   * Writes a finite {@code value} so that parsing the text gives back exactly {@code value}: integers and values with
   * up to 9 decimals that are exact at that scale without allocating, anything else as {@link Double#toString}.
   */
  public static int writeDouble(byte[] out, int p, double value) {
    if (value == Math.rint(value) && Math.abs(value) < LONG_LIMIT) {
      return writeLong(out, p, (long) value);
    }
    for (int scale = 1; scale < POWERS_OF_TEN.length; scale++) {
      double power = POWERS_OF_TEN[scale];
      double scaled = value * power;
      // parsing "m / 10^k" rounds the same rational number that this exact division rounds, so equal means exact
      if (scaled == Math.rint(scaled) && Math.abs(scaled) < LONG_LIMIT && scaled / power == value) {
        return writeScaled(out, p, (long) scaled, scale);
      }
    }
    String text = Double.toString(value);
    for (int i = 0; i < text.length(); i++) {
      out[p++] = (byte) text.charAt(i);
    }
    return p;
  }
}
