package io.plumbago.render.format;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)}, which graphite-web's JSON output uses for every value: {@code 42.0},
 * {@code 0.0001}, {@code 1e-05}, {@code 1e+16}, {@code 1.2345678901234568e+17}. Fixed notation for decimal exponents
 * from -4 to 15, scientific otherwise. Internal to render-core.
 */
public final class PythonFloats {
  private PythonFloats() {}

  /** Whether graphite-web holds {@code v} as a Python int: values of a counting series that are whole numbers. */
  static boolean isInt(double v, boolean integral) {
    return integral && v == Math.rint(v) && Math.abs(v) < 1e18;
  }

  /**
   * Appends a non-None value as Python prints it: an int for counts ({@code isInt}), else the float repr, with
   * infinities spelt {@code Infinity} as Python's json module spells them.
   */
  static void append(StringBuilder out, double v, boolean integral) {
    if (isInt(v, integral)) {
      out.append((long) v);
    } else {
      out.append(repr(v));
    }
  }

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
    if (value == Math.rint(value) && Math.abs(value) < 1e16) {
      return (long) value + ".0"; // whole numbers print in full below 1e16, the commonest whisper values
    }
    if (Math.abs(value) < Double.MIN_NORMAL) {
      // subnormals' few bits make even one digit enough, where Java's layout keeps two (4.9E-324; Python 5e-324)
      return exact(value);
    }
    // Schubfach (in jackson-core) gives the shortest digits that read back, closest to the value among those, as
    // Python's repr does, in Double.toString's layout; Java 17's own Double.toString sometimes gives a digit too many
    String java = NumberOutput.toString(Math.abs(value), true);
    int e = java.indexOf('E');
    String mantissa = e < 0 ? java : java.substring(0, e);
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
    return layout(value < 0, all.substring(lead, end),
        point - 1 - lead + (e < 0 ? 0 : Integer.parseInt(java.substring(e + 1))));
  }

  /** {@link #repr} of a finite non-zero value found by exact decimal arithmetic (slow; subnormals and tests). */
  static String exact(double value) {
    BigDecimal shortest = shortest(Math.abs(value));
    String digits = shortest.unscaledValue().toString();
    return layout(value < 0, digits, digits.length() - 1 - shortest.scale());
  }

  /** Python's layout of {@code digits} (no leading or trailing zeros) whose first digit is worth 10^exponent. */
  private static String layout(boolean negative, String digits, int exponent) {
    StringBuilder out = new StringBuilder(24);
    if (negative) {
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
   * The shortest decimal that reads back as {@code value} and, of those as short, the closest to it, as Python's repr
   * picks it: for each length the decimals just below and just above the exact value are tried (below a power of two
   * the doubles are closer together, so the nearer one may not read back while the farther does).
   */
  private static BigDecimal shortest(double value) {
    BigDecimal exact = new BigDecimal(value);
    for (int k = 1; k <= 17; k++) {
      BigDecimal down = exact.round(new MathContext(k, RoundingMode.FLOOR));
      BigDecimal up = exact.round(new MathContext(k, RoundingMode.CEILING));
      boolean downReads = Double.parseDouble(down.toString()) == value;
      boolean upReads = Double.parseDouble(up.toString()) == value;
      if (downReads && upReads) {
        int cmp = exact.subtract(down).compareTo(up.subtract(exact));
        return (cmp < 0 ? down : cmp > 0 ? up : exact.round(new MathContext(k, RoundingMode.HALF_EVEN)))
            .stripTrailingZeros();
      }
      if (downReads || upReads) {
        return (downReads ? down : up).stripTrailingZeros();
      }
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros();
  }

}
