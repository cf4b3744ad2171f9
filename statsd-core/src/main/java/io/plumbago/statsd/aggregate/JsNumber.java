package io.plumbago.statsd.aggregate;

/**
 * JavaScript's {@code Number(string)}, which Etsy statsd applies to every value: surrounding whitespace ignored,
 * decimal with optional exponent, {@code 0x}/{@code 0o}/{@code 0b} integers, {@code Infinity}; anything else is NaN.
 * An empty string is 0, but statsd's {@code isNumber} refuses it, see {@link #isNumber}.
 */
public final class JsNumber {
  private JsNumber() {}

  /** {@code Number(text)}; NaN when JavaScript would give NaN. */
  public static double parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      return 0;
    }
    if (s.length() > 2 && s.charAt(0) == '0') {
      int radix = switch (s.charAt(1)) {
        case 'x', 'X' -> 16;
        case 'o', 'O' -> 8;
        case 'b', 'B' -> 2;
        default -> 0;
      };
      if (radix != 0) {
        double value = 0;
        for (int i = 2; i < s.length(); i++) {
          int digit = Character.digit(s.charAt(i), radix);
          if (digit < 0) {
            return Double.NaN;
          }
          value = value * radix + digit;
        }
        return value;
      }
    }
    int i = 0;
    if (s.charAt(0) == '+' || s.charAt(0) == '-') {
      i++;
    }
    if (s.startsWith("Infinity", i) && s.length() == i + 8) {
      return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    boolean digits = false;
    boolean dot = false;
    boolean exp = false;
    boolean expDigits = false;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        if (exp) {
          expDigits = true;
        } else {
          digits = true;
        }
      } else if (c == '.' && !dot && !exp) {
        dot = true;
      } else if ((c == 'e' || c == 'E') && digits && !exp) {
        exp = true;
        if (i + 1 < s.length() && (s.charAt(i + 1) == '+' || s.charAt(i + 1) == '-')) {
          i++;
        }
      } else {
        return Double.NaN;
      }
    }
    if (!digits || (exp && !expDigits)) {
      return Double.NaN;
    }
    return Double.parseDouble(s);
  }

  /** statsd's {@code isNumber}: non-empty and not NaN. */
  public static boolean isNumber(String text) {
    return !text.isEmpty() && !Double.isNaN(parse(text));
  }
}
