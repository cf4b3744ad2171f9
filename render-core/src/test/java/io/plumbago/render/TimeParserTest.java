package io.plumbago.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeParserTest {
  /** 2023-11-14T22:13:20Z, a Tuesday; 17:13:20 in New York, 03:43:20 on Wednesday the 15th in Kolkata. */
  private static final long NOW = 1_700_000_000L;
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

  private static long utc(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).toEpochSecond(ZoneOffset.UTC);
  }

  private static long at(ZoneId zone, int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(zone).toEpochSecond();
  }

  @Test
  void readsRelativeOffsetsWithEveryUnitSpelling() {
    assertEquals(NOW, TimeParser.parse("now", NOW));
    assertEquals(NOW - 600, TimeParser.parse("-10min", NOW));
    assertEquals(NOW - 600, TimeParser.parse("-10minutes", NOW));
    assertEquals(NOW - 30, TimeParser.parse("-30s", NOW));
    assertEquals(NOW - 30, TimeParser.parse("-30sec", NOW));
    assertEquals(NOW - 30, TimeParser.parse("-30seconds", NOW));
    assertEquals(NOW - 3600, TimeParser.parse("-1h", NOW));
    assertEquals(NOW - 3600, TimeParser.parse("-1hours", NOW));
    assertEquals(NOW - 7 * 86400, TimeParser.parse("-7d", NOW));
    assertEquals(NOW - 7 * 86400, TimeParser.parse("-7days", NOW));
    assertEquals(NOW - 14 * 86400, TimeParser.parse("-2w", NOW));
    assertEquals(NOW - 14 * 86400, TimeParser.parse("-2weeks", NOW));
    assertEquals(NOW - 30 * 86400, TimeParser.parse("-1mon", NOW));
    assertEquals(NOW - 60 * 86400, TimeParser.parse("-2months", NOW));
    assertEquals(NOW - 365 * 86400, TimeParser.parse("-1y", NOW));
    assertEquals(NOW - 365 * 86400, TimeParser.parse("-1years", NOW));
    assertEquals(NOW + 3600, TimeParser.parse("+1h", NOW));
  }

  @Test
  void unitsAreMatchedByPrefixAndPairsShareTheSign() {
    assertEquals(NOW - 5, TimeParser.parse("-5sausages", NOW));
    assertEquals(NOW - 60, TimeParser.parse("-1minnow", NOW));
    assertEquals(NOW - 86400 - 2 * 3600, TimeParser.parse("-1d2h", NOW));
    assertEquals(NOW + 90, TimeParser.parse("+1min30s", NOW));
    assertEquals(NOW, TimeParser.parse("-", NOW));
    assertEquals(NOW, TimeParser.parse("", NOW));
    assertEquals(NOW, TimeParser.parse("now+", NOW));
    for (String bad : new String[] {"-10m", "-1mo", "-1", "-h", "-1d-2h", "-1d+2h", "now-1d+2h", "-1d 2", "-1x"}) {
      assertInvalid(bad);
    }
  }

  @Test
  void ignoresCaseSurroundingWhitespaceUnderscoresCommasAndSpaces() {
    assertEquals(NOW - 86400, TimeParser.parse("  -1 D\t", NOW));
    assertEquals(NOW - 86400, TimeParser.parse("-1_d", NOW));
    assertEquals(utc(2023, 11, 13, 12, 0), TimeParser.parse("Noon, Yesterday", NOW));
  }

  @Test
  void readsEpochSecondsAndTellsThemFromDates() {
    assertEquals(1_600_000_000L, TimeParser.parse("1600000000", NOW));
    assertEquals(0, TimeParser.parse("0", NOW));
    assertEquals(utc(2024, 1, 1, 0, 0), TimeParser.parse("20240101", NOW));
    assertEquals(19_000_101L, TimeParser.parse("19000101", NOW), "year 1900 is not after 1900: a timestamp");
    assertEquals(20_241_301L, TimeParser.parse("20241301", NOW), "month 13: a timestamp");
    assertEquals(20_240_132L, TimeParser.parse("20240132", NOW), "day 32: a timestamp");
    assertInvalid("20240231");
    assertInvalid("20240100");
    assertEquals(253_402_300_799L, TimeParser.parse("253402300799", NOW));
    assertInvalid("253402300800");
    assertEquals(1_700_000_000L, TimeParser.parse("\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660", NOW),
        "Python's int() reads any Unicode decimal digits");
    assertInvalid("1\u00b2");
  }

  @Test
  void readsTimesOfDay() {
    long today = utc(2023, 11, 14, 0, 0);
    assertEquals(today, TimeParser.parse("midnight", NOW));
    assertEquals(today + 12 * 3600, TimeParser.parse("noon", NOW));
    assertEquals(today + 16 * 3600, TimeParser.parse("teatime", NOW));
    assertEquals(today + 9 * 3600 + 5 * 60, TimeParser.parse("9:05", NOW));
    assertEquals(today + 21 * 3600 + 5 * 60, TimeParser.parse("9:05pm", NOW));
    assertEquals(today + 9 * 3600 + 5 * 60, TimeParser.parse("09:05am", NOW));
    assertEquals(today + 15 * 3600, TimeParser.parse("3pm", NOW));
    assertEquals(today + 3 * 3600, TimeParser.parse("3am", NOW));
    assertEquals(today + 12 * 3600, TimeParser.parse("12am", NOW), "graphite-web's 12am is noon");
    assertEquals(today, TimeParser.parse("12pm", NOW), "graphite-web's 12pm is midnight");
    assertEquals(today + 15 * 3600, TimeParser.parse("99pm", NOW), "(99 + 12) % 24");
    assertInvalid("24:00");
    assertInvalid("9:60");
    assertEquals(today + 13 * 3600, TimeParser.parse("13am", NOW));
    assertInvalid("24am");
    assertInvalid("9:");
  }

  @Test
  void readsDays() {
    assertEquals(utc(2023, 11, 13, 0, 0), TimeParser.parse("yesterday", NOW));
    assertEquals(utc(2023, 11, 14, 0, 0), TimeParser.parse("today", NOW));
    assertEquals(utc(2023, 11, 15, 0, 0), TimeParser.parse("tomorrow", NOW));
    assertEquals(utc(2023, 11, 13, 18, 0), TimeParser.parse("6pm yesterday", NOW));
    assertEquals(utc(2023, 11, 15, 16, 0), TimeParser.parse("teatime tomorrow", NOW));
    assertEquals(utc(2024, 3, 5, 0, 0), TimeParser.parse("03/05/24", NOW));
    assertEquals(utc(2024, 3, 5, 0, 0), TimeParser.parse("3/5/2024", NOW));
    assertEquals(utc(1999, 3, 5, 0, 0), TimeParser.parse("3/5/99", NOW));
    assertEquals(utc(2069, 3, 5, 0, 0), TimeParser.parse("3/5/69", NOW), "years before 1970 move a century on");
    assertEquals(utc(2050, 3, 5, 0, 0), TimeParser.parse("3/5/1950", NOW));
    assertEquals(utc(2024, 1, 1, 10, 30), TimeParser.parse("10:30_20240101", NOW));
    assertEquals(utc(2024, 1, 1, 22, 30), TimeParser.parse("10:30pm_20240101", NOW));
    assertEquals(utc(2024, 1, 1, 10, 30), TimeParser.parse("10:30 01/01/2024", NOW));
    assertInvalid("2/30/2024");
    assertInvalid("1/1/10000");
  }

  @Test
  void readsMonthNamesInThisYear() {
    assertEquals(utc(2023, 1, 1, 0, 0), TimeParser.parse("january1", NOW));
    assertEquals(utc(2023, 1, 1, 0, 0), TimeParser.parse("jan1", NOW));
    assertEquals(utc(2023, 12, 25, 8, 0), TimeParser.parse("8am dec 25", NOW));
    assertEquals(utc(2023, 3, 31, 0, 0), TimeParser.parse("march31", NOW));
    assertEquals(utc(2023, 2, 23, 0, 0), TimeParser.parse("feb123", NOW), "the day is the last two characters");
    assertInvalid("jan");
    assertInvalid("feb30");
    assertInvalid("jan0");
  }

  @Test
  void readsWeekdaysAsTheLatestOneTodayIncluded() {
    assertEquals(utc(2023, 11, 14, 0, 0), TimeParser.parse("tuesday", NOW));
    assertEquals(utc(2023, 11, 13, 0, 0), TimeParser.parse("monday", NOW));
    assertEquals(utc(2023, 11, 13, 0, 0), TimeParser.parse("month", NOW), "'mon' is enough");
    assertEquals(utc(2023, 11, 8, 0, 0), TimeParser.parse("wed", NOW));
    assertEquals(utc(2023, 11, 12, 12, 0), TimeParser.parse("noon sunday", NOW));
  }

  @Test
  void combinesReferencesWithOffsets() {
    assertEquals(utc(2023, 11, 13, 0, 0), TimeParser.parse("midnight-1d", NOW));
    assertEquals(NOW - 300, TimeParser.parse("now-5min", NOW));
    assertEquals(utc(2023, 11, 14, 13, 0), TimeParser.parse("noon+1h", NOW));
    assertEquals(utc(2023, 12, 31, 0, 0), TimeParser.parse("20240101-1d", NOW));
    assertInvalid("noon+yesterday");
    assertInvalid("now-1d-1h");
  }

  @Test
  void readsWallClockTimesInTheZone() {
    assertEquals(NOW, TimeParser.parse("now", NOW, NEW_YORK));
    assertEquals(at(NEW_YORK, 2023, 11, 14, 0, 0), TimeParser.parse("midnight", NOW, NEW_YORK));
    assertEquals(at(KOLKATA, 2023, 11, 15, 0, 0), TimeParser.parse("today", NOW, KOLKATA), "already the 15th there");
    assertEquals(at(KOLKATA, 2023, 11, 15, 0, 0), TimeParser.parse("wednesday", NOW, KOLKATA));
    assertEquals(NOW, TimeParser.parse("1700000000", NOW, KOLKATA));
  }

  @Test
  void resolvesDaylightSavingChangesAsPytzDoes() {
    // Skipped 02:30: the offset before the gap, so 03:30 EDT.
    assertEquals(at(NEW_YORK, 2024, 3, 10, 3, 30), TimeParser.parse("2:30_20240310", NOW, NEW_YORK));
    // Ambiguous 01:30: standard time, the later instant.
    assertEquals(utc(2024, 11, 3, 6, 30), TimeParser.parse("1:30_20241103", NOW, NEW_YORK));
    // pytz reads 32-bit zone data: no daylight saving time after 2037, whole-minute local mean time before 1901.
    assertEquals(utc(2050, 7, 1, 5, 0), TimeParser.parse("20500701", NOW, NEW_YORK));
    assertEquals(utc(1880, 1, 1, 4, 56), TimeParser.parse("0:00_18800101", NOW, NEW_YORK));
  }

  @Test
  void refusesOutOfRangeDates() {
    assertEquals(10_101, TimeParser.parse("00010101", NOW), "year 1 is not after 1900: a timestamp");
    assertEquals(utc(1, 1, 1, 0, 0), TimeParser.parse("0:00_00010101", NOW));
    assertInvalid("0:00_00010101-1s");
    assertEquals(utc(9999, 12, 31, 23, 59), TimeParser.parse("23:59_99991231", NOW));
    assertThrows(RenderException.class, () -> TimeParser.parse("0:00_00010101", NOW, NEW_YORK),
        "pytz's localize looks a day either side");
    assertInvalid("-1000000000d");
    assertInvalid("-999999999d");
    assertInvalid("-1" + "0".repeat(30) + "s");
  }

  @Test
  void refusalsNameTheValue() {
    RenderException e = assertThrows(RenderException.class, () -> TimeParser.parse("yesterdayish", NOW));
    assertEquals(400, e.status());
    assertTrue(e.getMessage().contains("'yesterdayish'"), e.getMessage());
    assertInvalid("nowx");
    assertInvalid("noon:");
  }

  @Test
  void zonesAreReadAsGraphiteWebReadsTz() {
    assertEquals(ZoneOffset.UTC, TimeParser.zone(null));
    assertEquals(NEW_YORK, TimeParser.zone("America/New_York"));
    assertEquals(NEW_YORK, TimeParser.zone("america/new_york"));
    assertEquals(ZoneOffset.UTC, TimeParser.zone("utc"));
    assertEquals(ZoneId.of("Etc/GMT+5"), TimeParser.zone("Etc/GMT_plus_5"));
    assertEquals(ZoneOffset.UTC, TimeParser.zone("Mars/Olympus_Mons"), "an unknown tz falls back, as graphite-web's");
    assertEquals(ZoneOffset.UTC, TimeParser.zone("SystemV/EST5"));
    assertEquals(KOLKATA, TimeParser.zone("Nowhere", KOLKATA));
    assertEquals(ZoneOffset.ofHours(-5), TimeParser.zone("EST"));
  }

  /** Seeded; {@code -Dseed=N} replays a failure. */
  @Test
  void anyStringIsAnInstantOrARenderException() {
    long seed = Long.getLong("seed", 20_260_302L);
    SplittableRandom random = new SplittableRandom(seed);
    ZoneId[] zones = {ZoneOffset.UTC, NEW_YORK, KOLKATA, ZoneId.of("Australia/Lord_Howe"), ZoneOffset.ofHours(14)};
    for (int i = 0; i < 20_000; i++) {
      String text = i % 2 == 0 ? TimeStrings.any(random) : arbitrary(random);
      long now = random.nextLong(-62_135_596_800L + 86_400, 253_402_300_799L - 86_400);
      ZoneId zone = zones[random.nextInt(zones.length)];
      try {
        TimeParser.parse(text, now, zone);
      } catch (RenderException e) {
        assertEquals(400, e.status());
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ", case " + i + ": " + TargetJson.string(text, new StringBuilder())
            + " at " + now + " in " + zone, e);
      }
    }
  }

  private static String arbitrary(SplittableRandom random) {
    StringBuilder out = new StringBuilder();
    for (int n = random.nextInt(20); n > 0; n--) {
      int c = random.nextInt(4) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1) : random.nextInt(0x80);
      out.appendCodePoint(c);
    }
    return out.toString();
  }

  private static void assertInvalid(String text) {
    RenderException e = assertThrows(RenderException.class, () -> TimeParser.parse(text, NOW), text);
    assertEquals(400, e.status());
  }
}
