package io.plumbago.render.functions;

import io.plumbago.render.RenderException;

/**
 * graphite-web's {@code parseTimeOffset} for function arguments such as {@code '5min'}, {@code '-1d'},
 * {@code '1h30min'}: an optional sign, then number-unit pairs; months are 30 days, years 365.
 */
public final class Intervals {
  private Intervals() {}

  /** {@code offset} in seconds, signed; "" is 0. A 400 for anything else. */
  public static long seconds(String offset) {
    if (offset.isEmpty()) {
      return 0;
    }
    int sign = 1;
    int i = 0;
    char first = offset.charAt(0);
    if (!Character.isDigit(first)) {
      if (first == '+' || first == '-') {
        sign = first == '-' ? -1 : 1;
        i = 1;
      } else {
        throw invalid(offset);
      }
    }
    long total = 0;
    while (i < offset.length()) {
      int digits = i;
      while (digits < offset.length() && Character.isDigit(offset.charAt(digits))) {
        digits++;
      }
      if (digits == i || digits - i > 12) {
        throw invalid(offset);
      }
      long num = Long.parseLong(offset.substring(i, digits));
      int letters = digits;
      while (letters < offset.length() && Character.isLetter(offset.charAt(letters))) {
        letters++;
      }
      total += sign * num * unitSeconds(offset.substring(digits, letters), offset);
      i = letters;
    }
    return total;
  }

  private static long unitSeconds(String unit, String offset) {
    if (unit.startsWith("s")) {
      return 1;
    }
    if (unit.startsWith("min")) {
      return 60;
    }
    if (unit.startsWith("h")) {
      return 3600;
    }
    if (unit.startsWith("d")) {
      return 86_400;
    }
    if (unit.startsWith("w")) {
      return 7 * 86_400;
    }
    if (unit.startsWith("mon")) {
      return 30 * 86_400;
    }
    if (unit.startsWith("y")) {
      return 365 * 86_400;
    }
    throw invalid(offset);
  }

  private static RenderException invalid(String offset) {
    return new RenderException(400, "Invalid offset: '" + offset + "'");
  }
}
