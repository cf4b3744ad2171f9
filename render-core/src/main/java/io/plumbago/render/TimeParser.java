package io.plumbago.render;

import java.util.Locale;

/**
 * graphite-web's {@code from}/{@code until} values, the subset the foundation needs: {@code now}, epoch seconds, and
 * relative offsets such as {@code -10min}, {@code -1h}, {@code -7d}, {@code -2w}, {@code -1mon} (30 days) and
 * {@code -1y} (365 days), with graphite-web's unit spellings. Anything else is a {@link RenderException} (400).
 */
public final class TimeParser {
  private TimeParser() {}

  /** {@code text} as seconds since the epoch, relative to {@code nowSeconds}. */
  public static long parse(String text, long nowSeconds) {
    String s = text.strip().toLowerCase(Locale.ROOT);
    if (s.equals("now")) {
      return nowSeconds;
    }
    if (!s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 12) {
      return Long.parseLong(s);
    }
    if (s.startsWith("-") || s.startsWith("+")) {
      int sign = s.charAt(0) == '-' ? -1 : 1;
      int i = 1;
      while (i < s.length() && Character.isDigit(s.charAt(i))) {
        i++;
      }
      if (i > 1 && i <= 10) {
        long amount = Long.parseLong(s.substring(1, i));
        long unit = unitSeconds(s.substring(i));
        if (unit > 0) {
          return nowSeconds + sign * amount * unit;
        }
      }
    }
    throw new RenderException(400, "Invalid time: '" + text + "'");
  }

  private static long unitSeconds(String unit) {
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
    return -1;
  }
}
