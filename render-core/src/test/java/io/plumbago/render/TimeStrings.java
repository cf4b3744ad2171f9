package io.plumbago.render;

import java.util.Locale;
import java.util.SplittableRandom;

/** Seeded {@code from}/{@code until} values for the time-parsing tests: every form graphite-web reads, and junk. */
final class TimeStrings {
  private static final String[] WORDS = {"now", "midnight", "noon", "teatime", "yesterday", "today", "tomorrow"};
  private static final String[] DAYS = {"yesterday", "today", "tomorrow", ""};
  private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
      "september", "october", "november", "december"};
  private static final String[] WEEKDAYS = {"sunday", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday"};
  private static final String[] UNITS = {"s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
      "h", "hr", "hour", "hours", "d", "day", "days", "w", "wk", "week", "weeks", "mon", "month", "months", "y", "yr",
      "year", "years", "m", "mo", "mi", "ms", "x", "", "sé", "hours\u00e9"};
  /** Characters junk is made of: the grammar's own, whitespace Python strips, and digits and letters beyond ASCII. */
  private static final String[] PIECES = {"0", "1", "2", "3", "5", "9", ":", "/", "+", "-", "_", ",", " ", "\t", "am",
      "pm", "a", "m", "n", "o", "s", "d", "h", "w", "y", "j", "t", "now", "noon", "jan", "mon", "sun", "\u00a0",
      "\u3000", "\u0661", "\u00b2", "\u2460", "\u00e9", "\u0130", "\u212a", "\ud835\udfcf", "\ud83d\ude00", "\u0000",
      "\n", ".", "e", "Z", "T"};

  private TimeStrings() {}

  /** One value of any kind: mostly well-formed, some mutated, some junk. */
  static String any(SplittableRandom r) {
    int kind = r.nextInt(10);
    if (kind < 6) {
      return noise(r, valid(r));
    }
    if (kind < 8) {
      return mutate(r, valid(r));
    }
    return junk(r);
  }

  /** A value in one of the forms graphite-web's parseATTime documents or reads by accident. */
  static String valid(SplittableRandom r) {
    switch (r.nextInt(14)) {
      case 0: return pick(r, WORDS);
      case 1: return timeOfDay(r) + pick(r, DAYS);
      case 2: return timeOfDay(r) + day(r);
      case 3: return day(r);
      case 4: return offset(r);
      case 5: return reference(r) + offset(r);
      case 6: return Long.toString(epoch(r));
      case 7: return String.format(Locale.ROOT, "%04d%02d%02d", 1895 + r.nextInt(10), r.nextInt(14), r.nextInt(33));
      case 8: return prefix(r, pick(r, WEEKDAYS)) + (r.nextBoolean() ? "" : offset(r));
      case 9: return dst(r);
      case 10: return r.nextBoolean() ? "" : pick(r, new String[] {"-", "+", "now-", "now+", "-0s", " now "});
      case 11: return timeOfDay(r) + "_" + String.format(Locale.ROOT, "%04d%02d%02d", 2000 + r.nextInt(60),
          1 + r.nextInt(12), 1 + r.nextInt(28));
      case 12: return String.format(Locale.ROOT, "%d/%d/%d", r.nextInt(14), r.nextInt(33), year(r));
      default: return prefix(r, pick(r, MONTHS)) + (r.nextInt(8) == 0 ? "" : r.nextInt(34))
          + (r.nextBoolean() ? "" : offset(r));
    }
  }

  private static String reference(SplittableRandom r) {
    switch (r.nextInt(4)) {
      case 0: return pick(r, WORDS);
      case 1: return timeOfDay(r) + pick(r, DAYS);
      case 2: return day(r);
      default: return timeOfDay(r);
    }
  }

  private static String timeOfDay(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0: return pick(r, new String[] {"noon", "midnight", "teatime"});
      case 1: return (1 + r.nextInt(13)) + (r.nextBoolean() ? "am" : "pm");
      case 2: return r.nextInt(25) + ":" + String.format(Locale.ROOT, "%02d", r.nextInt(61))
          + pick(r, new String[] {"", "am", "pm"});
      case 3: return r.nextInt(100) + (r.nextBoolean() ? "am" : "pm");
      case 4: return r.nextInt(3) + ":" + r.nextInt(10);
      default: return r.nextInt(24) + ":" + String.format(Locale.ROOT, "%02d", r.nextInt(60));
    }
  }

  private static String day(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0: return pick(r, DAYS);
      case 1: return String.format(Locale.ROOT, "%02d/%02d/%02d", 1 + r.nextInt(12), 1 + r.nextInt(31), r.nextInt(100));
      case 2: return String.format(Locale.ROOT, "%d/%d/%d", 1 + r.nextInt(12), 1 + r.nextInt(31), year(r));
      case 3: return String.format(Locale.ROOT, "%04d%02d%02d", year(r), 1 + r.nextInt(12), 1 + r.nextInt(31));
      case 4: return prefix(r, pick(r, MONTHS)) + (1 + r.nextInt(31));
      default: return prefix(r, pick(r, WEEKDAYS));
    }
  }

  private static int year(SplittableRandom r) {
    switch (r.nextInt(6)) {
      case 0: return r.nextInt(100);
      case 1: return 1890 + r.nextInt(30);
      case 2: return 2030 + r.nextInt(30);
      case 3: return r.nextInt(10_100);
      default: return 1970 + r.nextInt(60);
    }
  }

  private static String offset(SplittableRandom r) {
    StringBuilder out = new StringBuilder(r.nextInt(4) == 0 ? "+" : "-");
    int pairs = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
    for (int i = 0; i < pairs; i++) {
      out.append(amount(r)).append(pick(r, UNITS));
    }
    return out.toString();
  }

  private static String amount(SplittableRandom r) {
    switch (r.nextInt(8)) {
      case 0: return Long.toString(r.nextLong(1, 100_000_000_000L));
      case 1: return pick(r, new String[] {"2739726", "2739727", "33333333", "142857142", "999999999", "1000000000",
          "86399999999999", "86400000000000", "0000000000000000000000001", ""});
      case 2: return Integer.toString(r.nextInt(10_000));
      default: return Integer.toString(r.nextInt(100));
    }
  }

  private static long epoch(SplittableRandom r) {
    switch (r.nextInt(5)) {
      case 0: return r.nextLong(253_402_300_799L - 100_000, 253_402_300_799L + 100_000);
      case 1: return r.nextLong(10_000_000, 100_000_000);
      case 2: return r.nextLong(0, 100_000);
      default: return r.nextLong(0, 4_000_000_000L);
    }
  }

  /** Wall-clock times at New York's daylight-saving changes, and beyond pytz's 2037. */
  private static String dst(SplittableRandom r) {
    return pick(r, new String[] {"1:", "2:", "3:", "0:", "12:"}) + String.format(Locale.ROOT, "%02d", r.nextInt(60))
        + pick(r, new String[] {"_20240310", "_20241103", "_20231105", "_20230312", "_20500701", "_20370701",
            "_20380701", "_18830101", "_19010101", "_19420901", "_19451015", "_00010101", "_99991231", "_00010102",
            "_99991230"});
  }

  /** Graphite-web ignores case, surrounding whitespace, and underscores, commas and spaces within. */
  private static String noise(SplittableRandom r, String s) {
    if (r.nextInt(4) == 0) {
      s = r.nextBoolean() ? s.toUpperCase(Locale.ROOT) : Character.toUpperCase(s.isEmpty() ? 'x' : s.charAt(0))
          + (s.isEmpty() ? "" : s.substring(1));
    }
    if (r.nextInt(5) == 0 && !s.isEmpty()) {
      int at = r.nextInt(s.length() + 1);
      s = s.substring(0, at) + pick(r, new String[] {" ", "_", ",", "__ "}) + s.substring(at);
    }
    if (r.nextInt(6) == 0) {
      s = pick(r, new String[] {" ", "\t", "\n", "\u3000"}) + s + pick(r, new String[] {"", " ", "\r\n"});
    }
    return s;
  }

  private static String mutate(SplittableRandom r, String s) {
    StringBuilder out = new StringBuilder(s);
    for (int n = 1 + r.nextInt(2); n > 0; n--) {
      int at = out.length() == 0 ? 0 : r.nextInt(out.length());
      switch (r.nextInt(3)) {
        case 0:
          out.insert(at, pick(r, PIECES));
          break;
        case 1:
          if (out.length() > 0 && !Character.isSurrogate(out.charAt(at))) {
            out.deleteCharAt(at);
          }
          break;
        default:
          if (out.length() > 0 && !Character.isSurrogate(out.charAt(at))) {
            out.replace(at, at + 1, pick(r, PIECES));
          }
      }
    }
    return out.toString();
  }

  private static String junk(SplittableRandom r) {
    StringBuilder out = new StringBuilder();
    for (int n = r.nextInt(12); n > 0; n--) {
      out.append(pick(r, PIECES));
    }
    return out.toString();
  }

  /** The name's first three letters or more. */
  private static String prefix(SplittableRandom r, String name) {
    return name.substring(0, 3 + r.nextInt(name.length() - 2));
  }

  private static String pick(SplittableRandom r, String[] choices) {
    return choices[r.nextInt(choices.length)];
  }
}
