package io.plumbago.render;

import io.plumbago.render.time.AtTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * graphite-web's {@code from}, {@code until} and {@code now} values, read exactly as graphite-web 1.1.8's
 * {@code parseATTime} reads them, and its {@code tz} parameter. Stateless and thread-safe.
 *
 * <p>Case, surrounding whitespace, and every {@code _}, {@code ,} and space are ignored. A value is
 * <ul>
 *   <li>epoch seconds: all digits, unless it is eight digits that read as {@code YYYYMMDD} with a year after 1900, a
 *       month under 13 and a day under 32 ({@code 20240101} is a date, {@code 19000101} is a timestamp); or
 *   <li>a reference, then optionally an offset starting at the first {@code +} (or, if none, the first {@code -}).
 * </ul>
 * A reference is empty or {@code now}, or an optional time of day followed by an optional day. The time of day is
 * {@code HH:MM}, {@code HH:MMam}, {@code HH:MMpm}, {@code Ham}, {@code Hpm}, {@code noon}, {@code midnight} or
 * {@code teatime} (16:00), midnight when absent; graphite-web reads {@code 12am} as noon and {@code 12pm} as midnight,
 * and so does this. The day is {@code today} when absent, {@code yesterday}, {@code tomorrow}, {@code MM/DD/YY} (years
 * before 1970 move a century on), {@code MM/DD/YYYY}, {@code YYYYMMDD}, a month name's first three letters then the
 * day of the month in the last one or two characters ({@code jan1}, {@code january31}) in this year, or a weekday's
 * first three letters ({@code monday}, {@code mon}, and so {@code month}) for its latest occurrence, today included.
 * So {@code 6pm yesterday}, {@code 10:30_20240101} and {@code noon+1d} read, while {@code noon+yesterday} does not.
 * An offset is a sign and one or more number-unit pairs, all taking that sign ({@code -1d12h}); the units are words
 * starting {@code s}, {@code min}, {@code h}, {@code d}, {@code w}, {@code mon} (30 days) or {@code y} (365 days), so
 * {@code m} and {@code mo} are errors. A bare sign is no offset: {@code -} and the empty string mean now.
 *
 * <p>Wall-clock times are read in a time zone as pytz reads them: an ambiguous time takes standard time, a skipped one
 * the offset before the gap, offsets are rounded to the minute, and zones keep their 2037 rules thereafter (pytz reads
 * 32-bit zone data). Values outside the years 1 to 9999 are errors. Anything graphite-web rejects is a
 * {@link RenderException} (400) naming the value.
 */
public final class TimeParser {
  private static final Map<String, String> ZONES_BY_LOWER_CASE = zonesByLowerCase();

  private TimeParser() {}

  /** {@code text} as seconds since the epoch, relative to {@code nowSeconds}, with wall-clock times in UTC. */
  public static long parse(String text, long nowSeconds) {
    return parse(text, nowSeconds, ZoneOffset.UTC);
  }

  /**
   * {@code text} as seconds since the epoch, relative to {@code nowSeconds}, with wall-clock times in {@code zone}.
   *
   * @throws RenderException (400) when graphite-web would reject {@code text}
   * @throws IllegalArgumentException when {@code nowSeconds} is outside the years 1 to 9999
   */
  public static long parse(String text, long nowSeconds, ZoneId zone) {
    return AtTime.parse(Objects.requireNonNull(text, "text"), nowSeconds, Objects.requireNonNull(zone, "zone"));
  }

  /** The zone of a {@code tz} parameter, UTC when it is absent or unknown; see {@link #zone(String, ZoneId)}. */
  public static ZoneId zone(String tzParam) {
    return zone(tzParam, ZoneOffset.UTC);
  }

  /**
   * The zone of a {@code tz} parameter, or {@code defaultZone} when it is absent ({@code null}) or names no zone.
   * graphite-web ignores a {@code tz} pytz does not know and renders in its {@code TIME_ZONE}; so does this, rather
   * than answer 400. Names are matched as pytz matches them: {@code UTC} in any case, other tz database names
   * case-insensitively, {@code _plus_} and {@code _minus_} read as {@code +} and {@code -}, non-ASCII never.
   */
  public static ZoneId zone(String tzParam, ZoneId defaultZone) {
    Objects.requireNonNull(defaultZone, "defaultZone");
    if (tzParam == null || !tzParam.chars().allMatch(c -> c < 0x80)) {
      return defaultZone;
    }
    if (tzParam.equalsIgnoreCase("utc")) {
      return ZoneOffset.UTC;
    }
    String id = ZONES_BY_LOWER_CASE.get(
        tzParam.replace("_plus_", "+").replace("_minus_", "-").toLowerCase(Locale.ROOT));
    return id == null ? defaultZone : ZoneId.of(id);
  }

  /** pytz's names (Debian's tz database) as the JVM's zone ids: the SystemV zones are the JVM's alone. */
  private static Map<String, String> zonesByLowerCase() {
    Map<String, String> zones = new HashMap<>();
    for (String id : ZoneId.getAvailableZoneIds()) {
      if (!id.startsWith("SystemV/")) {
        zones.put(id.toLowerCase(Locale.ROOT), id);
      }
    }
    // Names the tz database has and the JVM lacks, with what they mean.
    zones.putAll(Map.of("est", "-05:00", "mst", "-07:00", "hst", "-10:00", "gmt+0", "GMT", "gmt-0", "GMT",
        "roc", "Asia/Taipei"));
    return Map.copyOf(zones);
  }
}
