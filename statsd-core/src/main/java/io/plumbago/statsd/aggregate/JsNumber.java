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

  /**
   * JavaScript's {@code String(number)}, as Etsy's graphite backend writes values: no {@code .0} on integers, the
   * shortest digits that read back, and an exponent only below 1e-6 or from 1e21 up ({@code 1e+21}, {@code 1e-7}).
   */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return "0";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e18) {
      return Long.toString((long) value);
    }
    java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int k = digits.length();
    int n = k - exact.scale(); // value = 0.digits * 10^n
    StringBuilder out = new StringBuilder(value < 0 ? "-" : "");
    if (k <= n && n <= 21) {
      out.append(digits).append("0".repeat(n - k));
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.").append("0".repeat(-n)).append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      out.append('e').append(n - 1 >= 0 ? "+" : "-").append(Math.abs(n - 1));
    }
    return out.toString();
  }
}
