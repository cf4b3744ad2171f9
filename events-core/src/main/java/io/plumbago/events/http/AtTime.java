package io.plumbago.events.http;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * graphite-web's {@code parseATTime} for the {@code from}/{@code until} of {@code /events/get_data}, in UTC: epoch
 * seconds, a reference ({@code now}, {@code today}, {@code yesterday}, {@code tomorrow}, {@code midnight},
 * {@code noon}, {@code YYYYMMDD}, {@code HH:MM_YYYYMMDD}) followed by offsets such as {@code -1h}, {@code -2d+30min}
 * (units s, min, h, d, w, mon = 30 days, y = 365 days), Grafana's {@code now-6h} among them.
 */
final class AtTime {
  private AtTime() {}

  /** {@code text} as seconds since the epoch; {@link IllegalArgumentException} with the reason otherwise. */
  static double parse(String text, double nowSeconds) {
    String s = text.strip().toLowerCase(Locale.ROOT).replace("_", "").replace(",", "").replace(" ", "");
    if (!s.isEmpty() && s.length() <= 15 && s.chars().allMatch(Character::isDigit)
        && !(s.length() == 8 && looksLikeDate(s))) {
      return Long.parseLong(s);
    }
    int sign = firstSign(s);
    String ref = sign < 0 ? s : s.substring(0, sign);
    String offset = sign < 0 ? "" : s.substring(sign);
    return reference(ref, nowSeconds, text) + offsetSeconds(offset, text);
  }

  private static int firstSign(String s) {
    int plus = s.indexOf('+');
    int minus = s.indexOf('-');
    if (plus >= 0) {
      return plus; // graphite-web splits on '+' before '-'
    }
    return minus;
  }

  private static boolean looksLikeDate(String s) {
    return Integer.parseInt(s.substring(0, 4)) > 1900 && Integer.parseInt(s.substring(4, 6)) < 13
        && Integer.parseInt(s.substring(6)) < 32;
  }

  private static double reference(String ref, double now, String text) {
    long today = (long) Math.floor(now / 86_400) * 86_400;
    switch (ref) {
      case "":
      case "now":
        return now;
      case "today":
      case "midnight":
        return today;
      case "noon":
        return today + 12 * 3600;
      case "yesterday":
        return today - 86_400;
      case "tomorrow":
        return today + 86_400;
      default:
        break;
    }
    try {
      if (ref.length() == 8 && ref.chars().allMatch(Character::isDigit)) {
        return LocalDate.parse(ref, java.time.format.DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay()
            .toEpochSecond(ZoneOffset.UTC);
      }
      if (ref.length() == 13 && ref.charAt(2) == ':') {
        LocalTime time = LocalTime.parse(ref.substring(0, 5));
        LocalDate date = LocalDate.parse(ref.substring(5), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        return date.atTime(time).toEpochSecond(ZoneOffset.UTC);
      }
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid time: '" + text + "'");
    }
    throw new IllegalArgumentException("Invalid time: '" + text + "'");
  }

  private static double offsetSeconds(String offset, String text) {
    double total = 0;
    int i = 0;
    while (i < offset.length()) {
      int sign = 1;
      char c = offset.charAt(i);
      if (c == '+' || c == '-') {
        sign = c == '-' ? -1 : 1;
        i++;
      }
      int digits = i;
      while (i < offset.length() && Character.isDigit(offset.charAt(i))) {
        i++;
      }
      int unitStart = i;
      while (i < offset.length() && Character.isLetter(offset.charAt(i))) {
        i++;
      }
      if (digits == unitStart || unitStart == i || unitStart - digits > 9) {
        throw new IllegalArgumentException("Invalid time: '" + text + "'");
      }
      long amount = Long.parseLong(offset.substring(digits, unitStart));
      total += sign * amount * unitSeconds(offset.substring(unitStart, i), text);
    }
    return total;
  }

  private static long unitSeconds(String unit, String text) {
    if (unit.startsWith("s")) {
      return 1;
    } else if (unit.startsWith("min")) {
      return 60;
    } else if (unit.startsWith("h")) {
      return 3600;
    } else if (unit.startsWith("d")) {
      return 86_400;
    } else if (unit.startsWith("w")) {
      return 7 * 86_400;
    } else if (unit.startsWith("mon")) {
      return 30 * 86_400;
    } else if (unit.startsWith("y")) {
      return 365 * 86_400;
    }
    throw new IllegalArgumentException("Invalid offset unit '" + unit + "' in '" + text + "'");
  }
}
