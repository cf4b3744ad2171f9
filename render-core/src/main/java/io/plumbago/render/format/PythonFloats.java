package io.plumbago.render.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, which graphite-web's JSON output uses for every value: {@code 42.0},
 * {@code 0.0001}, {@code 1e-05}, {@code 1e+16}, {@code 1.2345678901234568e+17}. Fixed notation for decimal exponents
 * from -4 to 15, scientific otherwise. Internal to render-core.
 */
public final class PythonFloats {
  /**
   * From Java 19 on, {@code Double.toString} gives the shortest digits that read back, closest to the value among
   * those (JDK-4511638), which is what Python prints; Java 17's sometimes gives one digit too many.
   */
  private static final boolean SHORTEST_TO_STRING = Runtime.version().feature() >= 19;

  private PythonFloats() {}

  /** {@code repr(value)}; {@code nan}, {@code inf} and {@code -inf} spelt as Python's json module spells them. */
  public static String repr(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    if (value == 0) {
      return (1 / value < 0) ? "-0.0" : "0.0";
    }
    String digits;
    int exponent; // the power of ten of the first digit
    String jdk = Double.toString(Math.abs(value));
    int e = jdk.indexOf('E');
    String mantissa = e < 0 ? jdk : jdk.substring(0, e);
    int point = mantissa.indexOf('.');
    String all = mantissa.substring(0, point) + mantissa.substring(point + 1);
    int lead = 0;
    while (lead < all.length() - 1 && all.charAt(lead) == '0') {
      lead++;
    }
    int end = all.length();
    while (end > lead + 1 && all.charAt(end - 1) == '0') {
      end--;
    }
    if ((end - lead <= 15 || SHORTEST_TO_STRING) && Math.abs(value) >= Double.MIN_NORMAL) {
      // Java's digits round-trip; with at most 15 of them no shorter decimal can name the same double (every
      // 15-digit decimal survives a trip through a double), so they are the shortest, which Python prints. Not so
      // for subnormals, whose few bits make even one digit enough (Java prints 4.9E-324, Python 5e-324).
      digits = all.substring(lead, end);
      exponent = point - 1 - lead + (e < 0 ? 0 : Integer.parseInt(jdk.substring(e + 1)));
    } else {
      BigDecimal shortest = shortest(Math.abs(value));
      digits = shortest.unscaledValue().toString();
      exponent = digits.length() - 1 - shortest.scale();
    }
    StringBuilder out = new StringBuilder(24);
    if (value < 0) {
      out.append('-');
    }
    if (exponent >= -5 + 1 && exponent < 16) {
      if (exponent >= 0) {
        if (digits.length() <= exponent + 1) {
          out.append(digits).append("0".repeat(exponent + 1 - digits.length())).append(".0");
        } else {
          out.append(digits, 0, exponent + 1).append('.').append(digits, exponent + 1, digits.length());
        }
      } else {
        out.append("0.").append("0".repeat(-exponent - 1)).append(digits);
      }
    } else {
      out.append(digits.charAt(0));
      if (digits.length() > 1) {
        out.append('.').append(digits, 1, digits.length());
      }
      out.append('e').append(exponent < 0 ? '-' : '+');
      int abs = Math.abs(exponent);
      if (abs < 10) {
        out.append('0');
      }
      out.append(abs);
    }
    return out.toString();
  }

  /**
   * The shortest decimal that reads back as {@code value}, correctly rounded, as Python's repr picks it. Java 17's
   * {@code Double.toString} sometimes gives a digit too many, so its length is only the starting point.
   */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    int digits = new BigDecimal(Double.toString(value)).stripTrailingZeros().precision();
    BigDecimal best = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
    if (best.doubleValue() != value) {
      best = new BigDecimal(Double.toString(value));
    }
    for (int k = digits - 1; k >= 1; k--) {
      BigDecimal candidate = exact.round(new MathContext(k, RoundingMode.HALF_EVEN));
      if (candidate.doubleValue() != value) {
        break;
      }
      best = candidate;
    }
    return best.stripTrailingZeros();
  }
}
