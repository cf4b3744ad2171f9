package io.plumbago.render.time;

import static io.plumbago.render.time.PyText.clean;
import static io.plumbago.render.time.PyText.count;
import static io.plumbago.render.time.PyText.find;
import static io.plumbago.render.time.PyText.indexOf;
import static io.plumbago.render.time.PyText.isDigit;
import static io.plumbago.render.time.PyText.isDigits;
import static io.plumbago.render.time.PyText.isSpace;
import static io.plumbago.render.time.PyText.isWord;
import static io.plumbago.render.time.PyText.startsWith;
import static io.plumbago.render.time.PyText.tail;

import io.plumbago.render.RenderException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;

/**
 * graphite-web 1.1.8's {@code parseATTime}, step for step, so that every string it accepts means the same instant
 * here and every string it rejects is a {@link RenderException} (400). The text is handled as Python handles a
 * {@code str}: as code points, with Python's whitespace, {@code isdigit}, {@code isalpha} and {@code int()} (which
 * takes any Unicode decimal digit, surrounding whitespace, and at most 4300 digits). Wall-clock times are those of a
 * {@link PytzZone}; out-of-range dates fail where Python's {@code datetime} would overflow. Internal to render-core:
 * use {@link io.plumbago.render.TimeParser}.
 */
public final class AtTime {
  /** 0001-01-01T00:00:00 and 9999-12-31T23:59:59, the range of Python's datetime, as seconds of the epoch. */
  private static final long MIN = -62_135_596_800L;
  private static final long MAX = 253_402_300_799L;
  private static final long DAY = 86_400;
  /** timedelta's limit, in seconds: days in [-999999999, 999999999]. */
  private static final long DELTA_MIN = -999_999_999L * DAY;
  private static final long DELTA_MAX = 999_999_999L * DAY + DAY - 1;
  /** Where int() values saturate: every use rejects anything this large. */
  private static final long HUGE = 1_000_000_000_000_000L;
  private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
      "dec"};
  private static final String[] WEEKDAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

  private final String text;
  private final PytzZone zone;

  private AtTime(String text, ZoneId zone) {
    this.text = text;
    this.zone = new PytzZone(zone);
  }

  /**
   * {@code text} as seconds of the epoch, read in {@code zone} relative to {@code nowSeconds}.
   *
   * @throws RenderException (400) for anything graphite-web rejects
   * @throws IllegalArgumentException when {@code nowSeconds} is outside the years 1 to 9999
   */
  public static long parse(String text, long nowSeconds, ZoneId zone) {
    return new AtTime(text, zone).parse(nowSeconds);
  }

  /**
   * graphite-web's {@code parseTimeOffset} of a function argument such as {@code '5min'}, {@code '-1d'} or
   * {@code '+1h30min'}: seconds, signed; the empty offset is zero.
   *
   * @throws RenderException (400) for anything graphite-web rejects
   */
  public static long offsetSeconds(String offset) {
    AtTime reader = new AtTime(offset, java.time.ZoneOffset.UTC);
    int[] s = offset.codePoints().toArray();
    if (s.length > 0 && isDigit(s[0])) {
      int[] signed = new int[s.length + 1];
      signed[0] = '+';
      System.arraycopy(s, 0, signed, 1, s.length);
      s = signed;
    } else if (s.length > 0 && s[0] != '+' && s[0] != '-') {
      throw reader.fail("an offset starts with a sign or a digit");
    }
    return reader.offset(s);
  }

  private long parse(long now) {
    if (now < MIN || now > MAX || !inRange(now + zone.offsetSeconds(now))) {
      throw new IllegalArgumentException("now is outside the years 1 to 9999: " + now);
    }
    int[] s = clean(text);
    if (s.length > 0 && isDigits(s, 0, s.length)) {
      boolean yyyymmdd = s.length == 8 && integer(s, 0, 4) > 1900 && integer(s, 4, 6) < 13 && integer(s, 6, 8) < 32;
      if (!yyyymmdd) {
        long epoch = integer(s, 0, s.length);
        if (epoch > MAX || !inRange(epoch + zone.offsetSeconds(epoch))) {
          throw fail("timestamp out of range");
        }
        return epoch;
      }
    }
    int split = indexOf(s, "+", 0);
    if (split < 0) {
      split = indexOf(s, "-", 0);
    }
    if (split < 0) {
      split = s.length;
    }
    long[] reference = reference(Arrays.copyOfRange(s, 0, split), now);
    long offset = offset(Arrays.copyOfRange(s, split, s.length));
    long wall = reference[0] + offset;
    long epoch = wall - reference[1];
    if (!inRange(wall) || !zone.fixed() && (!inRange(epoch) || !inRange(epoch + zone.offsetSeconds(epoch)))) {
      throw fail("date out of range");
    }
    return epoch;
  }

  /** {@code {wall-clock seconds, offset seconds}} of a time reference: {@code now}, a time of day, a day, or both. */
  private long[] reference(int[] ref, long now) {
    int nowOffset = zone.offsetSeconds(now);
    if (ref.length == 0 || isWord(ref, 0, "now")) {
      return new long[] {now + nowOffset, nowOffset};
    }
    long hour = 0;
    long minute = 0;
    int i = indexOf(ref, ":", 0);
    if (i > 0 && i < 3) {
      hour = integer(ref, 0, i);
      minute = integer(ref, i + 1, Math.min(i + 3, ref.length));
      ref = tail(ref, i + 3);
      if (startsWith(ref, "am")) {
        ref = tail(ref, 2);
      } else if (startsWith(ref, "pm")) {
        hour = (hour + 12) % 24;
        ref = tail(ref, 2);
      }
    }
    i = indexOf(ref, "am", 0);
    if (i > 0 && i < 3) {
      hour = integer(ref, 0, i);
      ref = tail(ref, i + 2);
    }
    i = indexOf(ref, "pm", 0);
    if (i > 0 && i < 3) {
      hour = (integer(ref, 0, i) + 12) % 24;
      ref = tail(ref, i + 2);
    }
    if (startsWith(ref, "noon")) {
      hour = 12;
      minute = 0;
      ref = tail(ref, 4);
    } else if (startsWith(ref, "midnight")) {
      hour = 0;
      minute = 0;
      ref = tail(ref, 8);
    } else if (startsWith(ref, "teatime")) {
      hour = 16;
      minute = 0;
      ref = tail(ref, 7);
    }
    if (hour > 23 || minute > 59) {
      throw fail("hour or minute out of range");
    }
    long clock = hour * 3600 + minute * 60;
    LocalDate today = LocalDate.ofEpochDay(Math.floorDiv(now + nowOffset, DAY));
    long wall = today.toEpochDay() * DAY + clock;
    if (isWord(ref, 0, "yesterday")) {
      wall -= DAY;
    } else if (isWord(ref, 0, "tomorrow")) {
      wall += DAY;
    } else if (isWord(ref, 0, "today")) {
      // today at the time of day
    } else if (count(ref, '/') == 2) {
      int first = indexOf(ref, "/", 0);
      int second = indexOf(ref, "/", first + 1);
      long month = integer(ref, 0, first);
      long day = integer(ref, first + 1, second);
      long year = integer(ref, second + 1, ref.length);
      year += year < 1900 ? 1900 : 0;
      year += year < 1970 ? 100 : 0;
      wall = date(year, month, day) + clock;
    } else if (ref.length == 8 && isDigits(ref, 0, 8)) {
      wall = date(integer(ref, 0, 4), integer(ref, 4, 6), integer(ref, 6, 8)) + clock;
    } else if (find(MONTHS, ref) >= 0) {
      long day;
      if (isDigits(ref, ref.length - 2, ref.length)) {
        day = integer(ref, ref.length - 2, ref.length);
      } else if (isDigits(ref, ref.length - 1, ref.length)) {
        day = integer(ref, ref.length - 1, ref.length);
      } else {
        throw fail("day of month required after month name");
      }
      wall = date(today.getYear(), find(MONTHS, ref) + 1, day) + clock;
    } else if (find(WEEKDAYS, ref) >= 0) {
      int daysBack = today.getDayOfWeek().getValue() % 7 - find(WEEKDAYS, ref);
      wall -= (daysBack < 0 ? daysBack + 7 : daysBack) * DAY;
    } else if (ref.length > 0) {
      throw fail("unknown day reference");
    }
    if (!inRange(wall)) {
      throw fail("date out of range");
    }
    return new long[] {wall, localize(wall)};
  }

  /** pytz's {@code localize(wall, is_dst=False)}: the offset a wall-clock time is read with. */
  private long localize(long wall) {
    if (zone.fixed()) {
      return zone.offsetSeconds(wall);
    }
    if (!inRange(wall - DAY) || !inRange(wall + DAY)) {
      throw fail("date out of range");
    }
    // pytz probes the offsets in force a day either side, and keeps those under which the wall clock reads back.
    long before = zone.offsetSeconds(wall - DAY);
    long after = zone.offsetSeconds(wall + DAY);
    boolean beforeFits = zone.offsetSeconds(wall - before) == before;
    boolean afterFits = zone.offsetSeconds(wall - after) == after;
    if (beforeFits && afterFits && before != after) {
      // Ambiguous: the standard-time reading, or else the later instant.
      boolean beforeDst = zone.daylightSaving(wall - before);
      boolean afterDst = zone.daylightSaving(wall - after);
      if (beforeDst != afterDst) {
        return beforeDst ? after : before;
      }
      return Math.min(before, after);
    }
    if (beforeFits || afterFits) {
      return beforeFits ? before : after;
    }
    // A wall-clock time skipped by a transition: read with the offset of six hours earlier.
    return localize(wall - 6 * 3600);
  }

  /** parseTimeOffset: a sign, then number-unit pairs, all taking that sign; the empty offset is zero. */
  private long offset(int[] offset) {
    if (offset.length == 0) {
      return 0;
    }
    long sign = offset[0] == '-' ? -1 : 1;
    long total = 0;
    int at = 1;
    while (at < offset.length) {
      int digits = at;
      while (digits < offset.length && isDigit(offset[digits])) {
        digits++;
      }
      long amount = integer(offset, at, digits);
      int letters = digits;
      while (letters < offset.length && Character.isLetter(offset[letters])) {
        letters++;
      }
      long unit = unitSeconds(offset, digits, letters);
      if (amount > DELTA_MAX / unit) {
        throw fail("offset out of range");
      }
      total += sign * amount * unit;
      if (total < DELTA_MIN || total > DELTA_MAX) {
        throw fail("offset out of range");
      }
      at = letters;
    }
    return total;
  }

  private long unitSeconds(int[] s, int from, int to) {
    int[] unit = Arrays.copyOfRange(s, from, to);
    if (startsWith(unit, "s")) {
      return 1;
    } else if (startsWith(unit, "min")) {
      return 60;
    } else if (startsWith(unit, "h")) {
      return 3600;
    } else if (startsWith(unit, "d")) {
      return DAY;
    } else if (startsWith(unit, "w")) {
      return 7 * DAY;
    } else if (startsWith(unit, "mon")) {
      return 30 * DAY;
    } else if (startsWith(unit, "y")) {
      return 365 * DAY;
    }
    throw fail("invalid offset unit '" + new String(unit, 0, unit.length) + "'");
  }

  /** Python's {@code datetime(year, month, day)} at midnight, as wall-clock seconds. */
  private long date(long year, long month, long day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1
        || day > LocalDate.of((int) year, (int) month, 1).lengthOfMonth()) {
      throw fail("no such date");
    }
    return LocalDate.of((int) year, (int) month, (int) day).toEpochDay() * DAY;
  }

  /** Python's {@code int(s[from:to])}, saturating at {@link #HUGE}. */
  private long integer(int[] s, int from, int to) {
    while (from < to && isSpace(s[from])) {
      from++;
    }
    while (to > from && isSpace(s[to - 1])) {
      to--;
    }
    if (from == to || to - from > 4300) {
      throw fail("not a number");
    }
    long value = 0;
    for (int i = from; i < to; i++) {
      if (Character.getType(s[i]) != Character.DECIMAL_DIGIT_NUMBER) {
        throw fail("not a number");
      }
      value = Math.min(HUGE, value * 10 + Character.digit(s[i], 10));
    }
    return value;
  }

  private RenderException fail(String reason) {
    String shown = text.length() > 100 ? text.substring(0, 100) + "…" : text;
    return new RenderException(400, "Invalid time '" + shown + "': " + reason);
  }

  private static boolean inRange(long seconds) {
    return seconds >= MIN && seconds <= MAX;
  }
}
