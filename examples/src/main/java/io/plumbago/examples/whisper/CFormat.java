package io.plumbago.examples.whisper;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * C's {@code printf} conversions that whisper's scripts print numbers with ({@code %f}, {@code %g},
 * {@code %10.35g}), computed from the exact binary value as glibc does, so the text matches to the last digit.
 */
final class CFormat {
  private CFormat() {}

  /** {@code "%f" % value}: six decimals, rounded half to even from the exact value. */
  static String f(double value) {
    if (!Double.isFinite(value)) {
      return special(value);
    }
    String text = new BigDecimal(value).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
    return negative(value) && !text.startsWith("-") ? "-" + text : text;
  }

  /**
   * {@code "%<width>.<precision>g" % value}: {@code precision} significant digits, scientific when the exponent is
   * below -4 or at least the precision, trailing zeros removed, right-aligned in {@code width} characters.
   */
  static String g(double value, int width, int precision) {
    String text;
    if (!Double.isFinite(value)) {
      text = special(value);
    } else if (value == 0) {
      text = negative(value) ? "-0" : "0";
    } else {
      BigDecimal rounded = new BigDecimal(value).round(new MathContext(precision, RoundingMode.HALF_EVEN));
      int exponent = rounded.precision() - rounded.scale() - 1;
      if (exponent < -4 || exponent >= precision) {
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        String digits = mantissa.toPlainString();
        text = digits + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
      } else {
        text = rounded.stripTrailingZeros().toPlainString();
      }
    }
    return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
  }

  private static boolean negative(double value) {
    return value < 0 || (value == 0 && 1 / value < 0);
  }

  private static String special(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    return value > 0 ? "inf" : "-inf";
  }
}
