package io.plumbago.carbon.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads a number the way Python's {@code float()} reads a str, which is what carbon applies to each field: an
 * optional sign, decimal digits with single underscores between them, an optional fraction and exponent, or
 * {@code inf}/{@code infinity}/{@code nan} in any case. Whatever Java's parser would also take (hex floats, a
 * {@code d}/{@code f} suffix) is refused here, as Python refuses it.
 */
public final class PythonFloat {
  private PythonFloat() {}

  /** The value of {@code length} bytes at {@code index} of {@code buf}, or {@code null} when Python would refuse. */
  public static Double parse(ByteBuf buf, int index, int length) {
    if (length <= 0) {
      return null;
    }
    // Fast path: a plain integer that fits in a double exactly needs no string.
    int i = index;
    int end = index + length;
    boolean negative = false;
    byte first = buf.getByte(i);
    if (first == '-' || first == '+') {
      negative = first == '-';
      i++;
    }
    if (i < end && end - i <= 15) {
      long acc = 0;
      int j = i;
      while (j < end) {
        byte b = buf.getByte(j);
        if (b < '0' || b > '9') {
          break;
        }
        acc = acc * 10 + (b - '0');
        j++;
      }
      if (j == end) {
        return negative ? -(double) acc : (double) acc;
      }
    }
    return parse(buf.toString(index, length, StandardCharsets.ISO_8859_1));
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
