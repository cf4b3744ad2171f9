package io.plumbago.carbon.codec;

import java.nio.charset.StandardCharsets;

/**
 * Reads a number the way Python's {@code float()} reads a str, which is what carbon applies to each field: an
 * optional sign, decimal digits with single underscores between them, an optional fraction and exponent, or
 * {@code inf}/{@code infinity}/{@code nan} in any case. Whatever Java's parser would also take (hex floats, a
 * {@code d}/{@code f} suffix) is refused here, as Python refuses it.
 */
public final class PythonFloat {
  private PythonFloat() {}

  private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

  /**
   * The value of {@code length} bytes at {@code index} of {@code bytes} (ASCII), or {@code null} when Python would
   * refuse.
   */
  public static Double parse(byte[] bytes, int index, int length) {
    double fast = parseFast(bytes, index, length);
    if (!Double.isNaN(fast)) {
      return fast;
    }
    return length <= 0 ? null : parse(new String(bytes, index, length, StandardCharsets.ISO_8859_1));
  }

  /**
   * The common spellings without allocation: an optional sign, at most 15 digits with an optional point among them.
   * Both the digits and the power of ten are exact doubles, so one IEEE division rounds exactly as Python does.
   * NaN when the text needs the general parser.
   */
  public static double parseFast(byte[] bytes, int index, int length) {
    int i = index;
    int end = index + length;
    if (length <= 0 || length > 17) {
      return Double.NaN;
    }
    boolean negative = false;
    byte first = bytes[i];
    if (first == '-' || first == '+') {
      negative = first == '-';
      i++;
    }
    long digits = 0;
    int count = 0;
    int fraction = -1;
    for (; i < end; i++) {
      byte b = bytes[i];
      if (b >= '0' && b <= '9') {
        digits = digits * 10 + (b - '0');
        count++;
        if (fraction >= 0) {
          fraction++;
        }
      } else if (b == '.' && fraction < 0) {
        fraction = 0;
      } else {
        return Double.NaN;
      }
    }
    if (count == 0 || count > 15) {
      return Double.NaN;
    }
    double value = fraction > 0 ? digits / POWERS_OF_TEN[fraction] : digits;
    return negative ? -value : value;
  }

  /** The value of {@code text} as Python's {@code float()} reads it, or {@code null} when Python would refuse. */
  public static Double parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return null;
    }
    int i = 0;
    char sign = s.charAt(0);
    if (sign == '+' || sign == '-') {
      i++;
    }
    String body = s.substring(i).toLowerCase(java.util.Locale.ROOT);
    if (body.equals("inf") || body.equals("infinity")) {
      return sign == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (body.equals("nan")) {
      return Double.NaN;
    }
    StringBuilder clean = new StringBuilder(s.length());
    if (sign == '-') {
      clean.append('-');
    }
    int digitsBeforeExponent = 0;
    boolean seenDot = false;
    boolean seenExp = false;
    boolean expDigits = false;
    char prev = 0;
    for (int k = 0; k < body.length(); k++) {
      char c = body.charAt(k);
      if (c >= '0' && c <= '9') {
        if (seenExp) {
          expDigits = true;
        } else {
          digitsBeforeExponent++;
        }
        clean.append(c);
      } else if (c == '_') {
        // Python allows one underscore between two digits only.
        boolean nextIsDigit = k + 1 < body.length() && Character.isDigit(body.charAt(k + 1))
            && body.charAt(k + 1) < 128;
        if (!(prev >= '0' && prev <= '9') || !nextIsDigit) {
          return null;
        }
      } else if (c == '.' && !seenDot && !seenExp) {
        seenDot = true;
        clean.append(c);
      } else if (c == 'e' && !seenExp && digitsBeforeExponent > 0) {
        seenExp = true;
        clean.append(c);
        if (k + 1 < body.length() && (body.charAt(k + 1) == '+' || body.charAt(k + 1) == '-')) {
          clean.append(body.charAt(++k));
          c = body.charAt(k);
        }
      } else {
        return null;
      }
      prev = c;
    }
    if (digitsBeforeExponent == 0 || (seenExp && !expDigits)) {
      return null;
    }
    return Double.parseDouble(clean.toString());
  }
}
